import { afterEach, describe, expect, it } from 'vitest';
import { findChromium } from '../../crawlers/engine/chromium.js';
import type { ReplayRoute } from '../replay/routes.js';
import { crawlReplay, type CrawlRun } from './crawl-harness.js';

const ISRAEL =
  'https://www.reuters.com/world/middle-east/israeli-tank-likely-scenario-fired-machine-gun-reporters-after-deadly-shelling-2024-03-07/';
const NEPAL =
  'https://www.reuters.com/business/aerospace-defense/nepal-says-no-proof-flydubai-plane-suffered-bird-strike-2023-04-25/';

const entry = (loc: string, title: string, at: string) =>
  `<url><loc>${loc}</loc><news:news><news:publication><news:name>Reuters</news:name><news:language>en</news:language></news:publication>` +
  `<news:publication_date>${at}</news:publication_date><news:title>${title}</news:title></news:news></url>`;
const XML = { 'content-type': 'application/xml' };

/** A news sitemap that lists the two real article pages (the fixture's sitemaps list synthetic ones). */
function sitemapRoutes(robots?: string): ReplayRoute[] {
  const index = `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>https://www.reuters.com/arc/outboundfeeds/news-sitemap/?outputType=xml</loc></sitemap></sitemapindex>`;
  const slice =
    `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">` +
    entry(
      ISRAEL,
      "Israeli tank 'likely' fired machine gun at reporters after deadly shelling, report finds",
      '2024-03-07T07:55:25Z',
    ) +
    entry(NEPAL, 'Nepal says no proof Flydubai plane suffered bird strike', '2023-04-25T12:26:15Z') +
    `</urlset>`;
  const routes: ReplayRoute[] = [
    { path: '/arc/outboundfeeds/news-sitemap-index/', params: { outputType: 'xml' }, body: index, headers: XML },
    { path: '/arc/outboundfeeds/news-sitemap/', params: { outputType: 'xml' }, body: slice, headers: XML },
  ];
  if (robots) routes.push({ path: '/robots.txt', body: robots, headers: { 'content-type': 'text/plain' } });
  return routes;
}

let chromium: string | undefined;
try {
  chromium = findChromium();
} catch {
  chromium = undefined; // .ci/run installs Debian's chromium; without it this suite cannot run
}

describe.runIf(chromium)('article pages through the browser (opt-in)', () => {
  let run: CrawlRun | undefined;
  afterEach(() => run?.close());

  it('fetches them with Chromium past a first DataDome 401, where robots.txt allows', async () => {
    run = await crawlReplay({
      hosts: ['www.reuters.com'],
      sources: ['reuters'],
      since: '2020-01-01T00:00:00Z',
      routes: {
        'www.reuters.com': sitemapRoutes(
          'User-agent: *\nAllow: /\nSitemap: https://www.reuters.com/arc/outboundfeeds/news-sitemap-index/?outputType=xml\n',
        ),
      },
      config: { browserArticles: 'true', requestTimeoutMs: 20_000 },
    });
    const articles = await run.articles();
    const israel = articles.find((a) => a.url === ISRAEL)!;
    expect(israel.publishedAt).toBe('2024-03-07T15:55:25+08:00');
    const row = await run.handle.db
      .selectFrom('articles')
      .select(['body_text'])
      .where('canonical_url', '=', ISRAEL)
      .executeTakeFirstOrThrow();
    expect(row.body_text).toMatch(/^BEIRUT\/THE HAGUE, March 7 \(Reuters\)/);
    const statuses = await run.handle.db
      .selectFrom('pages')
      .select(['status'])
      .where('requested_url', '=', ISRAEL)
      .orderBy('id')
      .execute();
    expect(statuses.map((p) => p.status)).toEqual([401, 200]);
    expect(run.results[0]!.errors).toEqual([]);
  }, 120_000);

  it('never fetches them where robots.txt disallows (the 2026 allow-list), keeping the headlines', async () => {
    run = await crawlReplay({
      hosts: ['www.reuters.com'],
      sources: ['reuters'],
      since: '2020-01-01T00:00:00Z',
      routes: { 'www.reuters.com': sitemapRoutes() },
      config: { browserArticles: 'true' },
    });
    expect(run.replay.hits.filter((h) => h.url.startsWith('/world/') || h.url.startsWith('/business/'))).toEqual([]);
    expect(run.results[0]!.errors.map((e) => [e.kind, e.url]).sort()).toEqual([
      ['robots.txt', NEPAL],
      ['robots.txt', ISRAEL],
    ]);
    expect((await run.articles()).map((a) => a.url).sort()).toEqual([NEPAL, ISRAEL]);
  }, 120_000);
});
