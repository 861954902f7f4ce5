import PQueue from 'p-queue';
import type { Kysely } from 'kysely';
import type { Config } from '../../core/config.js';
import type { Logger } from '../../core/log.js';
import type { Database } from '../../db/database.js';
import { lastSuccessfulRunStart } from '../../db/repositories/crawl-run.repository.js';
import { parseHostMap } from '../fetch/host-map.js';
import { parsers } from '../parsers/index.js';
import type { SourceDefinition } from '../sources/schema.js';
import { crawlSource, type SourceResult } from './crawl-source.js';
import { routeCrawleeLog } from './crawlee-log.js';
import { HostGate } from './host-gate.js';
import type { ProgressListener } from './recorder.js';
import { RobotsCache } from './robots.js';

/** What `crawl` was asked to do. */
export interface CrawlRequestOptions {
  sources: readonly SourceDefinition[];
  /** Fixed lower bound for list dates; default per source: last successful run − 2 days, else 30 days. */
  since?: Date;
  now?: Date;
  /**
   * A delay chosen explicitly (`--delay-ms`, env, config file) applies to every host; without
   * one, each source's own politeness delay applies, else the default.
   */
  delayOverrideMs?: number;
  onProgress?: ProgressListener;
}

const DAY = 24 * 60 * 60 * 1000;

/** The User-Agent: names sourcecheck, its version, and how to reach the operator. */
export function userAgent(version: string, contactUrl: string): string {
  return `sourcecheck/${version} (news source verification crawler${contactUrl ? `; +${contactUrl}` : ''})`;
}

/**
 * Crawl several sources side by side (p-queue bounds how many), sharing one host gate and one
 * robots.txt cache so politeness holds across sources that share a host.
 */
export async function crawl(
  db: Kysely<Database>,
  backend: 'postgres' | 'pglite',
  config: Config,
  version: string,
  log: Logger,
  request: CrawlRequestOptions,
): Promise<SourceResult[]> {
  routeCrawleeLog(log);
  const hostMap = parseHostMap(config.hostMap);
  const fetchOptions = { hostMap, timeoutMs: config.requestTimeoutMs, maxBodyBytes: config.maxBodyBytes };
  const ua = userAgent(version, config.contactUrl);
  const robots = new RobotsCache(ua, { ...fetchOptions, headers: { 'user-agent': ua } });
  const delays = new Map(request.sources.flatMap((s) => s.hosts.map((h) => [h, s.politeness.delayMs] as const)));
  const override = request.delayOverrideMs;
  // A robots.txt Crawl-delay can only lengthen the wait, never shorten it.
  const gate = new HostGate((host) =>
    Math.max(override ?? delays.get(host) ?? config.delayMs, robots.crawlDelayMs(host) ?? 0),
  );
  const headers = {
    'user-agent': ua,
    accept: 'text/html,application/xhtml+xml,application/xml,application/json;q=0.9,*/*;q=0.8',
    'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8',
  };
  const queue = new PQueue({ concurrency: config.sourceConcurrency });
  const now = request.now ?? new Date();
  const results = await Promise.all(
    request.sources.map((source) =>
      queue.add(async () => {
        const since = request.since ?? (await defaultSince(db, source.id, now));
        log.info(`crawling ${source.id} since ${since.toISOString().slice(0, 10)}`);
        return crawlSource({
          db,
          backend,
          source,
          parser: parserFor(source.id),
          since,
          maxPages: config.maxPages,
          browserArticles: config.browserArticles,
          hostMap,
          timeoutMs: config.requestTimeoutMs,
          maxBodyBytes: config.maxBodyBytes,
          maxRetries: config.maxRetries,
          headers,
          gate,
          robots,
          log,
          onProgress: request.onProgress,
        });
      }),
    ),
  );
  return results.filter((r): r is SourceResult => r !== undefined);
}

/** Last successful run of the source minus 2 days (overlap for late-listed items), else 30 days. */
export async function defaultSince(db: Kysely<Database>, sourceId: string, now: Date): Promise<Date> {
  const last = await lastSuccessfulRunStart(db, sourceId);
  return new Date((last?.getTime() ?? now.getTime() - 28 * DAY) - 2 * DAY);
}

function parserFor(id: string) {
  const parser = parsers[id];
  if (!parser) throw new Error(`source ${id} has no parser`);
  return parser;
}
