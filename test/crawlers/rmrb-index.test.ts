import { afterEach, describe, expect, it } from 'vitest';
import { expectedArticles } from '../parsers/fixture-doc.js';
import { crawlReplay, type CrawlRun } from './crawl-harness.js';

// Issue #12.2: the real 人民日报 layout index redirects to the latest issue's node_01.html
// (sources.md §4.3). Whether it answers 302 or 200, a crawl from it walks back to `since`.

const HOST = 'paper.people.com.cn';
const INDEX_PATH = '/rmrb/pc/layout/index.html';
/** The 200 form of the index, served in place of the replay's 302. */
const INDEX_200 = { [HOST]: [{ path: INDEX_PATH, file: '_variants/layout-index-200.html' }] };

const labelled = (since: string) =>
  expectedArticles(HOST)
    .filter((a) => a.publishedDate! >= since)
    .map((a) => a.nativeId)
    .sort();

describe('rmrb: the layout index, redirected or not', () => {
  let run: CrawlRun | undefined;
  afterEach(() => run?.close());

  it.each([
    ['302 (the replay, as the real site)', undefined, 302],
    ['200 (a copy of page 01)', INDEX_200, 200],
  ] as const)('index answering %s: every issue back to since is crawled', async (_name, routes, status) => {
    run = await crawlReplay({ hosts: [HOST], sources: ['rmrb'], since: '2026-05-16T00:00:00+08:00', routes });
    const index = run.replay.hits.filter((h) => new URL(h.url, 'http://x').pathname === INDEX_PATH);
    expect(index.map((h) => h.status)).toEqual([status]);
    const stored = (await run.articles()).filter((a) => a.source === 'rmrb').map((a) => a.nativeId);
    expect(stored.sort()).toEqual(labelled('2026-05-16'));
    expect(run.results[0]!.status).not.toBe('failed');
  });

  it('stops at since: a crawl from 2026-05-29 leaves the 2026-05-16 issue alone', async () => {
    run = await crawlReplay({ hosts: [HOST], sources: ['rmrb'], since: '2026-05-29T00:00:00+08:00' });
    const stored = (await run.articles()).map((a) => a.nativeId).sort();
    expect(stored).toEqual(labelled('2026-05-29'));
    expect(stored.length).toBeLessThan(labelled('2026-05-16').length);
  });
});
