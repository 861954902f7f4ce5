import { HttpCrawler, type HttpCrawlingContext, type RequestQueue } from '@crawlee/http';
import { sql, type Kysely } from 'kysely';
import type { Logger } from '../../core/log.js';
import type { Database } from '../../db/database.js';
import { abortStaleRuns, finishCrawlRun, startCrawlRun } from '../../db/repositories/crawl-run.repository.js';
import type { CrawlError } from '../../db/tables/crawl-run.table.js';
import type { CrawlRequest, DiscoverContext, SourceParser } from '../extract/types.js';
import { crawlWithBrowser } from './browser-crawl.js';
import type { FetchedPage } from '../fetch/fetch-page.js';
import type { HostMap } from '../fetch/host-map.js';
import type { SourceDefinition } from '../sources/schema.js';
import { archiveHook, backoffHandler, failureHandler, robotsHook } from './hooks.js';
import type { HostGate } from './host-gate.js';
import { SourcecheckHttpClient } from './http-client.js';
import { ArchiveWriter } from './archive-writer.js';
import { runConfiguration } from './crawlee-config.js';
import { RunQueue } from './run-queue.js';
import { CrawlRecorder, type CrawlStats, type ProgressListener } from './recorder.js';
import type { RobotsCache } from './robots.js';
import { createRoutes, toCrawleeRequest } from './routes.js';

/** Everything one source's crawl needs. */
export interface SourceCrawlOptions {
  db: Kysely<Database>;
  backend: 'postgres' | 'pglite';
  source: SourceDefinition;
  parser: SourceParser;
  since: Date;
  maxPages: number;
  /** Fetch browser-only article pages (sources with `browser: 'optional'`). */
  browserArticles: boolean;
  hostMap: HostMap;
  timeoutMs: number;
  maxBodyBytes: number;
  maxRetries: number;
  headers: Record<string, string>;
  gate: HostGate;
  robots: RobotsCache;
  log: Logger;
  onProgress?: ProgressListener;
}

/** The outcome of one source's crawl. `skipped`: another process holds its crawl lock. */
export interface SourceResult {
  sourceId: string;
  runId: string | null;
  status: 'succeeded' | 'partial' | 'failed' | 'skipped';
  since: string;
  stats: CrawlStats | null;
  errors: CrawlError[];
  reason?: string;
}

/**
 * Crawl one source under its lock: on PostgreSQL a session advisory lock per source (two
 * crawls at once never work on the same source); on PGlite the data-dir lock already keeps
 * other processes out. Runs left `running` by a killed process are marked `aborted` first.
 */
export async function crawlSource(options: SourceCrawlOptions): Promise<SourceResult> {
  if (options.backend === 'pglite') return runLocked(options);
  return options.db.connection().execute(async (conn) => {
    const key = `sourcecheck:crawl:${options.source.id}`;
    const { rows } = await sql<{ ok: boolean }>`select pg_try_advisory_lock(hashtext(${key})) as ok`.execute(conn);
    if (!rows[0]?.ok) {
      return {
        sourceId: options.source.id,
        runId: null,
        status: 'skipped',
        since: options.since.toISOString(),
        stats: null,
        errors: [],
        reason: 'another crawl of this source is running',
      };
    }
    try {
      return await runLocked(options);
    } finally {
      await sql`select pg_advisory_unlock(hashtext(${key}))`.execute(conn);
    }
  });
}

