import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freshDir } from '../cli/temp.js';
import {
  type Baseline,
  CORPUS_CHANGED,
  EPSILON,
  checkGate,
  fingerprintCorpus,
  floorOf,
  loadBaseline,
  saveBaseline,
  updateBaseline,
} from './gate.js';
import type { ArticleEntry, LabelledPair, Parsed } from './golden.js';
import { type PairScore, latestPlausibleDay, pairMetrics, scoreArticle } from './pipeline-eval.js';

const COUNTS = { articles: 2, lists: 1, pairs: 3 };
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A corpus of two files in a temp folder, with its fingerprint. */
function corpus(labels = '{"a":1}', page = '<html>a</html>') {
  const dir = freshDir('sourcecheck-gate-');
  dirs.push(dir);
  writeFileSync(join(dir, 'labels.json'), labels);
  writeFileSync(join(dir, 'page.html'), page);
  const inputs = ['labels.json', 'page.html'].map((name) => ({ name, path: join(dir, name) }));
  return { dir, inputs, fingerprint: fingerprintCorpus(inputs, COUNTS) };
}

function pinned(floors: Record<string, number>) {
  const c = corpus();
  const baseline: Baseline = { corpus: c.fingerprint, floors };
  return { ...c, baseline };
}

describe('eval gate: compare', () => {
  it('passes at or above the floor, and within EPSILON below it', () => {
    const { baseline, fingerprint } = pinned({ title: 0.95, dedupeF1: 0.9 });
    const v = checkGate(baseline, { title: 0.95, dedupeF1: 0.9 - EPSILON / 2 }, fingerprint);
    expect(v).toMatchObject({ ok: true, problems: [] });
    expect(v.rows.map((r) => r.pass)).toEqual([true, true]);
  });

  it('fails when a metric drops below its floor', () => {
    const { baseline, fingerprint } = pinned({ title: 0.95, dedupeF1: 0.9 });
    const v = checkGate(baseline, { title: 0.95, dedupeF1: 0.89 }, fingerprint);
    expect(v.ok).toBe(false);
    expect(v.problems).toEqual(['dedupeF1: 0.8900 is below its floor 0.9000']);
    expect(v.rows.find((r) => r.metric === 'dedupeF1')?.pass).toBe(false);
  });

  it('fails on a metric without a floor, a floor without a metric, and a missing baseline', () => {
    const { baseline, fingerprint } = pinned({ title: 1, outlet: 1 });
    expect(checkGate(baseline, { title: 1, lists: 1 }, fingerprint).problems).toEqual([
      'lists: no floor pinned (npm run eval -- --update)',
      'outlet: has a floor but was not measured',
    ]);
    const none = checkGate(undefined, { title: 1 }, fingerprint);
    expect(none.ok).toBe(false);
    expect(none.problems[0]).toMatch(/no baseline yet/);
  });
});

describe('eval gate: corpus fingerprint', () => {
  it('is stable for the same bytes and changes with a label, a page, a name or a count', () => {
    const a = corpus();
    expect(fingerprintCorpus(a.inputs, COUNTS)).toEqual(a.fingerprint);
    expect(fingerprintCorpus([...a.inputs].reverse(), COUNTS)).toEqual(a.fingerprint);
    expect(corpus('{"a":2}').fingerprint.sha256).not.toBe(a.fingerprint.sha256);
    expect(corpus(undefined, '<html>b</html>').fingerprint.sha256).not.toBe(a.fingerprint.sha256);
    const renamed = a.inputs.map((i) => (i.name === 'page.html' ? { ...i, name: 'other.html' } : i));
    expect(fingerprintCorpus(renamed, COUNTS).sha256).not.toBe(a.fingerprint.sha256);
    expect(fingerprintCorpus(a.inputs, { ...COUNTS, pairs: 4 })).not.toEqual(a.fingerprint);
    expect(a.fingerprint).toMatchObject({ files: 2, ...COUNTS });
  });

  it('fails a run on a changed corpus, even when every metric holds', () => {
    const { baseline } = pinned({ title: 0.9 });
    const changed = corpus('{"a":3}').fingerprint;
    const v = checkGate(baseline, { title: 1 }, changed);
    expect(v.ok).toBe(false);
    expect(v.problems).toEqual([CORPUS_CHANGED]);
    expect(CORPUS_CHANGED).toBe('corpus changed: re-measure and re-pin with npm run eval -- --update');
  });
});

describe('eval gate: --update', () => {
  it('pins every metric on a first run, rounded down to 4 decimals', () => {
    const { fingerprint } = corpus();
    const up = updateBaseline(undefined, { title: 0.98765, dedupeF1: 1 }, fingerprint, { allowRegression: false });
    expect(up.refused).toEqual([]);
    expect(up.baseline.floors).toEqual({ title: 0.9876, dedupeF1: 1 });
    expect(up.baseline.corpus).toEqual(fingerprint);
    expect(floorOf(0.29)).toBe(0.29);
  });

  it('raises floors to better measurements and keeps a floor within EPSILON', () => {
    const { baseline, fingerprint } = pinned({ title: 0.9, outlet: 0.95 });
    const up = updateBaseline(baseline, { title: 0.93, outlet: 0.95 - EPSILON / 2 }, fingerprint, {
      allowRegression: false,
    });
    expect(up.refused).toEqual([]);
    expect(up.baseline.floors).toEqual({ title: 0.93, outlet: 0.95 });
    expect(up.changes).toEqual(['title: 0.9000 → 0.9300']);
  });

  it('refuses to lower a floor without --allow-regression, and lowers it with the flag', () => {
    const { baseline, fingerprint } = pinned({ title: 0.9, dedupeF1: 0.95 });
    const metrics = { title: 0.92, dedupeF1: 0.9 };
    const refused = updateBaseline(baseline, metrics, fingerprint, { allowRegression: false });
    expect(refused.refused).toEqual(['dedupeF1: 0.9000 is below its floor 0.9500 (lowering needs --allow-regression)']);
    expect(refused.baseline.floors.dedupeF1).toBe(0.95);
    const allowed = updateBaseline(baseline, metrics, fingerprint, { allowRegression: true });
    expect(allowed.refused).toEqual([]);
    expect(allowed.baseline.floors).toEqual({ title: 0.92, dedupeF1: 0.9 });
  });

  it('re-pins a changed corpus, and still refuses to lower a floor for it', () => {
    const { baseline } = pinned({ title: 0.9 });
    const changed = corpus('{"a":4}').fingerprint;
    const up = updateBaseline(baseline, { title: 0.95 }, changed, { allowRegression: false });
    expect(up.baseline.corpus).toEqual(changed);
    expect(checkGate(up.baseline, { title: 0.95 }, changed).ok).toBe(true);
    expect(updateBaseline(baseline, { title: 0.8 }, changed, { allowRegression: false }).refused).toHaveLength(1);
  });
});

