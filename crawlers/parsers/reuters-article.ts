import type { CheerioAPI } from 'cheerio';
import { dateCandidate, type DateCandidate } from '../../pipeline/dates/candidates.js';
import { BotWallError, LayoutChangedError } from '../errors.js';
import { firstMatch, metaContent, squash } from '../extract/text.js';
import type { ArticleExtract, FetchedDocument } from '../extract/types.js';
import { reuters } from '../sources/reuters.js';
import { nativeIdOf, reutersUrl, slugDateCandidate } from './reuters-url.js';

type JsonObject = Record<string, unknown>;

const ARTICLE_TYPES = new Set(['NewsArticle', 'Article', 'ReportageNewsArticle', 'AnalysisNewsArticle']);

function asObject(value: unknown): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

function isArticle(node: JsonObject): boolean {
  const type = node['@type'];
  const types = Array.isArray(type) ? type : [type];
  return types.some((t) => typeof t === 'string' && ARTICLE_TYPES.has(t));
}

/** Top-level nodes of one JSON-LD block: an object, an array, or an `@graph`. */
function ldNodes(json: unknown): JsonObject[] {
  const list = Array.isArray(json) ? json : [json];
  return list.flatMap((item) => {
    const node = asObject(item);
    if (!node) return [];
    const graph = node['@graph'];
    return Array.isArray(graph) ? [node, ...ldNodes(graph)] : [node];
  });
}

/**
 * The page's top-level NewsArticle JSON-LD. Only top-level nodes count: the 2024 page nests
 * a VideoObject whose own `datePublished` (07:19) is not the article's (07:55).
 */
export function newsArticleLd($: CheerioAPI): JsonObject | undefined {
  for (const script of $('script[type="application/ld+json"]').toArray()) {
    let json: unknown;
    try {
      json = JSON.parse($(script).text());
    } catch {
      continue; // one broken block must not hide a good one
    }
    const article = ldNodes(json).find(isArticle);
    if (article) return article;
  }
  return undefined;
}

function ldString(ld: JsonObject | undefined, key: string): string | undefined {
  const value = ld?.[key];
  return typeof value === 'string' ? squash(value) || undefined : undefined;
}

/** Title: the visible heading, then og:title, then JSON-LD headline. */
function articleTitle($: CheerioAPI, ld: JsonObject | undefined, url: string): string {
  const heading = firstMatch($, reuters.selectors.title);
  const title = (heading && squash(heading.text())) || metaContent($, ['og:title']) || ldString(ld, 'headline');
  if (!title)
    throw new LayoutChangedError(
      `no title: none of ${reuters.selectors.title.join(' | ')}, og:title, JSON-LD headline`,
      url,
    );
  return title;
}

/**
 * Dates: JSON-LD datePublished and meta article:published_time (both the public time,
 * = Fusion `display_time`), then the slug day. Fusion `published_time` is the creation
 * time and is deliberately never read.
 */
function articleDates($: CheerioAPI, ld: JsonObject | undefined, pathname: string): DateCandidate[] {
  return [
    dateCandidate('jsonld', 'ld+json NewsArticle.datePublished', ldString(ld, 'datePublished')),
    dateCandidate(
      'meta',
      'meta[name=article:published_time]',
      metaContent($, ['article:published_time', 'og:article:published_time']),
    ),
    slugDateCandidate(pathname),
  ].filter((c): c is DateCandidate => c !== undefined);
}

/** Body: the paragraphs of the first body container that has any, one per line. */
function articleBody($: CheerioAPI, url: string): string {
  for (const container of reuters.selectors.body) {
    const body = $(container).first();
    if (body.length === 0) continue;
    for (const selector of reuters.selectors.paragraphs) {
      const lines = body
        .find(selector)
        .toArray()
        .map((p) => squash($(p).text()))
        .filter((line) => line !== '');
      if (lines.length > 0) return lines.join('\n');
    }
  }
  throw new LayoutChangedError(`no body paragraphs: none of ${reuters.selectors.body.join(' | ')} holds any`, url);
}

/** The canonical URL when it is on the source's host, else the fetched URL. */
function canonicalUrl($: CheerioAPI, fetched: string): string {
  const href = $('link[rel="canonical"]').attr('href');
  const canonical = href === undefined ? undefined : reutersUrl(href, fetched);
  return canonical ? canonical.toString() : fetched;
}

/** DataDome's interstitial ("Please enable JS…", captcha-delivery.com) served as a page. */
function isDataDome($: CheerioAPI): boolean {
  return $('script[src*="captcha-delivery.com"]').length > 0 || /captcha-delivery\.com/.test($('script').text());
}

/**
 * A Reuters article page (2024 and 2023 layouts) → its fields. Throws `BotWallError` on a
 * DataDome interstitial and `LayoutChangedError` when title or body markup is missing.
 */
export function parseReutersArticle(doc: FetchedDocument): ArticleExtract {
  const $ = doc.$();
  if (isDataDome($) && !firstMatch($, reuters.selectors.title)) {
    throw new BotWallError(doc.status, doc.url, 'DataDome interstitial instead of the article');
  }
  const url = canonicalUrl($, doc.url);
  const nativeId = nativeIdOf(url);
  if (!nativeId) throw new LayoutChangedError('article URL is not on www.reuters.com', doc.url);
  const ld = newsArticleLd($);
  return {
    nativeId,
    url,
    aliasUrls: url === doc.url ? [] : [doc.url],
    title: articleTitle($, ld, doc.url),
    dates: articleDates($, ld, new URL(url).pathname),
    originalOutlet: 'Reuters',
    issuer: null, // wire copy: no issuing body
    docNumber: null,
    bodyText: articleBody($, doc.url),
    attachments: [],
    // Only English records lead here; the language editions are dropped at the sitemap.
    language: 'en',
  };
}