async function runLocked(options: SourceCrawlOptions): Promise<SourceResult> {
  const { db, source, log } = options;
  const aborted = await abortStaleRuns(db, source.id);
  if (aborted > 0) log.warn(`marked ${aborted} unfinished run(s) of ${source.id} as aborted`);
  const runId = await startCrawlRun(db, source.id, options.since, { maxPages: options.maxPages });
  const recorder = new CrawlRecorder(source.id, options.onProgress);
  try {
    const { crawler, browserQueue, writer } = buildCrawler(options, runId, recorder);
    const start = options.parser
      .start(discoverContext(options))
      .map((r) => toCrawleeRequest(r, source.hosts))
      .filter((r) => r !== undefined);
    try {
      await crawler.run(start);
    } finally {
      await writer.flush(); // what was fetched is kept even when the crawl aborts
    }
    if (browserQueue.length > 0) await crawlWithBrowser(options, runId, recorder, browserQueue);
  } catch (error) {
    recorder.fail(source.discovery[0]?.url ?? source.id, 'crawl aborted', (error as Error).message);
    await finishCrawlRun(db, runId, 'failed', { ...recorder.stats }, recorder.errors);
    return {
      sourceId: source.id,
      runId,
      status: 'failed',
      since: options.since.toISOString(),
      stats: recorder.stats,
      errors: recorder.errors,
    };
  }
  const status = recorder.status();
  await finishCrawlRun(db, runId, status, { ...recorder.stats }, recorder.errors);
  return {
    sourceId: source.id,
    runId,
    status,
    since: options.since.toISOString(),
    stats: recorder.stats,
    errors: recorder.errors,
  };
}

function discoverContext(options: SourceCrawlOptions): DiscoverContext {
  return { since: options.since, maxPages: options.maxPages, browserArticles: options.browserArticles };
}

function buildCrawler(
  options: SourceCrawlOptions,
  runId: string,
  recorder: CrawlRecorder,
): { crawler: HttpCrawler<HttpCrawlingContext>; browserQueue: CrawlRequest[]; writer: ArchiveWriter } {
  const { source } = options;
  const client = new SourcecheckHttpClient({
    fetch: {
      hostMap: options.hostMap,
      timeoutMs: options.timeoutMs,
      maxBodyBytes: options.maxBodyBytes,
      allowedHosts: new Set(source.hosts),
    },
    headers: options.headers,
    gate: options.gate,
  });
  const deps = {
    db: options.db,
    source,
    parser: options.parser,
    ctx: discoverContext(options),
    client,
    recorder,
    log: options.log,
    writer: new ArchiveWriter(options.db, source, recorder),
    fetched: new Map<string, FetchedPage>(),
    browserQueue: [] as CrawlRequest[],
  };
  const concurrency = Math.max(1, source.hosts.length) * (source.politeness.concurrency ?? 1) + 1;
  const crawler = new HttpCrawler(
    {
      httpClient: client,
      // The run's queue lives in memory (run-queue.ts): the database remembers earlier nights.
      // crawlee 3.18 types a `requestManager` option but its options check (ow exactShape)
      // rejects it; `requestQueue` accepts any object with the manager's methods and is used
      // through the same IRequestManager calls.
      requestQueue: new RunQueue() as unknown as RequestQueue,
      requestHandler: createRoutes(deps),
      preNavigationHooks: [robotsHook(options.robots)],
      postNavigationHooks: [archiveHook(deps, runId)],
      errorHandler: backoffHandler(options.gate),
      failedRequestHandler: failureHandler(deps),
      maxRequestRetries: options.maxRetries,
      maxSessionRotations: 1,
      // A few sessions are enough to rotate past a bot wall once; crawlee's default pool of 1,000
      // is built one session per request and cost more than the parsing (issue #3's bench).
      sessionPoolOptions: { blockedStatusCodes: [], maxPoolSize: 10 },
      // Every status reaches the archive hook, which decides retry, session or failure itself.
      ignoreHttpErrorStatusCodes: Array.from({ length: 100 }, (_, i) => 500 + i),
      additionalMimeTypes: [
        'text/plain',
        'application/octet-stream',
        'application/pdf',
        'text/xml',
        'application/rss+xml',
      ],
      // Waiting at the host gate (delays, Retry-After) happens inside navigation: allow for it.
      navigationTimeoutSecs: 900,
      requestHandlerTimeoutSecs: 120,
      // One slot per request the host gates let through at once, plus one so a page is parsed
      // and stored while the next is fetched. Fixed from the start: crawlee's autoscaling starts
      // at 1 and grows every 10 s, longer than a nightly's incremental crawl of a source lasts.
      minConcurrency: concurrency,
      maxConcurrency: concurrency,
    },
    runConfiguration(),
  );
  return { crawler, browserQueue: deps.browserQueue, writer: deps.writer };
}