describe('eval gate: baseline file', () => {
  it('round-trips through an atomic write that leaves no temporary file', () => {
    const { dir, baseline } = pinned({ title: 1 });
    const path = join(dir, 'baseline.json');
    expect(loadBaseline(path)).toBeUndefined();
    saveBaseline(path, baseline);
    expect(loadBaseline(path)).toEqual(baseline);
    expect(readFileSync(path, 'utf8').endsWith('}\n')).toBe(true);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('keeps the old file intact when a write fails half-way', () => {
    const { dir, baseline } = pinned({ title: 1 });
    const path = join(dir, 'baseline.json');
    saveBaseline(path, baseline);
    const before = readFileSync(path, 'utf8');
    const broken = { ...baseline, floors: { title: 10n } } as unknown as Baseline; // JSON.stringify throws
    expect(() => saveBaseline(path, broken)).toThrow(/BigInt/);
    expect(readFileSync(path, 'utf8')).toBe(before);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('rejects a malformed baseline instead of treating it as empty', () => {
    const { dir } = corpus();
    const path = join(dir, 'baseline.json');
    writeFileSync(path, JSON.stringify({ floors: { title: 2 } }));
    expect(() => loadBaseline(path)).toThrow();
  });
});

describe('eval scoring', () => {
  const entry: ArticleEntry = {
    id: 'x',
    source: 'cac',
    url: 'https://www.cac.gov.cn/2026-09/18/c_1.htm',
    file: 'real:x.htm',
    capturedAt: '2026-09-21',
    trap: 't',
    expected: { title: '关于 征求意见 的通知', publishedDate: '2026-09-18', outlet: null, issuer: null, story: 's' },
  };
  const parsed = (title: string, publishedAt: string | null, outlet: string | null = null): Parsed => ({
    publishedAt,
    extract: {
      ...{ nativeId: '1', url: entry.url, title, dates: [], originalOutlet: outlet, issuer: null, docNumber: null },
      ...{ bodyText: '', attachments: [], language: 'zh' },
    },
  });
  const now = new Date('2026-11-24T12:00:00Z');

  it('matches titles after collapsing whitespace only, and days in Beijing time', () => {
    const got = scoreArticle(entry, parsed('关于\n  征求意见 的通知', '2026-09-18T09:00:00Z'), now);
    expect(got).toMatchObject({ title: true, publishedDate: true, outlet: true, notFutureDate: true });
    const evening = scoreArticle(entry, parsed('关于 征求意见 的通知', '2026-09-18T16:30:00Z', '新华网'), now);
    expect(evening).toMatchObject({ publishedDate: false, outlet: false });
    expect(scoreArticle(entry, parsed('关于——征求意见 的通知', null), now).title).toBe(false);
  });

  it('flags a date after the capture day + 1, or after today + 1 without a capture', () => {
    expect(latestPlausibleDay('2026-09-21', now)).toBe('2026-09-22');
    expect(latestPlausibleDay(undefined, new Date('2026-06-08T16:30:00Z'))).toBe('2026-06-10');
    expect(scoreArticle(entry, parsed('t', '2026-09-22T10:00:00+08:00'), now).notFutureDate).toBe(true);
    expect(scoreArticle(entry, parsed('t', '2026-10-17T00:00:00+08:00'), now).notFutureDate).toBe(false);
    const thrown = scoreArticle(entry, new Error('no body'), now);
    expect(thrown).toMatchObject({ title: false, publishedDate: false, outlet: false, got: { error: 'no body' } });
  });

  it('scores pairs by precision, recall and F1, leaving same-event pairs out', () => {
    const pair = (duplicate: boolean, predicted: boolean, sameEvent?: true): PairScore => ({
      pair: { a: 'a', b: 'b', duplicate, why: 'w', ...(sameEvent ? { sameEvent } : {}) } as LabelledPair,
      ...{ a: 'a', b: 'b', predicted, reason: null, similarity: null },
    });
    const scores = [pair(true, true), pair(true, true), pair(true, false), pair(false, true), pair(false, false)];
    const m = pairMetrics([...scores, pair(false, true, true)]);
    expect(m.precision).toBeCloseTo(2 / 3);
    expect(m.recall).toBeCloseTo(2 / 3);
    expect(m.f1).toBeCloseTo(2 / 3);
    expect(pairMetrics([pair(true, false)])).toEqual({ precision: 1, recall: 0, f1: 0 });
  });
});
