import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backoffMs, HostGate, retryAfterMs } from '../../crawlers/engine/host-gate.js';
import { RobotsCache } from '../../crawlers/engine/robots.js';
import { parseHostMap } from '../../crawlers/fetch/host-map.js';
import { startReplay, type Replay } from '../replay/server.js';

describe('host gate', () => {
  it('runs one request at a time per host, starts spaced by the delay', async () => {
    const gate = new HostGate(() => 120);
    const starts: number[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const task = async () => {
      starts.push(Date.now());
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      await new Promise((r) => setTimeout(r, 20));
      inFlight--;
    };
    await Promise.all([1, 2, 3, 4].map(() => gate.run('a.example', task)));
    expect(maxInFlight).toBe(1);
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(115);
  });

  it('keeps hosts independent', async () => {
    const gate = new HostGate(() => 300);
    const t0 = Date.now();
    await Promise.all(['a', 'b', 'c'].map((h) => gate.run(h, async () => undefined)));
    expect(Date.now() - t0).toBeLessThan(250);
  });

  it('holds a host until a deferred time (Retry-After)', async () => {
    const gate = new HostGate(() => 0);
    gate.defer('a', Date.now() + 250);
    gate.defer('a', Date.now() + 10); // never moves a hold earlier
    const t0 = Date.now();
    await gate.run('a', async () => undefined);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(240);
  });
});

describe('Retry-After and backoff', () => {
  it('reads seconds and HTTP dates, capped', () => {
    expect(retryAfterMs('2')).toBe(2000);
    expect(retryAfterMs(new Date(Date.UTC(2026, 5, 8, 0, 0, 30)).toUTCString(), Date.UTC(2026, 5, 8))).toBe(30_000);
    expect(retryAfterMs('86400')).toBe(300_000);
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs(undefined)).toBeUndefined();
  });

  it('doubles per attempt with jitter in the upper half', () => {
    expect(backoffMs(0, 1000, 60_000, () => 0)).toBe(500);
    expect(backoffMs(0, 1000, 60_000, () => 1)).toBe(1000);
    expect(backoffMs(3, 1000, 60_000, () => 1)).toBe(8000);
    expect(backoffMs(20, 1000, 60_000, () => 1)).toBe(60_000);
  });
});

describe('robots.txt', () => {
  let replay: Replay;
  let robots: RobotsCache;
  beforeAll(async () => {
    replay = await startReplay({
      hosts: ['www.reuters.com', 'a.example.cn', 'down.example.cn', 'none.example.cn'],
      sitesDir: new URL('../fixtures/sites/', import.meta.url).pathname,
      routes: {
        'a.example.cn': [
          {
            path: '/robots.txt',
            body: 'User-agent: *\nDisallow: /private/\nCrawl-delay: 3\n',
            headers: { 'content-type': 'text/plain' },
          },
        ],
        'down.example.cn': [{ path: '/robots.txt', status: 503 }],
      },
    });
    robots = new RobotsCache('sourcecheck/1.0', { hostMap: parseHostMap(replay.hostMap) });
  });
  afterAll(() => replay.close());

  it('obeys Disallow and reads Crawl-delay', async () => {
    expect(await robots.check('https://a.example.cn/public/x.html', 'ARTICLE')).toEqual({ allowed: true });
    expect((await robots.check('https://a.example.cn/private/x.html', 'ARTICLE')).allowed).toBe(false);
    expect(await robots.crawlDelayMs('a.example.cn')).toBe(3000);
  });

  it("follows Reuters' allow-list: articles refused, declared sitemaps allowed", async () => {
    const article = 'https://www.reuters.com/business/finance/goldman-sachs-pushes-fed-rate-cut-call-2027-2026-06-07/';
    expect(await robots.check(article, 'ARTICLE')).toEqual({ allowed: false, reason: 'disallowed by robots.txt' });
    expect(
      (await robots.check('https://www.reuters.com/arc/outboundfeeds/news-sitemap/?outputType=xml&from=100', 'SITEMAP'))
        .allowed,
    ).toBe(true);
    expect((await robots.check('https://www.reuters.com/plus/x', 'ARTICLE')).allowed).toBe(true);
  });

  it('fetches robots.txt once per host and refuses a host whose robots.txt fails with 5xx', async () => {
    await robots.check('https://a.example.cn/other', 'ARTICLE');
    expect(replay.hits.filter((h) => h.host === 'a.example.cn' && h.url === '/robots.txt')).toHaveLength(1);
    expect(await robots.check('https://down.example.cn/x', 'LIST')).toEqual({
      allowed: false,
      reason: 'robots.txt answered HTTP 503',
    });
  });

  it('treats a missing robots.txt as no rules', async () => {
    expect(await robots.check('https://none.example.cn/anything', 'ARTICLE')).toEqual({ allowed: true });
  });
});
