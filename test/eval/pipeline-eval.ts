import { DateTime } from 'luxon';
import { parsers } from '../../crawlers/parsers/index.js';
import { SHANGHAI, shanghaiDay } from '../../pipeline/dates/candidates.js';
import { nearDuplicate } from '../../pipeline/dedupe/find-duplicates.js';
import type { DedupeItem } from '../../pipeline/dedupe/types.js';
import {
  ALL,
  type ArticleEntry,
  type Golden,
  type LabelledPair,
  type PageRef,
  type Parsed,
  pageDoc,
  parsePage,
  refKey,
} from './golden.js';

/**
 * Scores of the pipeline evaluation: each labelled article's title, publication day, outlet, issuer and
 * date plausibility; each list page; and `nearDuplicate` on each labelled pair.
 */

/** One article's scores; `got` holds what the pipeline produced. */
export interface ArticleScore {
  id: string;
  source: string;
  title: boolean;
  publishedDate: boolean;
  outlet: boolean;
  issuer: boolean;
  notFutureDate: boolean;
  got:
    | { title: string; publishedDate: string | null; outlet: string | null; issuer: string | null }
    | { error: string };
}

const squashSpace = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The last day a page's date may fall on: its capture day (or today in Beijing) plus one. */
export function latestPlausibleDay(capturedAt: string | undefined, now: Date): string {
  const base = capturedAt
    ? DateTime.fromISO(capturedAt, { zone: SHANGHAI })
    : DateTime.fromJSDate(now).setZone(SHANGHAI);
  return base.plus({ days: 1 }).toISODate()!;
}

/** Score one labelled article against what its parser extracts. */
export function scoreArticle(entry: ArticleEntry, parsed: Parsed | Error, now: Date): ArticleScore {
  const base = { id: entry.id, source: entry.source };
  if (parsed instanceof Error) {
    const miss = { title: false, publishedDate: false, outlet: false, issuer: false, notFutureDate: true };
    return { ...base, ...miss, got: { error: parsed.message } };
  }
  const got = {
    title: squashSpace(parsed.extract.title),
    publishedDate: parsed.publishedAt ? shanghaiDay(parsed.publishedAt) : null,
    outlet: parsed.extract.originalOutlet,
    issuer: parsed.extract.issuer,
  };
  const { expected } = entry;
  return {
    ...base,
    title: got.title === squashSpace(expected.title),
    publishedDate: got.publishedDate === expected.publishedDate,
    outlet: got.outlet === expected.outlet,
    issuer: got.issuer === expected.issuer,
    notFutureDate: got.publishedDate === null || got.publishedDate <= latestPlausibleDay(entry.capturedAt, now),
    got,
  };
}

/** One list page's score: item count, every row date and the first title must match. */
export interface ListScore {
  id: string;
  ok: boolean;
  got: { items: number; dates: string[]; firstTitle: string | undefined } | { error: string };
}

/** Score a labelled list page through the source's discovery step. */
export function scoreList(entry: Golden['lists'][number]): ListScore {
  try {
    const found = parsers[entry.source]!.discover(pageDoc(entry), ALL);
    const dates = found.articles.map((a) => (a.userData?.listDate ? shanghaiDay(a.userData.listDate.at) : ''));
    const got = { items: found.itemsFound, dates, firstTitle: found.articles[0]?.userData?.listTitle };
    const { expected } = entry;
    const ok =
      got.items === expected.items && dates.join() === expected.dates.join() && got.firstTitle === expected.firstTitle;
    return { id: entry.id, ok, got };
  } catch (err) {
    return { id: entry.id, ok: false, got: { error: (err as Error).message } };
  }
}

/** What dedupe sees of a parsed page. */
export function dedupeItem(id: string, ref: PageRef, parsed: Parsed): DedupeItem {
  const { extract } = parsed;
  return {
    id,
    sourceId: ref.source,
    url: extract.url,
    title: extract.title,
    bodyText: extract.bodyText,
    publishedAt: parsed.publishedAt,
    originalOutlet: extract.originalOutlet,
  };
}

