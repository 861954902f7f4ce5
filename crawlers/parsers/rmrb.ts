import type { CheerioAPI } from 'cheerio';
import { DateTime } from 'luxon';
import { dateCandidate, dayCandidate, SHANGHAI, type DateCandidate } from '../../pipeline/dates/candidates.js';
import { cleanText, firstMatch, metaContent, requireMatch, squash } from '../extract/text.js';
import type {
  ArticleExtract,
  CrawlRequest,
  DiscoverContext,
  Discovery,
  FetchedDocument,
  SourceParser,
} from '../extract/types.js';
import { rmrb } from '../sources/rmrb.js';
import {
  headDocNumber,
  inWindow,
  nativeIdOf,
  requireElement,
  resolveHref,
  startRequests,
  titleText,
  urlDayCandidate,
} from '../extract/parser-helpers.js';
import { parsePeopleArticle } from './rmrb-people.js';
import { signingBody } from '../extract/sign-off.js';

const sel = rmrb.selectors;
/** An e-paper page (版面): issue date in groups 1–3. */
const NODE_URL = /^https?:\/\/paper\.people\.com\.cn\/rmrb\/pc\/layout\/(\d{4})(\d{2})\/(\d{2})\/node_\d+\.html$/;
/** An e-paper article: issue date in groups 1–3. */
const CONTENT_URL =
  /^https?:\/\/paper\.people\.com\.cn\/rmrb\/pc\/content\/(\d{4})(\d{2})\/(\d{2})\/content_\d+\.html$/;
/** Editor credits listed like articles (quirk `editor-links-in-article-dom`). */
const EDITOR_CREDIT = /责编|责任编辑/;
/** Wire services whose copy the paper runs under their own dateline (`新华社北京5月15日电`). */
const WIRE_DATELINE = /^(新华社|中新社)\S{0,16}?电/;
const OWN_OUTLET = '人民日报';

/**
 * Roles of a LIST request, in `userData.extra.role`: who follows the issue's page list and who
 * adds earlier issues. The role comes with the request (the start request is `index`), never from
 * the final URL: the real index redirects to the latest `node_01.html` (quirk
 * `index-is-latest-issue-page`), which looks like any issue's first page.
 */
type Role = 'index' | 'issue' | 'page';
const ROLES: readonly string[] = ['index', 'issue', 'page'] satisfies Role[];

/** The request's role; a LIST request without one is an issue's first page (follows its pages only). */
function roleOf(doc: FetchedDocument): Role {
  const role = doc.userData.extra?.role ?? 'issue';
  return ROLES.includes(role) ? (role as Role) : 'issue';
}

/** A page of an issue (`node_NN.html`) as a LIST request. */
function nodeRequest(url: string, role: Role): CrawlRequest {
  // An earlier issue is guessed from its date; days without an issue answer 404, no failure.
  return { url, label: 'LIST', userData: { extra: { role }, ...(role === 'issue' ? { optional: true } : {}) } };
}

/** The issue day of an e-paper URL as a DateTime in Beijing, or undefined. */
function issueDay(url: string, re: RegExp): DateTime | undefined {
  const m = re.exec(url);
  if (!m) return undefined;
  const day = DateTime.fromObject({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }, { zone: SHANGHAI });
  return day.isValid ? day : undefined;
}

/**
 * Earlier issues: `node_01.html` for each day before the latest issue back to the day of
 * `since`, newest first, at most `maxPages - 1` of them (the index counts as the first). The
 * paper appears daily; a day without an issue answers 404.
 */
function backIssues(latest: DateTime, base: string, ctx: DiscoverContext): CrawlRequest[] {
  const first = DateTime.fromJSDate(ctx.since, { zone: SHANGHAI }).startOf('day');
  const out: CrawlRequest[] = [];
  for (let d = latest.minus({ days: 1 }); d >= first && out.length < ctx.maxPages - 1; d = d.minus({ days: 1 })) {
    out.push(nodeRequest(new URL(`/rmrb/pc/layout/${d.toFormat('yyyyMM/dd')}/node_01.html`, base).href, 'issue'));
  }
  return out;
}

/** Resolved links of the first selector in `selectors` that finds any, with their text. */
function links(
  $: CheerioAPI,
  selectors: readonly string[],
  base: string,
  shape: RegExp,
): { url: string; text: string }[] {
  for (const selector of selectors) {
    const found = $(selector)
      .toArray()
      .map((a) => ({ url: resolveHref($(a).attr('href'), base), text: squash($(a).text()) }))
      .filter((x): x is { url: string; text: string } => x.url !== undefined && shape.test(x.url));
    if (found.length > 0) return found;
  }
  return [];
}

