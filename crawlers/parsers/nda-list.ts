import { inWindow, oldest } from '../extract/parser-helpers.js';
import type { CheerioAPI } from 'cheerio';
import { dateCandidate, type DateCandidate } from '../../pipeline/dates/candidates.js';
import { squash } from '../extract/text.js';
import type { DiscoverContext } from '../extract/types.js';
import { nda } from '../sources/nda.js';

/** One row of an NDA column list. */
export interface ListRow {
  url: string;
  title: string;
  date: DateCandidate | undefined;
}

const PAGE_IN_URL = /\/index_pc_(\d+)\.html$/;

/** The rows of a column list page that link to an article of this source (site-root hrefs resolved). */
export function listRows($: CheerioAPI, pageUrl: string): ListRow[] {
  const sel = nda.selectors;
  const items = sel.listItem.map((s) => $(s)).find((found) => found.length > 0);
  const rows: ListRow[] = [];
  items?.each((_, li) => {
    const link = sel.listLink.map((s) => $(li).find(s).first()).find((a) => a.length > 0);
    const url = articleUrl(link?.attr('href'), pageUrl);
    if (!link || !url) return;
    // Link text is truncated on the list ("…"), the title attribute is not.
    const title = squash(link.attr('title')) || squash(link.text());
    const dateText = sel.listDate.map((s) => squash($(li).find(s).first().text())).find((t) => t !== '');
    rows.push({ url, title, date: dateCandidate('list', 'ul.u-list > li > span', dateText) });
  });
  return rows;
}

/** An href resolved against the page, kept only when it is an article URL on an NDA host. */
export function articleUrl(href: string | undefined, pageUrl: string): string | undefined {
  if (!href) return undefined;
  let url: URL;
  try {
    url = new URL(href, pageUrl);
  } catch {
    return undefined;
  }
  const onHost = (nda.hosts as readonly string[]).includes(url.hostname);
  return onHost && nda.nativeId.pattern.test(url.pathname) ? url.href : undefined;
}

/** The 1-based number of a list page, from its URL (`index_pc_N.html`), else from the request. */
export function listPageNumber(url: string, fromRequest: number | undefined): number {
  const m = PAGE_IN_URL.exec(new URL(url).pathname);
  return m ? Number(m[1]) : (fromRequest ?? 1);
}

/** The URL of list page `n` next to `url`. */
export function listPageUrl(url: string, n: number): string {
  return new URL(`index_pc_${n}.html`, url).href;
}

/**
 * The last page number the pager script announces (`var totalData = 41;` with `showData: 20`),
 * or undefined when the script is absent: then pagination ends at the 404 after the last page.
 */
export function lastPageFromScript($: CheerioAPI): number | undefined {
  const script = $('script')
    .map((_, s) => $(s).text())
    .get()
    .join('\n');
  const total = /\btotalData\s*=\s*(\d+)/.exec(script)?.[1];
  const perPage = /\bshowData\s*:\s*(\d+)/.exec(script)?.[1];
  if (total === undefined || perPage === undefined || Number(perPage) === 0) return undefined;
  return Math.max(1, Math.ceil(Number(total) / Number(perPage)));
}

/**
 * Whether to request list page `page + 1`: the page had rows, its oldest dated row is still
 * inside the window (compared by Beijing day, so a day that straddles `since` is finished),
 * the cap allows another page, and the pager does not say this was the last one.
 */
export function followNext(
  rows: readonly ListRow[],
  page: number,
  lastPage: number | undefined,
  ctx: DiscoverContext,
): boolean {
  if (rows.length === 0 || page >= ctx.maxPages) return false;
  if (lastPage !== undefined && page >= lastPage) return false;
  return inWindow(oldest(rows.map((r) => r.date)), ctx.since);
}