/** One labelled pair and what `nearDuplicate` said about it. */
export interface PairScore {
  pair: LabelledPair;
  a: string;
  b: string;
  predicted: boolean;
  reason: string | null;
  similarity: number | null;
  error?: string;
}

/** Run `nearDuplicate` on every labelled pair, parsing pages the corpus does not hold. */
export function scorePairs(golden: Golden, parsed: Map<string, Parsed | Error>): PairScore[] {
  const refs = new Map<string, PageRef>(golden.articles.map((a) => [a.id, a]));
  return golden.pairs.map((pair) => {
    const sides = [pair.a, pair.b].map((r) => {
      const key = refKey(r);
      const ref = typeof r === 'string' ? refs.get(r)! : r;
      if (!parsed.has(key))
        parsed.set(
          key,
          attempt(() => parsePage(ref)),
        );
      return { key, ref, page: parsed.get(key)! };
    });
    const [a, b] = sides as [(typeof sides)[number], (typeof sides)[number]];
    const base = { pair, a: a.key, b: b.key, predicted: false, reason: null, similarity: null };
    const failed = [a.page, b.page].find((p): p is Error => p instanceof Error);
    if (failed) return { ...base, error: failed.message };
    const verdict = nearDuplicate(
      dedupeItem(a.key, a.ref, a.page as Parsed),
      dedupeItem(b.key, b.ref, b.page as Parsed),
    );
    return verdict ? { ...base, predicted: true, reason: verdict.reason, similarity: verdict.similarity } : base;
  });
}

/** Call `fn`, returning its error instead of throwing it. */
export function attempt<T>(fn: () => T): T | Error {
  try {
    return fn();
  } catch (err) {
    return err instanceof Error ? err : new Error(String(err));
  }
}

/** Precision, recall and F1 over the pairs that are dedupe targets (`sameEvent` pairs left out). */
export function pairMetrics(scores: readonly PairScore[]): { precision: number; recall: number; f1: number } {
  const gated = scores.filter((s) => !s.pair.sameEvent);
  const tp = gated.filter((s) => s.predicted && s.pair.duplicate).length;
  const fp = gated.filter((s) => s.predicted && !s.pair.duplicate).length;
  const fn = gated.filter((s) => !s.predicted && s.pair.duplicate).length;
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/** Everything one evaluation measured. */
export interface EvalReport {
  metrics: Record<string, number>;
  articles: ArticleScore[];
  lists: ListScore[];
  pairs: PairScore[];
  counts: { articles: number; lists: number; pairs: number };
}

const share = (xs: readonly boolean[]) => (xs.length === 0 ? 1 : xs.filter(Boolean).length / xs.length);

/** Parse every labelled page, score every field and every pair. `now` bounds undated captures. */
export function evaluate(golden: Golden, now = new Date()): EvalReport {
  const parsed = new Map<string, Parsed | Error>(golden.articles.map((a) => [a.id, attempt(() => parsePage(a))]));
  const articles = golden.articles.map((a) => scoreArticle(a, parsed.get(a.id)!, now));
  const lists = golden.lists.map((l) => scoreList(l));
  const pairs = scorePairs(golden, parsed);
  const dedupe = pairMetrics(pairs);
  const metrics = {
    title: share(articles.map((a) => a.title)),
    publishedDate: share(articles.map((a) => a.publishedDate)),
    outlet: share(articles.map((a) => a.outlet)),
    issuer: share(articles.map((a) => a.issuer)),
    notFutureDate: share(articles.map((a) => a.notFutureDate)),
    lists: share(lists.map((l) => l.ok)),
    dedupePrecision: dedupe.precision,
    dedupeRecall: dedupe.recall,
    dedupeF1: dedupe.f1,
  };
  const counts = { articles: articles.length, lists: lists.length, pairs: pairs.length };
  return { metrics, articles, lists, pairs, counts };
}
