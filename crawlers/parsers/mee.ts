import { LayoutChangedError } from '../errors.js';
import { inWindow } from '../extract/parser-helpers.js';
import { cleanText, firstMatch, metaContent, requireMatch, squash } from '../extract/text.js';
import type {
  ArticleExtract,
  CrawlRequest,
  DiscoverContext,
  Discovery,
  FetchedDocument,
  SourceParser,
} from '../extract/types.js';
import { mee } from '../sources/mee.js';
import { docNumberOf, fileLinks, infoBox, labelledLines, pageDates } from './mee-fields.js';
import { followNext, listPageNumber, listPageUrl, listRows } from './mee-list.js';
import { signingBody } from '../extract/sign-off.js';

const sel = mee.selectors;

/** Page 1 of every list in the source file. */
function start(): CrawlRequest[] {
  return mee.discovery.map((entry) => ({
    url: entry.url,
    label: entry.label,
    userData: { page: 1, extra: { column: entry.name } },
  }));
}

/** A list page → its dated rows inside the window and, while warranted, `index_N.shtml`. */
function discover(doc: FetchedDocument, ctx: DiscoverContext): Discovery {
  const rows = listRows(doc.$(), doc.url);
  const page = listPageNumber(doc.url);
  const extra = doc.userData.extra ?? {};
  const articles: CrawlRequest[] = rows
    .filter((row) => inWindow(row.date, ctx.since))
    .map((row) => ({
      url: row.url,
      label: 'ARTICLE',
      userData: { listTitle: row.title, ...(row.date ? { listDate: row.date } : {}), extra },
    }));
  const next: CrawlRequest[] = followNext(rows, page, ctx)
    ? [{ url: listPageUrl(doc.url, page + 1), label: 'LIST', userData: { page: page + 1, extra } }]
    : [];
  return { articles, next, itemsFound: rows.length };
}

/**
 * An article in any of the three templates (栏目, 信息公开, 文件库 repost) → its fields. The
 * outlet is the `来源：` line (a repost names the site it copied from), else none; the issuer is
 * the 信息公开 box's 发布机关, else the sign-off (a repost of a 国务院 document is signed 国务院).
 */
function article(doc: FetchedDocument): ArticleExtract {
  const $ = doc.$();
  const nativeId = mee.nativeId.pattern.exec(new URL(doc.url).pathname)?.[1];
  if (!nativeId) throw new LayoutChangedError('not an MEE article URL (no tYYYYMMDD_<n> id)', doc.url);
  const titleEl = firstMatch($, sel.title);
  const title = titleEl ? squash(titleEl.text()) : metaContent($, sel.titleMeta);
  if (!title) throw new LayoutChangedError(`no title: none of ${sel.title.join(' | ')} matched`, doc.url);
  const body = requireMatch($, sel.body, 'body', doc.url);
  const bodyText = cleanText(body);
  const box = infoBox($);
  const lines = labelledLines($);
  return {
    nativeId,
    url: doc.url,
    title,
    dates: pageDates($, doc.url, box, lines, doc.userData.listDate),
    originalOutlet: lines.get('来源') || null,
    issuer: box.get('发布机关') || signingBody(bodyText),
    docNumber: docNumberOf(box, bodyText),
    bodyText,
    attachments: fileLinks($, body, doc.url),
    language: 'zh',
  };
}

/** The MEE parser: static dated lists and three article templates. */
export const meeParser: SourceParser = { start, discover, article };
