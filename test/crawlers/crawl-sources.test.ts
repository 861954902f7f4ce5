import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportedArticle } from '../../pipeline/article-export.js';
import { expectedArticles, type ExpectedArticle } from '../parsers/fixture-doc.js';
import { crawlReplay, type CrawlRun } from './crawl-harness.js';

const HOSTS: Record<string, string[]> = {
  nda: ['www.nda.gov.cn'],
  cac: ['www.cac.gov.cn'],
  cnr: ['www.cnr.cn'],
  reuters: ['www.reuters.com'],
  govcn: ['www.gov.cn'],
  mee: ['www.mee.gov.cn'],
  rmrb: ['paper.people.com.cn'],
};

/** Labelled articles a crawl can reach: Reuters article pages are never fetched (robots.txt). */
function reachable(source: string): (ExpectedArticle & { kept?: boolean })[] {
  const labels = HOSTS[source]!.flatMap((h) => expectedArticles(h) as (ExpectedArticle & { kept?: boolean })[]);
  return source === 'reuters' ? labels.filter((a) => a.kept && a.provenance !== 'real') : labels;
}

describe('crawling every source’s replayed site through the host map', () => {
  let run: CrawlRun;
  let stored: ExportedArticle[];
  beforeAll(async () => {
    run = await crawlReplay({
      hosts: Object.values(HOSTS).flat(),
      sources: Object.keys(HOSTS),
      since: '2020-01-01T00:00:00+08:00',
    });
    stored = await run.articles();
  }, 180_000);
  afterAll(() => run?.close());

  it('finishes every source; the only errors are the fixtures’ deliberate 404s', () => {
    for (const result of run.results) {
      expect(result.status, result.sourceId).not.toBe('failed');
      for (const e of result.errors) expect(`${result.sourceId} ${e.kind}`).toMatch(/HTTP 404$/);
    }
  });

  for (const source of Object.keys(HOSTS)) {
    it(`${source}: stores every labelled article, field by field`, () => {
      const labels = reachable(source);
      expect(labels.length).toBeGreaterThan(0);
      for (const label of labels) {
        const got = stored.find((a) => a.source === source && a.nativeId === label.nativeId);
        expect(got, `${source} ${label.nativeId} ${label.url}`).toBeDefined();
        // Stored URLs are the labelled ones; twins no list links to (mobile pages, a 政策文件库
        // copy the feed never lists) are not reachable by a crawl and need not be there.
        const labelled = [label.url, ...label.aliasUrls];
        expect(labelled).toContain(got!.url);
        for (const alias of got!.aliasUrls) expect(labelled).toContain(alias);
        expect(got!.title).toBe(label.title);
        expect(got!.publishedAt && new Date(got!.publishedAt).toISOString()).toBe(
          label.publishedAt && new Date(label.publishedAt).toISOString(),
        );
        expect(got!.publishedAt?.endsWith('+08:00') ?? true).toBe(true);
        expect(got!.publishedDate).toBe(label.publishedDate);
        expect(got!.datePrecision).toBe(label.datePrecision);
        expect(got!.originalSource).toBe(label.originalSource);
        expect(got!.issuer).toBe(label.issuer);
        expect(got!.docNumber ?? null).toBe(label.docNumber ?? null);
        expect(got!.storyId).toMatch(/^\d+$/); // every stored article is in a story after the pipeline step
      }
    });
  }

  it('stores nothing it was not meant to: no non-English Reuters entry, no off-site page', () => {
    const reuters = stored.filter((a) => a.source === 'reuters');
    expect(reuters).toHaveLength(reachable('reuters').length);
    for (const a of stored)
      expect(HOSTS[a.source]!.concat('politics.people.com.cn')).toContain(new URL(a.url).hostname);
  });

  it('keeps one article per NDA id across columns, with the other URL as an alias', () => {
    const twin = stored.find((a) => a.nativeId === '20260519194643007508935')!;
    expect([twin.url, ...twin.aliasUrls].sort()).toEqual([
      'https://www.nda.gov.cn/sjj/swdt/xwfb/0519/20260519194643007508935_pc.html',
      'https://www.nda.gov.cn/sjj/ywpd/szjj/0519/20260519194643007508935_pc.html',
    ]);
  });

  it('folds the cnr.cn original and its CAC repost into one story', () => {
    const copies = stored.filter((a) => a.title === '发展农业新质生产力！五大任务强化农业科技和装备支撑');
    expect(copies.map((a) => a.source).sort()).toEqual(['cac', 'cnr']);
    expect(new Set(copies.map((a) => a.storyId)).size).toBe(1);
  });

  it('records where each date came from', () => {
    const ndaDoc = stored.find((a) => a.nativeId === '20260608172117399715004')!;
    const evidence = ndaDoc.dateEvidence as { chosen: { kind: string; field: string }; candidates: unknown[] };
    expect(evidence.chosen.kind).toBe('meta');
    expect(evidence.candidates.length).toBeGreaterThanOrEqual(2);
  });

  it('archives every response with its run, including the 404s', async () => {
    const pages = await run.handle.db.selectFrom('pages').select(['status', 'run_id', 'sha256', 'body']).execute();
    const total = run.results.reduce((n, r) => n + (r.stats?.pages ?? 0), 0);
    expect(pages).toHaveLength(total);
    expect(pages.every((p) => p.run_id !== null && p.sha256 !== null && p.body !== null)).toBe(true);
    expect(pages.filter((p) => p.status === 404).length).toBeGreaterThanOrEqual(2);
  });
});
