import * as cheerio from 'cheerio';
import { loadConfig } from '../core/config.js';
import { createLogger } from '../core/log.js';
import { openDatabase } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';
import { upsertSources } from '../db/repositories/source.repository.js';
import { crawl } from '../crawlers/engine/main.js';
import { findSource, sourceRegistry } from '../crawlers/sources/index.js';
import { startGeneratedSite } from './nda-like-site.js';

/** One measured side of the comparison. */
interface Measured {
  pages: number;
  seconds: number;
}

/**
 * `npm run bench -- crawl`: crawl a generated site of ≥ 2,000 NDA-like article pages with
 * politeness off, and in the same run a bare loop (fetch + cheerio parse, same per-host
 * concurrency of 1, no database). Prints pages/s of each, the ratio and peak RSS.
 * Target (issue #3): ratio ≥ 0.5, RSS < 600 MB. A benchmark, not a test.
 */
export async function benchCrawl(articles = 2000): Promise<void> {
  const site = await startGeneratedSite(articles);
  try {
    const bare = await bareLoop(site.origin, [...site.listUrls, ...site.articleUrls]);
    const full = await fullCrawl(site.origin);
    const rate = (m: Measured) => m.pages / m.seconds;
    const rssMb = process.resourceUsage().maxRSS / 1024;
    process.stdout.write(
      [
        `crawl bench: ${articles} articles, ${site.listUrls.length} list pages`,
        `  bare loop (fetch + cheerio)   ${bare.pages} pages in ${bare.seconds.toFixed(2)} s = ${rate(bare).toFixed(1)} pages/s`,
        `  sourcecheck crawl (PGlite)    ${full.pages} pages in ${full.seconds.toFixed(2)} s = ${rate(full).toFixed(1)} pages/s`,
        `  ratio crawl/bare              ${(rate(full) / rate(bare)).toFixed(2)}   (target ≥ 0.5)`,
        `  peak RSS                      ${rssMb.toFixed(0)} MB   (target < 600 MB)`,
        '',
      ].join('\n'),
    );
  } finally {
    await site.close();
  }
}

async function bareLoop(origin: string, urls: string[]): Promise<Measured> {
  const t0 = performance.now();
  for (const url of urls) {
    const res = await fetch(origin + new URL(url).pathname);
    const $ = cheerio.load(await res.text());
    void ($('ul.u-list li a').length + $('meta[name="ArticleTitle"]').length + $('div.article').text().length);
  }
  return { pages: urls.length, seconds: (performance.now() - t0) / 1000 };
}

async function fullCrawl(origin: string): Promise<Measured> {
  const { config } = loadConfig({
    env: {},
    flags: { hostMap: `www.nda.gov.cn=${origin}`, delayMs: 0, maxPages: 10_000, dataDir: 'memory://', maxRetries: 0 },
  });
  const log = createLogger('silent');
  const handle = await openDatabase(config, log);
  try {
    await migrateToLatest(handle.db);
    await upsertSources(handle.db, sourceRegistry);
    const t0 = performance.now();
    const [result] = await crawl(handle.db, handle.backend, config, 'bench', log, {
      sources: [findSource('nda')!],
      since: new Date('2000-01-01T00:00:00+08:00'),
      delayOverrideMs: 0,
    });
    return { pages: result?.stats?.pages ?? 0, seconds: (performance.now() - t0) / 1000 };
  } finally {
    await handle.close();
  }
}
