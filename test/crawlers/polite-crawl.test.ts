import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlReplay, type CrawlRun } from './crawl-harness.js';

describe('a polite crawl', () => {
  let run: CrawlRun;
  beforeAll(async () => {
    run = await crawlReplay({
      hosts: ['www.nda.gov.cn'],
      sources: ['nda'],
      since: '2026-06-05T00:00:00+08:00',
      config: { delayMs: 150, contactUrl: 'https://newsroom.example/crawler' },
      routes: {
        'www.nda.gov.cn': [
          {
            path: '/robots.txt',
            body: 'User-agent: *\nDisallow: /sjj/zwgk/zjjd/\nCrawl-delay: 0.3\n',
            headers: { 'content-type': 'text/plain' },
          },
        ],
      },
    });
  }, 120_000);
  afterAll(() => run?.close());

  it('sends one request at a time to a host, at least the delay apart (raised by Crawl-delay)', () => {
    const hits = run.replay.hits.filter((h) => h.url !== '/robots.txt').map((h) => h.at);
    expect(hits.length).toBeGreaterThan(10);
    // delayMs is 150, robots.txt asks for 0.3 s: the longer wait wins.
    for (let i = 1; i < hits.length; i++) expect(hits[i]! - hits[i - 1]!).toBeGreaterThanOrEqual(290);
  });

  it('names itself and its operator in the User-Agent', () => {
    for (const hit of run.replay.hits) {
      expect(hit.headers['user-agent']).toBe(
        'sourcecheck/0.0.0-test (news source verification crawler; +https://newsroom.example/crawler)',
      );
    }
  });

  it('reads robots.txt once and never requests a disallowed path', () => {
    expect(run.replay.hits.filter((h) => h.url === '/robots.txt')).toHaveLength(1);
    expect(run.replay.hits.filter((h) => h.url.startsWith('/sjj/zwgk/zjjd/'))).toEqual([]);
    const refused = run.results[0]!.errors.filter((e) => e.kind === 'robots.txt');
    expect(refused.map((e) => e.url)).toEqual(['https://www.nda.gov.cn/sjj/zwgk/zjjd/list/index_pc_1.html']);
  });
});
