import { inWindow, oldest } from '../extract/parser-helpers.js';
import type { CheerioAPI } from 'cheerio';
import { dateCandidate, type DateCandidate } from '../../pipeline/dates/candidates.js';
import { squash } from '../extract/text.js';
import type { DiscoverContext } from '../extract/types.js';
import { mee } from '../sources/mee.js';

/** One dated row of an MEE list. */
export interface ListRow {
  url: string;
  title: string;
  date: DateCandidate | undefined;
}

// Top-level sections seen in MEE article URLs (sources.md §4.2). Quirk `relative-hrefs`: a bare
// href that starts with one of them was written from the site root, not from the list's folder.
const SITE_SECTIONS: ReadonlySet<string> = new Set(['hdjl', 'xxgk2018', 'zcwj', 'ywdt']);
const SCHEME_OR_EXPLICIT = /^(?:[a-z][a-z0-9+.-]*:|\/|\.\.?(?:\/|$)|[?#])/i;
const PAGE_IN_URL = /\/index_(\d+)\.shtml$/;

/** The dated rows of a list page that link to an article on the MEE host. HTML comments are no rows. */
export function listRows($: CheerioAPI, pageUrl: string): ListRow[] {
  const sel = mee.selectors;
  const items = sel.listItem.map((s) => $(s)).find((found) => found.length > 0);
  const rows: ListRow[] = [];
  items?.each((_, li) => {
    const link = sel.listLink.map((s) => $(li).find(s).first()).find((a) => a.length > 0);
    const url = articleUrl(link?.attr('href'), pageUrl);
    if (!link || !url) return;
    const dateText = sel.listDate.map((s) => squash($(li).find(s).first().text())).find((t) => t !== '');
    rows.push({
      url,
      title: squash(link.attr('title')) || squash(link.text()),
      date: dateCandidate('list', 'li > span.date', dateText),
    });
  });
  return rows;
}

/**
 * An href resolved by the HTML rules against the list page (`./202606/…`, `../../xxgk2018/…`),
 * except a bare href that starts with a top-level section (`hdjl/yjzj/…`), which is resolved
 * against the site root. Kept only when it is an article URL on the MEE host.
 */
export function articleUrl(href: string | undefined, pageUrl: string): string | undefined {
  if (!href) return undefined;
  const fromRoot = !SCHEME_OR_EXPLICIT.test(href) && SITE_SECTIONS.has(href.split('/')[0] ?? '');
  let url: URL;
  try {
    url = new URL(href, fromRoot ? new URL('/', pageUrl) : pageUrl);
  } catch {
    return undefined;
  }
  const onHost = (mee.hosts as readonly string[]).includes(url.hostname);
  return onHost && mee.nativeId.pattern.test(url.pathname) ? url.href : undefined;
}

/** The 1-based page number: the folder URL or `index.shtml` is page 1, `index_N.shtml` page N+1. */
export function listPageNumber(url: string): number {
  const m = PAGE_IN_URL.exec(new URL(url).pathname);
  return m ? Number(m[1]) + 1 : 1;
}

/** The URL of 1-based list page `n` (n ≥ 2) in the same folder as `url`. */
export function listPageUrl(url: string, n: number): string {
  return new URL(`index_${n - 1}.shtml`, url).href;
}

/**
 * Whether to request the next page: this page had rows, its oldest row is still inside the
 * window (by Beijing day), and the cap allows another page. The end of a list is a 404.
 */
export function followNext(rows: readonly ListRow[], page: number, ctx: DiscoverContext): boolean {
  if (rows.length === 0 || page >= ctx.maxPages) return false;
  return inWindow(oldest(rows.map((r) => r.date)), ctx.since);
}