/**
 * The layout index or a page of an issue → the issue's articles (without 本版责编 credits), its
 * other pages (from the index and an issue's first page, not from every page), and from the
 * index, earlier issues by date (quirk `back-issues-by-date-url`). Nothing is followed for an
 * issue that ended before `since`.
 */
function discoverIssue(doc: FetchedDocument, ctx: DiscoverContext): Discovery {
  const $ = doc.$();
  const pages = links($, sel.pageLink, doc.url, NODE_URL);
  const found = links($, sel.articleLink, doc.url, CONTENT_URL);
  const role = roleOf(doc);
  const day = issueDay(doc.url, NODE_URL) ?? issueDay(pages[0]?.url ?? '', NODE_URL);
  const dayDate = day
    ? dayCandidate('list', 'issue date (layout path)', day.toISODate() ?? '', day.year, day.month, day.day)
    : undefined;
  const itemsFound = pages.length + found.length;
  if (!inWindow(dayDate, ctx.since)) return { articles: [], next: [], itemsFound };
  const titles = new Map<string, string>();
  for (const l of found) if (!EDITOR_CREDIT.test(l.text) && !titles.has(l.url)) titles.set(l.url, l.text);
  const articles: CrawlRequest[] = [...titles].map(([url, listTitle]) => ({
    url,
    label: 'ARTICLE',
    userData: { listTitle },
  }));
  const pageUrls = role === 'page' ? [] : unique(pages.map((p) => p.url)).filter((u) => u !== doc.url);
  const next = pageUrls.map((u) => nodeRequest(u, 'page'));
  if (role === 'index' && day) next.push(...backIssues(day, doc.url, ctx));
  return { articles, next, itemsFound };
}

/** `items` without repeats, first occurrence kept. */
function unique(items: string[]): string[] {
  return [...new Set(items)];
}

/** The outlet of an e-paper article: a wire service by its dateline or byline, else the paper itself. */
function paperOutlet(bodyText: string, byline: string): string {
  return WIRE_DATELINE.exec(bodyText)?.[1] ?? /^(新华社|中新社)/.exec(byline)?.[1] ?? OWN_OUTLET;
}

/** The dates of an e-paper article: `.newstime` (page), the URL issue day, the (maybe stale) meta. */
function paperDates($: CheerioAPI, doc: FetchedDocument): DateCandidate[] {
  const shown = firstMatch($, sel.issueDate);
  const day = /\d{4}年\d{1,2}月\d{1,2}日/.exec(shown ? squash(shown.text()) : '')?.[0];
  const dates = [
    dateCandidate('page', '.newstime', day),
    urlDayCandidate(doc.url, CONTENT_URL, 'url path YYYYMM/DD'),
    dateCandidate('meta', 'meta[name=publishdate]', metaContent($, ['publishdate'])),
    doc.userData.listDate,
  ];
  return dates.filter((d): d is DateCandidate => d !== undefined);
}

/** An e-paper article (`/rmrb/pc/content/YYYYMM/DD/content_N.html`). An empty #ozoom is allowed (photo items). */
function parsePaperArticle(doc: FetchedDocument): ArticleExtract {
  const $ = doc.$();
  const titleEl = requireMatch($, sel.title, 'title', doc.url);
  const bodyText = cleanText(requireElement($, sel.body, 'body', doc.url));
  const bylineEl = firstMatch($, sel.byline)?.clone();
  bylineEl?.find('.date, .newstime').remove();
  return {
    nativeId: nativeIdOf(doc.url, rmrb.nativeId.pattern),
    url: doc.url,
    title: titleText(titleEl.text()),
    dates: paperDates($, doc),
    originalOutlet: paperOutlet(bodyText, squash(bylineEl?.text())),
    issuer: signingBody(bodyText), // a document printed in full keeps its sign-off
    docNumber: headDocNumber(bodyText),
    bodyText,
    attachments: [],
    language: 'zh',
  };
}

/**
 * 人民日报: the e-paper (layout index → issue pages → articles, earlier issues by date URL)
 * and people.com.cn article pages; `article` branches on the host.
 */
export const rmrbParser: SourceParser = {
  start: () => startRequests(rmrb),
  discover: discoverIssue,
  article: (doc) =>
    new URL(doc.url).hostname === 'paper.people.com.cn' ? parsePaperArticle(doc) : parsePeopleArticle(doc),
};
