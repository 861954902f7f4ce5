import { dateCandidate, type DateCandidate } from '../../pipeline/dates/candidates.js';
import type {
  ArticleExtract,
  CrawlRequest,
  DiscoverContext,
  Discovery,
  FetchedDocument,
  SourceParser,
} from '../extract/types.js';
import { reuters } from '../sources/reuters.js';
import { parseReutersArticle } from './reuters-article.js';
import { parseSitemapXml, type NewsSitemapEntry } from './reuters-sitemap.js';
import { isEnglishPath, nativeIdOf, reutersUrl, slugDateCandidate } from './reuters-url.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The requests a crawl starts with: the news sitemap index (from the source's discovery). */
function start(_ctx: DiscoverContext): CrawlRequest[] {
  return reuters.discovery.map((entry) => ({ url: entry.url, label: entry.label, userData: { page: 0 } }));
}

/**
 * A sub-sitemap loc as it must be requested: resolved (its `&amp;` is already decoded by the
 * XML parser) and carrying `size=100`, without which a slice lists only 50 of its 100 entries.
 */
export function sliceUrl(loc: string, indexUrl: string): string | undefined {
  const url = reutersUrl(loc, indexUrl);
  if (!url) return undefined;
  url.searchParams.set('size', '100');
  return url.toString();
}

/** The index → one SITEMAP request per sub-sitemap, in index order (newest first), capped by `maxPages`. */
function discoverIndex(locs: readonly string[], indexUrl: string, ctx: DiscoverContext): Discovery {
  const urls = [...new Set(locs.map((loc) => sliceUrl(loc, indexUrl)).filter((u): u is string => u !== undefined))];
  // The index carries no dates, so `since` cannot prune slices here; slices are newest first,
  // so the cap drops the oldest ones. Slices wholly older than `since` yield no records.
  const next = urls
    .slice(0, Math.max(0, ctx.maxPages))
    .map((url, i): CrawlRequest => ({ url, label: 'SITEMAP', userData: { page: i + 1 } }));
  return { articles: [], next, records: [], itemsFound: locs.length };
}

/** The date candidates of an entry: the sitemap instant (kept in UTC), then the slug day. */
function entryDates(entry: NewsSitemapEntry, pathname: string): DateCandidate[] {
  const published = dateCandidate('sitemap', 'news:publication_date', entry.publicationDate);
  const slug = slugDateCandidate(pathname);
  return [published, slug].filter((c): c is DateCandidate => c !== undefined);
}

/**
 * Whether an entry is older than `since`. The sitemap instant decides; with only a slug day,
 * the entry counts as new until that UTC day has ended. With no date at all it is kept.
 */
function olderThan(dates: readonly DateCandidate[], since: Date): boolean {
  const exact = dates.find((c) => c.kind === 'sitemap');
  if (exact) return Date.parse(exact.at) < since.getTime();
  const day = dates.find((c) => c.kind === 'url');
  return day !== undefined && Date.parse(day.at) + DAY_MS <= since.getTime();
}

/**
 * One sitemap entry as a complete headline record, or undefined when it is off-host,
 * not English, untitled, or older than `since`.
 */
export function entryRecord(entry: NewsSitemapEntry, since: Date): ArticleExtract | undefined {
  const url = entry.loc === undefined ? undefined : reutersUrl(entry.loc);
  const nativeId = url && nativeIdOf(url.toString());
  if (!url || !nativeId || !entry.title || !isEnglishPath(url.pathname)) return undefined;
  const dates = entryDates(entry, url.pathname);
  if (olderThan(dates, since)) return undefined;
  return {
    nativeId,
    url: entry.loc ?? url.toString(),
    title: entry.title,
    dates,
    originalOutlet: 'Reuters',
    issuer: null, // wire copy: no issuing body
    docNumber: null,
    // Headline only: the article page is robots-disallowed and behind DataDome.
    bodyText: '',
    attachments: [],
    language: 'en',
  };
}

/** A slice → its English entries newer than `since` as records; nothing to fetch or follow. */
function discoverSlice(entries: readonly NewsSitemapEntry[], ctx: DiscoverContext): Discovery {
  const records = entries.map((e) => entryRecord(e, ctx.since)).filter((r): r is ArticleExtract => r !== undefined);
  // itemsFound counts every <url>, kept or not: a slice of Spanish or old entries is healthy,
  // only an empty <urlset> suggests the feed changed.
  // Article pages only on request, and then only through the browser path (robots.txt permitting).
  const articles: CrawlRequest[] = ctx.browserArticles
    ? records.map((r) => ({ url: r.url, label: 'ARTICLE', userData: { listTitle: r.title, listDate: r.dates[0] } }))
    : [];
  return { articles, next: [], records, itemsFound: entries.length };
}

/** A SITEMAP page: the index yields slice requests, a slice yields headline records. */
function discover(doc: FetchedDocument, ctx: DiscoverContext): Discovery {
  const sitemap = parseSitemapXml(doc.text(), doc.url);
  return sitemap.kind === 'index' ? discoverIndex(sitemap.locs, doc.url, ctx) : discoverSlice(sitemap.entries, ctx);
}

/**
 * Reuters: the news sitemap index → its slices (with `size=100`) → English headline records
 * (title and UTC publication instant, no body). `article` parses a real article page, used
 * only when the browser path is enabled.
 */
export const reutersParser: SourceParser = {
  start,
  discover,
  article: (doc: FetchedDocument) => parseReutersArticle(doc),
};
