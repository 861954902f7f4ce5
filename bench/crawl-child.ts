import * as cheerio from 'cheerio';
import { request } from 'undici';
import { loadConfig } from '../core/config.js';
import { createLogger } from '../core/log.js';
import { openDatabase } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';
import { upsertSources } from '../db/repositories/source.repository.js';
import { crawl } from '../crawlers/engine/main.js';
import { findSource, sourceRegistry } from '../crawlers/sources/index.js';
import { siteUrls } from './nda-like-site.js';

/**
 * One measured side of `npm run bench -- crawl`, in its own process so each side's peak RSS is
 * its own and the generated site (served by the parent) costs neither side CPU:
 *   bare <origin> <articles>          fetch + cheerio parse, one at a time, no database
 *   bare-lean <origin> <articles>     the same with the crawl's client and parser (undici, htmlparser2)
 *   crawl <origin> <dataDir> [dbUrl]  sourcecheck's crawl of the nda source through the host map
 * Prints one JSON line: { pages, seconds, peakRssMb }.
 */
const [mode, a, b, c] = process.argv.slice(2);

async function bare(origin: string, articles: number) {
  const { listUrls, articleUrls } = siteUrls(articles);
  const t0 = performance.now();
  for (const url of [...listUrls, ...articleUrls]) {
    const res = await fetch(origin + new URL(url).pathname);
    const $ = cheerio.load(await res.text());
    void ($('ul.u-list li a').length + $('meta[name="ArticleTitle"]').length + $('div.article').text().length);
  }
  return { pages: listUrls.length + articleUrls.length, seconds: (performance.now() - t0) / 1000 };
}

/** The same loop with the crawl's own HTTP client and HTML parser: undici's request() and htmlparser2. */
async function bareLean(origin: string, articles: number) {
  const { listUrls, articleUrls } = siteUrls(articles);
  const t0 = performance.now();
  for (const url of [...listUrls, ...articleUrls]) {
    const res = await request(origin + new URL(url).pathname);
    const $ = cheerio.load(await res.body.text(), { xml: { xmlMode: false } });
    void ($('ul.u-list li a').length + $('meta[name="ArticleTitle"]').length + $('div.article').text().length);
  }
  return { pages: listUrls.length + articleUrls.length, seconds: (performance.now() - t0) / 1000 };
}

async function open(dataDir: string, databaseUrl?: string, hostMap?: string) {
  const { config } = loadConfig({
    env: databaseUrl ? { DATABASE_URL: databaseUrl } : {},
    flags: { hostMap, delayMs: 0, maxPages: 10_000, dataDir: dataDir || 'memory://', maxRetries: 0 },
  });
  const log = createLogger('silent');
  return { config, log, handle: await openDatabase(config, log) };
}

async function fullCrawl(origin: string, dataDir: string, databaseUrl?: string) {
  const { config, log, handle } = await open(dataDir, databaseUrl, `www.nda.gov.cn=${origin}`);
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

const measured =
  mode === 'bare'
    ? await bare(a!, Number(b))
    : mode === 'bare-lean'
      ? await bareLean(a!, Number(b))
      : await fullCrawl(a!, b!, c || undefined);
process.stdout.write(`${JSON.stringify({ ...measured, peakRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
