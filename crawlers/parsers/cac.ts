import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode } from 'domhandler';
import { dateCandidate, type DateCandidate } from '../../pipeline/dates/candidates.js';
import type { Attachment } from '../../db/tables/article.table.js';
import { cleanText, firstMatch, requireMatch, squash, stripSourceLabel } from '../extract/text.js';
import type {
  ArticleExtract,
  CrawlRequest,
  DiscoverContext,
  Discovery,
  FetchedDocument,
  SourceParser,
} from '../extract/types.js';
import { cac } from '../sources/cac.js';
import { discoverJsonList, jsonListRequest, PER_PAGE } from './cac-jsonlist.js';
import {
  findIn,
  headDocNumber,
  inWindow,
  nativeIdOf,
  oldest,
  resolveHref,
  startRequests,
  titleText,
  urlDayCandidate,
} from '../extract/parser-helpers.js';
import { signingBody } from '../extract/sign-off.js';

const sel = cac.selectors;
/** Article URLs, with the URL date in groups 1–3. */
export const CAC_ARTICLE_URL = /^https?:\/\/www\.cac\.gov\.cn\/(\d{4})-(\d{2})\/(\d{2})\/c_\d+\.htm$/;
const TITLE_SUFFIX = /_中央网络安全和信息化委员会办公室$/;

/** The site root: column hrefs are relative to it, not to the column page (quirk `root-relative-hrefs`). */
function siteRoot(url: string): string {
  return new URL('/', url).href;
}

/** One column row → an ARTICLE request carrying the full title and the row date, or undefined. */
function rowRequest(row: Cheerio<AnyNode>, root: string): CrawlRequest | undefined {
  const link = findIn(row, sel.listLink);
  const url = resolveHref(link?.attr('href'), root);
  if (!link || !url || !CAC_ARTICLE_URL.test(url)) return undefined;
  const dateEl = findIn(row, sel.listDate);
  const listDate = dateCandidate('list', `${sel.listDate[0]} (column row)`, dateEl ? squash(dateEl.text()) : undefined);
  // a[title] holds the full title; the link text may be cut (quirk `truncated-list-titles`).
  const listTitle = squash(link.attr('title')) || squash(link.text());
  return { url, label: 'ARTICLE', userData: { listTitle, ...(listDate ? { listDate } : {}) } };
}

/** The pager facts of a column page's own script: channel code and total item count. */
function pagerFacts($: CheerioAPI, url: string): { channelCode?: string; total?: number } {
  // Only <script> text: the real snapshots carry dates and sample markup in a leading comment.
  const script = $('script')
    .map((_, s) => $(s).text())
    .get()
    .join('\n');
  const channelCode = /channelCode\s*[:=]\s*['"](A\d+)['"]/.exec(script)?.[1] ?? /\/(A\d+)index_1\.htm$/.exec(url)?.[1];
  const total = /total\s*[:=]\s*['"]?(\d+)/.exec(script)?.[1];
  return { ...(channelCode ? { channelCode } : {}), ...(total ? { total: Number(total) } : {}) };
}

/**
 * A column page (page 1 only: quirk `static-column-page-one-only`) → its rows in the window,
 * and page 2 as a JsonList POST when the column has a channel code, the page had rows, its
 * oldest row is still in the window, `maxPages` allows and the column has more than one page.
 */
function discoverColumn(doc: FetchedDocument, ctx: DiscoverContext): Discovery {
  const $ = doc.$();
  const rowSelector = sel.listRow.find((s) => $(s).length > 0);
  const rows = rowSelector ? $(rowSelector) : $([]);
  const root = siteRoot(doc.url);
  const seen = new Set<string>();
  const requests: CrawlRequest[] = [];
  rows.each((_, el) => {
    const req = rowRequest($(el), root);
    if (req && !seen.has(req.url)) {
      seen.add(req.url);
      requests.push(req);
    }
  });
  const articles = requests.filter((r) => inWindow(r.userData?.listDate, ctx.since));
  const { channelCode, total } = pagerFacts($, doc.url);
  const more = total !== undefined ? total > PER_PAGE : rows.length >= PER_PAGE;
  const follow =
    channelCode !== undefined &&
    rows.length > 0 &&
    more &&
    ctx.maxPages > 1 &&
    inWindow(oldest(requests.map((r) => r.userData?.listDate)), ctx.since);
  const next = follow ? [jsonListRequest(channelCode, 2, doc.url, total)] : [];
  return { articles, next, itemsFound: rows.length };
}

/** Attachments linked through downloadfile.jsp; the name is the `fText` parameter (quirk `attachment-name-in-ftext`). */
function attachments($: CheerioAPI, body: Cheerio<AnyNode>, root: string): Attachment[] {
  const out: Attachment[] = [];
  for (const selector of sel.attachment) {
    body.find(selector).each((_, a) => {
      const url = resolveHref($(a).attr('href'), root);
      if (!url || out.some((x) => x.url === url)) return;
      const name = new URL(url).searchParams.get('fText') ?? '';
      out.push({ url, name: squash(name) || squash($(a).text()) });
    });
  }
  return out;
}

/** `#source` without its `来源：` label; null when the page has none (the real trimmed notices). */
function originalOutlet($: CheerioAPI): string | null {
  const el = firstMatch($, sel.source);
  const name = el ? stripSourceLabel(el.text()) : '';
  return name === '' ? null : name;
}

/** Every date the page and its list give: #pubtime, the list/API date carried over, the URL date. */
function articleDates($: CheerioAPI, doc: FetchedDocument): DateCandidate[] {
  const pubtime = firstMatch($, sel.pubtime);
  const dates = [
    dateCandidate('page', '#pubtime', pubtime ? squash(pubtime.text()) : undefined),
    doc.userData.listDate,
    urlDayCandidate(doc.url, CAC_ARTICLE_URL, 'url path /YYYY-MM/DD/'),
  ];
  return dates.filter((d): d is DateCandidate => d !== undefined);
}

/** A CAC article page, current or 2020 layout. */
function parseArticle(doc: FetchedDocument): ArticleExtract {
  const $ = doc.$();
  const titleEl = requireMatch($, sel.title, 'title', doc.url);
  const body = requireMatch($, sel.body, 'body', doc.url);
  const bodyText = cleanText(body);
  return {
    nativeId: nativeIdOf(doc.url, cac.nativeId.pattern),
    url: doc.url,
    title: titleText(titleEl.text()).replace(TITLE_SUFFIX, ''),
    dates: articleDates($, doc),
    originalOutlet: originalOutlet($),
    issuer: signingBody(bodyText),
    docNumber: headDocNumber(bodyText),
    bodyText,
    attachments: attachments($, body, siteRoot(doc.url)),
    language: 'zh',
  };
}

/**
 * 中央网信办: the three column pages, JsonList for later pages, and article pages in the
 * current and the 2020 layout. A LIST document is a column page; the JsonList URL is an API page.
 */
export const cacParser: SourceParser = {
  start: () => startRequests(cac),
  discover: (doc, ctx) =>
    new URL(doc.url).pathname === '/cms/JsonList' ? discoverJsonList(doc, ctx) : discoverColumn(doc, ctx),
  article: parseArticle,
};
