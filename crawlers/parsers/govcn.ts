import { inWindow } from '../extract/parser-helpers.js';
import { dateCandidate, type DateCandidate } from '../../pipeline/dates/candidates.js';
import { LayoutChangedError } from '../errors.js';
import { headerCharset } from '../extract/document.js';
import { cleanText, firstMatch, requireMatch, squash, stripSourceLabel } from '../extract/text.js';
import type {
  ArticleExtract,
  CrawlRequest,
  DiscoverContext,
  Discovery,
  FetchedDocument,
  SourceParser,
} from '../extract/types.js';
import { govcn } from '../sources/govcn.js';
import { fileLinks, infoTable, nativeIdOf, pageDates } from './govcn-fields.js';
import { signingBody } from '../extract/sign-off.js';

const sel = govcn.selectors;

/** One usable row of ZUIXINZHENGCE.json. */
interface FeedRow {
  url: string;
  title: string;
  date: DateCandidate | undefined;
}

/** The feed request(s) of the source file. */
function start(): CrawlRequest[] {
  return govcn.discovery.map((entry) => ({ url: entry.url, label: entry.label, userData: { page: 1 } }));
}

/** The feed → its article pages inside the window; the feed is one document, so no next page. */
function discover(doc: FetchedDocument, ctx: DiscoverContext): Discovery {
  const rows = feedRows(doc);
  const articles: CrawlRequest[] = rows
    .filter((row) => inWindow(row.date, ctx.since))
    .map((row) => ({
      url: row.url,
      label: 'ARTICLE',
      userData: { listTitle: row.title, ...(row.date ? { listDate: row.date } : {}) },
    }));
  return { articles, next: [], itemsFound: rows.length };
}

/**
 * The feed's rows `{TITLE, URL, DOCRELPUBTIME, SUB_TITLE}` that point at an article page on
 * www.gov.cn (never the 403 library directory). Anything but a JSON array is a layout change.
 */
export function feedRows(doc: FetchedDocument): FeedRow[] {
  let data: unknown;
  try {
    data = JSON.parse(jsonText(doc));
  } catch (cause) {
    throw new LayoutChangedError('the feed is not JSON', doc.url, { cause });
  }
  if (!Array.isArray(data)) throw new LayoutChangedError('the feed is not a JSON array', doc.url);
  return data.flatMap((item: unknown): FeedRow[] => {
    const row = typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : {};
    const url = articleUrl(row['URL'], doc.url);
    const title = typeof row['TITLE'] === 'string' ? squash(row['TITLE']) : '';
    const raw = typeof row['DOCRELPUBTIME'] === 'string' ? row['DOCRELPUBTIME'] : undefined;
    return url ? [{ url, title, date: dateCandidate('api', 'ZUIXINZHENGCE.json DOCRELPUBTIME', raw) }] : [];
  });
}

/**
 * The feed as text. JSON is UTF-8 (RFC 8259), but `doc.text()` follows the HTML rules and, with
 * no charset in the header (`application/json`), decodes as windows-1252, so a header without a
 * charset means UTF-8 here. A BOM is dropped: JSON.parse rejects it.
 */
function jsonText(doc: FetchedDocument): string {
  const text = headerCharset(doc.headers['content-type']) ? doc.text() : new TextDecoder('utf-8').decode(doc.body);
  return text.replace(/^\uFEFF/, '');
}

function articleUrl(value: unknown, base: string): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const url = new URL(value, base);
    const onHost = (govcn.hosts as readonly string[]).includes(url.hostname);
    return onHost && govcn.nativeId.pattern.test(url.pathname) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * An article page (国务院文件, 政策文件库 or 解读) → its fields. The issuer is the info table's
 * 发文机关, else the sign-off; the outlet is the `来源：` line (中国政府网, or the wire service of a
 * 解读). The 文号 comes only from the table, since a 解读 quotes the numbers it explains.
 */
function article(doc: FetchedDocument): ArticleExtract {
  const $ = doc.$();
  const title = squash(requireMatch($, sel.title, 'title', doc.url).text());
  const body = requireMatch($, sel.body, 'body', doc.url);
  const table = infoTable($);
  const issuer = table.get('发文机关') || undefined;
  const source = stripSourceLabel(firstMatch($, sel.source)?.text() ?? '') || null;
  const bodyText = cleanText(body);
  return {
    nativeId: nativeIdOf($, doc.url, issuer),
    url: doc.url,
    title,
    dates: pageDates($, doc.url, table, doc.userData.listDate),
    originalOutlet: source,
    issuer: issuer ?? signingBody(bodyText),
    docNumber: table.get('发文字号') || null,
    bodyText,
    attachments: fileLinks($, body, doc.url),
    language: 'zh',
  };
}

/** The gov.cn parser: the latest-policy JSON feed and the three article page kinds. */
export const govcnParser: SourceParser = { start, discover, article };
