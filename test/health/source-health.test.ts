import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/connect.js';
import { upsertArticle, type ArticleInput } from '../../db/repositories/article.repository.js';
import { finishCrawlRun, startCrawlRun } from '../../db/repositories/crawl-run.repository.js';
import { findSource, sourceRegistry } from '../../crawlers/sources/index.js';
import { isBroken, sourceHealth } from '../../pipeline/health/source-health.js';
import { openReady, testBackends } from '../db/backends.js';

const NOW = new Date('2026-06-09T06:00:00+08:00');
const article = (sourceId: string, nativeId: string, publishedAt: string): ArticleInput => ({
  sourceId,
  nativeId,
  url: `https://example.invalid/${sourceId}/${nativeId}`,
  aliasUrls: [],
  title: `标题${nativeId}`,
  publishedAt,
  datePrecision: 'minute',
  dateEvidence: {},
  originalOutlet: null, issuer: null,
  docNumber: null,
  bodyText: `正文${nativeId}`,
  language: 'zh',
  attachments: [],
  pageId: null,
});

describe.each(testBackends())('source health ($name)', (backend) => {
  let h: DatabaseHandle;
  beforeAll(async () => {
    h = await openReady(backend);
    // nda: crawled fine, published yesterday (cadence 48 h) → healthy.
    const nda = await startCrawlRun(h.db, 'nda', NOW, {});
    await finishCrawlRun(h.db, nda, 'succeeded', { pages: 12, new: 3, articles: 3 }, []);
    await upsertArticle(h.db, article('nda', '1', '2026-06-08T10:00:00+08:00'));
    // cac: the list matched nothing → failed with a layout alert naming the URL.
    const cac = await startCrawlRun(h.db, 'cac', NOW, {});
    await finishCrawlRun(h.db, cac, 'failed', { pages: 1 }, [
      {
        url: 'https://www.cac.gov.cn/wxzw/A0937index_1.htm',
        kind: 'layout changed?',
        message: 'the list matched no items (saved page 7)',
        at: NOW.toISOString(),
      },
    ]);
    // cnr: crawled fine but nothing published for 5 days (cadence 12 h) → stale, not broken.
    const cnr = await startCrawlRun(h.db, 'cnr', NOW, {});
    await finishCrawlRun(h.db, cnr, 'succeeded', { pages: 4 }, []);
    await upsertArticle(h.db, article('cnr', '9', '2026-06-04T08:00:00+08:00'));
    // An article "published" after NOW (a replay's clock) does not make cnr fresh.
    await upsertArticle(h.db, article('cnr', '10', '2026-06-20T08:00:00+08:00'));
  });
  afterAll(() => h?.close());

  it('flags never-crawled, layout-changed and stale sources, and passes a healthy one', async () => {
    const health = await sourceHealth(h.db, sourceRegistry, NOW);
    const by = (id: string) => health.find((x) => x.sourceId === id)!;
    expect(by('nda')).toMatchObject({ healthy: true, flags: [], lastRun: { status: 'succeeded', pages: 12, new: 3 } });
    expect(by('cac').flags).toEqual(['failed', 'layout-changed']);
    expect(by('cac').alerts.join('\n')).toContain('layout changed? https://www.cac.gov.cn/wxzw/A0937index_1.htm');
    expect(isBroken(by('cac'))).toBe(true);
    expect(by('cnr').flags).toEqual(['stale']);
    expect(by('cnr').alerts[0]).toMatch(/nothing new for 118 h \(expected every 12 h\)/);
    expect(isBroken(by('cnr'))).toBe(false);
    expect(by('reuters').flags).toEqual(['never-crawled']);
  });

  it('counts new items per Beijing day over a week', async () => {
    const health = await sourceHealth(h.db, [findSource('cnr')!], NOW);
    const perDay = health[0]!.newPerDay;
    expect(perDay).toHaveLength(7);
    // Both cnr articles were first seen today (wall clock): the last day holds them.
    expect(perDay.at(-1)!.count).toBe(2);
    expect(perDay.slice(0, -1).every((d) => d.count === 0)).toBe(true);
  });
});
