import type { CheerioAPI } from 'cheerio';
import type { Attachment } from '../../db/tables/article.table.js';
import type { DateCandidate } from '../../pipeline/dates/candidates.js';

/** How a request is handled: the router picks the handler by this label. */
export type Label = 'LIST' | 'API' | 'SITEMAP' | 'ARTICLE';

/** A request a parser asks the engine to make. */
export interface CrawlRequest {
  url: string;
  label: Label;
  method?: 'GET' | 'POST';
  /** Form body for POST (`application/x-www-form-urlencoded`). */
  form?: Record<string, string>;
  headers?: Record<string, string>;
  /** Carried to the handler: list dates and titles for articles, page numbers for lists. */
  userData?: RequestData;
}

/** What a list page tells about an article before it is fetched. */
export interface RequestData {
  /** List page number (1-based) or API page. */
  page?: number;
  /** Title as shown on the list (may be truncated). */
  listTitle?: string;
  /** The date shown on the list, a date candidate of kind `list`/`api`. */
  listDate?: DateCandidate;
  /** A request that may legitimately not exist (an e-paper day without an issue): a 404 is no error. */
  optional?: boolean;
  /** Free-form, parser-specific (a channel code, a column). Strings only, to stay serialisable. */
  extra?: Record<string, string>;
}

/** A fetched document handed to a parser: URLs are real, never the mirror's. */
export interface FetchedDocument {
  url: string;
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  /** The page's tree, built by htmlparser2 through cheerio (charset from header, then `<meta>`). */
  $: () => CheerioAPI;
  /** The body decoded as text (same charset rules), for JSON and XML. */
  text: () => string;
  userData: RequestData;
}

/** What the crawl asks of a discovery step. */
export interface DiscoverContext {
  /** Pagination stops once list dates are older than this. */
  since: Date;
  /** Hard cap on list/API/sitemap pages followed per entry. */
  maxPages: number;
  /**
   * Ask for article pages that only a browser can fetch (a source with `browser: 'optional'`).
   * Off by default: such pages sit behind bot walls and usually outside robots.txt.
   */
  browserArticles?: boolean;
}

/** What a LIST / API / SITEMAP page yielded. */
export interface Discovery {
  /** Article pages to fetch. */
  articles: CrawlRequest[];
  /** Further list/API/sitemap pages to follow (already limited by `since` and `maxPages`). */
  next: CrawlRequest[];
  /** Articles complete without fetching a page (Reuters sitemap headlines). */
  records?: ArticleExtract[];
  /** Items recognised on the page; 0 on a page that should have items means "layout changed?". */
  itemsFound: number;
}

/** Everything extracted from one article. Dates are candidates; the engine chooses by precedence. */
export interface ArticleExtract {
  nativeId: string;
  url: string;
  aliasUrls?: string[];
  title: string;
  dates: DateCandidate[];
  /** The 来源 / ContentSource the page credits: the outlet the piece was copied from (中国政府网, 央广网). */
  originalOutlet: string | null;
  /**
   * The body that issued the document: 发文机关 / 发布机关 fields, else the sign-off (落款) above
   * the document's date (国务院, 国务院办公厅). Null for news items and pages without either.
   */
  issuer: string | null;
  docNumber: string | null;
  bodyText: string;
  attachments: Attachment[];
  language: 'zh' | 'en';
}

/**
 * A source's code: pure functions from fetched documents to requests and articles. The data
 * (selectors, precedence, quirks) lives in the source file; these functions read it.
 */
export interface SourceParser {
  /** The requests a crawl starts with. */
  start(ctx: DiscoverContext): CrawlRequest[];
  /** A LIST, API or SITEMAP page → articles and next pages. */
  discover(doc: FetchedDocument, ctx: DiscoverContext): Discovery;
  /** An ARTICLE page → its fields. Throws `LayoutChangedError` when the markup is not there. */
  article(doc: FetchedDocument): ArticleExtract;
}
