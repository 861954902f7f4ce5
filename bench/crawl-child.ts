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
import { HTMLPARSER2 } from '../crawlers/extract/document.js';

/**
 * One measured side of `npm run bench -- crawl`, in its own process so each side's peak RSS is
 * its own and the generated site (served by the parent) costs neither side CPU:
 *   bare <origin> <articles>          fetch + cheerio parse, one at a time, no database
 *   bare-lean <origin> <articles>     the same with the crawl's client and parser (undici, htmlparser2)
 *   crawl <origin> <dataDir> [dbUrl]  sourcecheck's crawl of the nda source through the host map
 * Prints one JSON line: { pages, seconds, peakRssMb }.
 */
const [mode, a, b, c] = process.argv.slice(2);

/** Fetch and parse every page of the site, one at a time: `get` fetches a page's HTML, `load` parses it. */
async function loop(
  origin: string,
  articles: number,
  get: (url: string) => Promise<string>,
  load: (html: string) => cheerio.CheerioAPI,
) {
  const { listUrls, articleUrls } = siteUrls(articles);
  const t0 = performance.now();
  for (const url of [...listUrls, ...articleUrls]) {
    const $ = load(await get(origin + new URL(url).pathname));
    void ($('ul.u-list li a').length + $('meta[name="ArticleTitle"]').length + $('div.article').text().length);
  }
  return { pages: listUrls.length + articleUrls.length, seconds: (performance.now() - t0) / 1000 };
}

/** fetch + cheerio.load (parse5), the loop issue #3 names. */
const bare = (origin: string, articles: number) =>
  loop(
    origin,
    articles,
    async (url) => (await fetch(url)).text(),
    (html) => cheerio.load(html),
  );

/** The same loop with the crawl's own HTTP client and HTML parser: undici's request() and htmlparser2. */
const bareLean = (origin: string, articles: number) =>
  loop(
    origin,
    articles,
    async (url) => (await request(url)).body.text(),
    (html) => cheerio.load(html, HTMLPARSER2),
  );

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
