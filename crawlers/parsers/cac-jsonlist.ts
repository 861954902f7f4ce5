/** CAC's `/cms/JsonList` API: the pages 2+ of a column (quirk `jsonlist-for-later-pages`). */
import { z } from 'zod';
import { dateCandidate } from '../../pipeline/dates/candidates.js';
import { LayoutChangedError } from '../errors.js';
import { headerCharset } from '../extract/document.js';
import { squash } from '../extract/text.js';
import type { CrawlRequest, DiscoverContext, Discovery, FetchedDocument } from '../extract/types.js';
import { inWindow, oldest, resolveHref } from '../extract/parser-helpers.js';

/** The column page size, which JsonList must repeat for its pages to line up with page 1. */
export const PER_PAGE = 20;
const JSON_LIST_URL = 'https://www.cac.gov.cn/cms/JsonList';
const ARTICLE_URL = /^https?:\/\/www\.cac\.gov\.cn\/\d{4}-\d{2}\/\d{2}\/c_\d+\.htm$/;

// Field names from CAC's own list script (sources.md §2.1; fixture README): the count is
// `totalRec`, not `total`. Unknown fields (filltime, coverurl, description) are ignored.
const jsonListSchema = z.object({
  list: z.array(z.object({ topic: z.string(), infourl: z.string(), pubtime: z.string() })),
  totalRec: z.coerce.number().int().nonnegative().optional(),
});

/**
 * The POST for page `pageno` of a channel. The page number and channel travel in `userData`,
 * because the document handed back for a POST carries the URL, not the form.
 */
export function jsonListRequest(channelCode: string, pageno: number, referer: string, total?: number): CrawlRequest {
  return {
    url: JSON_LIST_URL,
    label: 'API',
    method: 'POST',
    form: { channelCode, perPage: String(PER_PAGE), pageno: String(pageno) },
    headers: { referer },
    userData: {
      page: pageno,
      extra: { channelCode, referer, ...(total !== undefined ? { total: String(total) } : {}) },
    },
  };
}

/** The answer parsed, or a `LayoutChangedError` when it is not JsonList's shape. */
function parseAnswer(doc: FetchedDocument): z.output<typeof jsonListSchema> {
  // JSON is UTF-8 (RFC 8259): without a header charset, the HTML sniffing rules behind text()
  // would fall back to windows-1252 and garble every title.
  const text = headerCharset(doc.headers['content-type']) ? doc.text() : new TextDecoder('utf-8').decode(doc.body);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new LayoutChangedError('JsonList answer is not JSON', doc.url, { cause });
  }
  const parsed = jsonListSchema.safeParse(json);
  if (!parsed.success)
    throw new LayoutChangedError(`JsonList answer changed shape: ${parsed.error.issues[0]?.message ?? ''}`, doc.url);
  return parsed.data;
}

/**
 * A JsonList page → its articles in the window (with `pubtime` as an `api` date), and the next
 * page while this one had items, its oldest item is in the window, `maxPages` allows and
 * `totalRec` (or the column's `total`) says there is more.
 */
export function discoverJsonList(doc: FetchedDocument, ctx: DiscoverContext): Discovery {
  const answer = parseAnswer(doc);
  const root = new URL('/', doc.url).href;
  const items: CrawlRequest[] = [];
  for (const item of answer.list) {
    const url = resolveHref(item.infourl, root);
    if (!url || !ARTICLE_URL.test(url)) continue;
    const listDate = dateCandidate('api', 'JsonList pubtime', item.pubtime);
    items.push({
      url,
      label: 'ARTICLE',
      userData: { listTitle: squash(item.topic), ...(listDate ? { listDate } : {}) },
    });
  }
  const page = doc.userData.page ?? 1;
  const extra = doc.userData.extra ?? {};
  const total = answer.totalRec ?? (extra.total !== undefined ? Number(extra.total) : undefined);
  const more = total === undefined || page * PER_PAGE < total;
  const channelCode = extra.channelCode;
  const follow =
    channelCode !== undefined &&
    answer.list.length > 0 &&
    more &&
    page < ctx.maxPages &&
    inWindow(oldest(items.map((r) => r.userData?.listDate)), ctx.since);
  const next = follow ? [jsonListRequest(channelCode, page + 1, extra.referer ?? root, total)] : [];
  return {
    articles: items.filter((r) => inWindow(r.userData?.listDate, ctx.since)),
    next,
    itemsFound: answer.list.length,
  };
}
