import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode } from 'domhandler';
import { dateCandidate, type DateCandidate } from '../../pipeline/dates/candidates.js';
import { cleanText, firstMatch, requireMatch, squash } from '../extract/text.js';
import type {
  ArticleExtract,
  CrawlRequest,
  DiscoverContext,
  Discovery,
  FetchedDocument,
  SourceParser,
} from '../extract/types.js';
import { cnr } from '../sources/cnr.js';
import {
  findIn,
  headDocNumber,
  inWindow,
  nativeIdOf,
  resolveHref,
  startRequests,
  titleText,
  urlDayCandidate,
} from '../extract/parser-helpers.js';
import { signingBody } from '../extract/sign-off.js';

const sel = cnr.selectors;
/** Article URLs (sources.md §4.4), with the folder date in groups 1–3. */
export const CNR_ARTICLE_URL = /^https?:\/\/[a-z]+\.cnr\.cn\/(?:[a-z0-9_]+\/)+((\d{4})(\d{2})(\d{2}))\/t\1_\d+\.shtml$/;
// The same URLs with only the date groups, for urlDayCandidate.
const URL_DATE = /\/(\d{4})(\d{2})(\d{2})\/t\d{8}_\d+\.shtml$/;
const TITLE_SUFFIX = /_央广网$/;
const INFO_DATE =
  /\d{4}-\d{1,2}-\d{1,2}\s+\d{1,2}:\d{2}(?::\d{2})?|\d{4}年\d{1,2}月\d{1,2}日\s*\d{1,2}:\d{2}(?::\d{2})?/;
const INFO_SOURCE = /来源\s*[：:]\s*([^\s|｜]+)/;

/** An article URL on one of the source's hosts, or undefined. */
function articleUrl(href: string | undefined, base: string): string | undefined {
  const url = resolveHref(href, base);
  if (!url || !CNR_ARTICLE_URL.test(url)) return undefined;
  return cnr.hosts.includes(new URL(url).hostname) ? url : undefined;
}

/** The links of the first link selector that finds any article link (a list, else the whole page). */
function articleLinks($: CheerioAPI, base: string): { url: string; el: Cheerio<AnyNode> }[] {
  for (const selector of sel.listLink) {
    const found = $(selector)
      .toArray()
      .map((a) => ({ url: articleUrl($(a).attr('href'), base), el: $(a) }))
      .filter((x): x is { url: string; el: Cheerio<AnyNode> } => x.url !== undefined);
    if (found.length > 0) return found;
  }
  return [];
}

/**
 * A section list → its article links (any link with the documented URL shape), each with the
 * link text and its row's date as a `list` date. No next page: the paging scheme is unknown.
 */
function discoverList(doc: FetchedDocument, ctx: DiscoverContext): Discovery {
  const $ = doc.$();
  const seen = new Set<string>();
  const articles: CrawlRequest[] = [];
  const links = articleLinks($, doc.url);
  for (const { url, el } of links) {
    if (seen.has(url)) continue;
    seen.add(url);
    const row = el.closest(sel.listRow.join(', '));
    const dateEl = row.length > 0 ? findIn(row, sel.listDate) : undefined;
    const listDate = dateCandidate('list', 'list row date', dateEl ? squash(dateEl.text()) : undefined);
    if (!inWindow(listDate, ctx.since)) continue;
    articles.push({
      url,
      label: 'ARTICLE',
      userData: { listTitle: squash(el.text()), ...(listDate ? { listDate } : {}) },
    });
  }
  return { articles, next: [], itemsFound: seen.size };
}

/** The info line's date (`page`) and 来源 outlet (null when the line names none). */
function infoLine($: CheerioAPI): { date?: DateCandidate; outlet: string | null } {
  const el = firstMatch($, sel.infoLine);
  const text = el ? squash(el.text()) : '';
  const date = dateCandidate('page', 'info line date', INFO_DATE.exec(text)?.[0]);
  return { ...(date ? { date } : {}), outlet: INFO_SOURCE.exec(text)?.[1] ?? null };
}

/** A cnr.cn article page. */
function parseArticle(doc: FetchedDocument): ArticleExtract {
  const $ = doc.$();
  const titleEl = requireMatch($, sel.title, 'title', doc.url);
  const body = requireMatch($, sel.body, 'body', doc.url);
  const bodyText = cleanText(body);
  const info = infoLine($);
  const dates = [info.date, doc.userData.listDate, urlDayCandidate(doc.url, URL_DATE, 'url path /YYYYMMDD/')];
  return {
    nativeId: nativeIdOf(doc.url, cnr.nativeId.pattern),
    url: doc.url,
    title: titleText(titleEl.text()).replace(TITLE_SUFFIX, ''),
    dates: dates.filter((d): d is DateCandidate => d !== undefined),
    originalOutlet: info.outlet,
    issuer: signingBody(bodyText), // a document quoted in full keeps its sign-off
    docNumber: headDocNumber(bodyText),
    bodyText,
    attachments: [],
    language: 'zh',
  };
}

/** 央广网: the 时政 section list and article pages (title/date markup unverified, see the source file). */
export const cnrParser: SourceParser = {
  start: () => startRequests(cnr),
  discover: discoverList,
  article: parseArticle,
};
