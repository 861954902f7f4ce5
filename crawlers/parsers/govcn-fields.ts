import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode } from 'domhandler';
import type { Attachment } from '../../db/tables/article.table.js';
import { dateCandidate, type DateCandidate } from '../../pipeline/dates/candidates.js';
import { LayoutChangedError } from '../errors.js';
import { metaContent, squash } from '../extract/text.js';
import { govcn } from '../sources/govcn.js';

const sel = govcn.selectors;

// Issuers whose documents gov.cn serves twice (quirk `zhengceku-twin-id`).
const TWIN_ISSUERS: ReadonlySet<string> = new Set(['国务院', '国务院办公厅']);
const LIBRARY_PATH = '/zhengce/zhengceku/';
const FILE_LINK = /\.(pdf|docx?|xlsx?|wps|ofd|zip|rar)$/i;

/**
 * The 政策文件库 info table as label → value (`发文机关` → `国务院`). Labels are written with
 * spaces and ideographic spaces for alignment (`索  引  号：`), so whitespace is dropped from them.
 */
export function infoTable($: CheerioAPI): Map<string, string> {
  const cells = sel.infoTableCell.map((s) => $(s).toArray()).find((found) => found.length > 0) ?? [];
  const table = new Map<string, string>();
  cells.forEach((td, i) => {
    const label = /^(.+?)[：:]$/.exec(
      $(td)
        .text()
        .replace(/[\s\u3000\u00a0]/g, ''),
    )?.[1];
    const value = cells[i + 1];
    if (label && value && !table.has(label)) table.set(label, squash($(value).text()));
  });
  return table;
}

/**
 * The native id: `manuscriptId`, else n of `content_<n>.htm`. A 政策文件库 copy of a document
 * issued by 国务院 / 国务院办公厅 is the twin of `/zhengce/content/…/content_{n-1}.htm` (the id
 * pair seen for every 2026 document recorded at both URLs), so it takes that id and the engine
 * keeps both URLs as one article; department documents in the library have no twin.
 */
export function nativeIdOf($: CheerioAPI, url: string, issuer: string | undefined): string {
  const path = new URL(url).pathname;
  const fromUrl = govcn.nativeId.pattern.exec(path)?.[1];
  if (fromUrl && path.startsWith(LIBRARY_PATH) && issuer && TWIN_ISSUERS.has(issuer))
    return String(Number(fromUrl) - 1);
  const id = metaContent($, sel.manuscriptIdMeta) ?? fromUrl;
  if (!id) throw new LayoutChangedError('no native id: no manuscriptId meta and no content_<n>.htm in the URL', url);
  return id;
}

/** Every date on the page and from the feed, each a candidate of its kind. */
export function pageDates(
  $: CheerioAPI,
  url: string,
  table: Map<string, string>,
  fromFeed: DateCandidate | undefined,
): DateCandidate[] {
  const stamp = sel.pageDate.map((s) => squash($(s).first().text())).find((t) => t !== '');
  const month = /\/(\d{4})(\d{2})\/content_\d+\.htm$/.exec(new URL(url).pathname);
  const found = [
    dateCandidate('meta', 'meta[name=firstpublishedtime]', metaContent($, sel.publishedMeta)),
    fromFeed,
    dateCandidate('page', 'div.pages-date', /\d{4}-\d{2}-\d{2}\s+\d{1,2}:\d{2}/.exec(stamp ?? '')?.[0]),
    dateCandidate('page', 'table.bd1 发布日期', table.get('发布日期')),
    month ? dateCandidate('url', 'URL folder YYYYMM', `${month[1]}-${month[2]}`) : undefined,
  ];
  return found.filter((d): d is DateCandidate => d !== undefined);
}

/** Links to files (PDF, Word, spreadsheets, archives) inside the body, resolved against the page. */
export function fileLinks($: CheerioAPI, body: Cheerio<AnyNode>, pageUrl: string): Attachment[] {
  const out: Attachment[] = [];
  body.find(sel.attachmentLinks.join(', ')).each((_, a) => {
    const href = $(a).attr('href');
    let url: URL;
    try {
      url = new URL(href ?? '', pageUrl);
    } catch {
      return; // a malformed href is no attachment
    }
    if (href && FILE_LINK.test(url.pathname))
      out.push({ url: url.href, name: squash($(a).text()) || url.pathname.split('/').pop()! });
  });
  return out;
}
