import { loadConfig, type Config } from '../../core/config.js';
import { createLogger } from '../../core/log.js';
import { openDatabase, type DatabaseHandle } from '../../db/connect.js';
import { migrateToLatest } from '../../db/migrate.js';
import { listArticles } from '../../db/repositories/article.repository.js';
import { upsertSources } from '../../db/repositories/source.repository.js';
import { crawl } from '../../crawlers/engine/main.js';
import { clusterStories } from '../../pipeline/stories.js';
import type { SourceResult } from '../../crawlers/engine/crawl-source.js';
import { findSource, sourceRegistry } from '../../crawlers/sources/index.js';
import { exportArticle, type ExportedArticle } from '../../pipeline/article-export.js';
import { startReplay, type Replay } from '../replay/server.js';
import type { ReplayRoute } from '../replay/routes.js';

/** A crawl of replayed sites into a fresh in-memory database, for in-process assertions. */
export interface CrawlRun {
  handle: DatabaseHandle;
  replay: Replay;
  results: SourceResult[];
  articles: () => Promise<ExportedArticle[]>;
  close: () => Promise<void>;
}

/** Options of {@link crawlReplay}. */
export interface CrawlReplayOptions {
  hosts: string[];
  sources: string[];
  since: string;
  routes?: Record<string, ReplayRoute[]>;
  config?: Partial<Record<keyof Config, string | number>>;
  handle?: DatabaseHandle;
}

/**
 * Serve `hosts` from the fixtures, crawl `sources` through the host map with politeness
 * delays off (politeness itself is tested separately), and return the stored results.
 */
export async function crawlReplay(options: CrawlReplayOptions): Promise<CrawlRun> {
  const replay = await startReplay({ hosts: options.hosts, routes: options.routes });
  const { config } = loadConfig({
    env: {},
    flags: {
      hostMap: replay.hostMap,
      delayMs: 0,
      maxRetries: 2,
      requestTimeoutMs: 5000,
      dataDir: 'memory://',
      ...options.config,
    },
  });
  const log = createLogger('silent');
  const handle = options.handle ?? (await openDatabase(config, log));
  await migrateToLatest(handle.db);
  await upsertSources(handle.db, sourceRegistry);
  const sources = options.sources.map((id) => findSource(id)!);
  const results = await crawl(handle.db, handle.backend, config, '0.0.0-test', log, {
    sources,
    since: new Date(options.since),
    delayOverrideMs: config.delayMs,
  });
  await clusterStories(handle.db); // the pipeline step `sourcecheck crawl` runs after crawling
  return {
    handle,
    replay,
    results,
    articles: async () => (await listArticles(handle.db)).map(exportArticle),
    close: async () => {
      await replay.close();
      if (!options.handle) await handle.close();
    },
  };
}
