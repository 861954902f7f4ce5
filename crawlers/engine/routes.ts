import { createHttpRouter, type HttpCrawlingContext, type RequestOptions } from '@crawlee/http';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Logger } from '../../core/log.js';
import { LayoutChangedError } from '../errors.js';
import { makeDocument } from '../extract/document.js';
import type { CrawlRequest, DiscoverContext, FetchedDocument, RequestData, SourceParser } from '../extract/types.js';
import type { SourceDefinition } from '../sources/schema.js';
import type { CrawlRecorder } from './recorder.js';
import type { ArchiveWriter } from './archive-writer.js';
import { endsNormally } from './hooks.js';
import type { SourcecheckHttpClient } from './http-client.js';
import type { FetchedPage } from '../fetch/fetch-page.js';

/** What the handlers share for one source's crawl. */
export interface RouteDeps {
  db: Kysely<Database>;
  source: SourceDefinition;
  parser: SourceParser;
  ctx: DiscoverContext;
  client: SourcecheckHttpClient;
  recorder: CrawlRecorder;
  log: Logger;
  /** Batched store of archived pages and extracted articles. */
  writer: ArchiveWriter;
  /** The fetched page of each request in flight, from the hook to its handler. */
  fetched: Map<string, FetchedPage>;
  /** Article pages this source can only fetch through a browser, collected for the browser pass. */
  browserQueue: CrawlRequest[];
}

/** Turn a parser's request into crawlee's, keeping only hosts the source owns. */
export function toCrawleeRequest(req: CrawlRequest, hosts: readonly string[]): RequestOptions | undefined {
  if (!hosts.includes(new URL(req.url).hostname)) return undefined; // never off the source's hosts
  const options: RequestOptions = {
    url: req.url,
    label: req.label,
    method: req.method ?? 'GET',
    userData: { data: req.userData ?? {} },
  };
  // Keys only when set: crawlee's Request checks every key present, and its check of an
  // `undefined` payload builds (and throws away) an error each time (issue #3's profile).
  if (req.form) {
    options.payload = new URLSearchParams(req.form).toString();
    options.headers = { 'content-type': 'application/x-www-form-urlencoded', ...req.headers };
    options.useExtendedUniqueKey = true;
  } else if (req.headers) options.headers = req.headers;
  return options;
}

/** The router: handlers picked by label, each short, calling the source's pure parser. */
export function createRoutes(deps: RouteDeps) {
  const router = createHttpRouter();
  const discover = async (context: HttpCrawlingContext) => {
    const doc = documentOf(context, deps);
    if (doc.status === 404 && endsNormally(context.request.label, doc.userData)) return; // a run of list pages ends with a 404
    const found = deps.parser.discover(doc, deps.ctx);
    deps.recorder.count({ listPages: 1 });
    if (found.itemsFound === 0 && (doc.userData.page ?? 1) === 1 && !doc.userData.optional) {
      throw new LayoutChangedError('the list matched no items', doc.url);
    }
    for (const record of found.records ?? []) await deps.writer.addArticle(record, keyOf(context));
    await enqueue(context, deps, [...found.articles, ...found.next]);
  };
  router.addHandler('LIST', discover);
  router.addHandler('API', discover);
  router.addHandler('SITEMAP', discover);
  router.addHandler('ARTICLE', async (context) => {
    const doc = documentOf(context, deps);
    await deps.writer.addArticle(deps.parser.article(doc), keyOf(context));
  });
  return router;
}

async function enqueue(context: HttpCrawlingContext, deps: RouteDeps, all: CrawlRequest[]): Promise<void> {
  const viaBrowser = (r: CrawlRequest) => r.label === 'ARTICLE' && deps.source.browser === 'optional';
  deps.browserQueue.push(...all.filter(viaBrowser));
  const requests = all.filter((r) => !viaBrowser(r));
  const options = requests.map((r) => toCrawleeRequest(r, deps.source.hosts)).filter((r) => r !== undefined);
  if (options.length < requests.length)
    deps.log.debug('skipped links off the source hosts', { source: deps.source.id });
  if (options.length > 0) await context.crawler.addRequests(options);
}

/** The key a request's fetched page and archive entry are kept under. */
export function keyOf(context: Pick<HttpCrawlingContext, 'request'>): string {
  return context.request.id ?? context.request.uniqueKey;
}

function documentOf(context: HttpCrawlingContext, deps: RouteDeps): FetchedDocument {
  const key = keyOf(context);
  const page = deps.fetched.get(key);
  deps.fetched.delete(key);
  if (!page) throw new Error(`no fetched page for ${context.request.url}`);
  const data = (context.request.userData as { data?: RequestData }).data ?? {};
  return makeDocument(page.finalUrl, page.status, page.headers, page.body, data);
}
