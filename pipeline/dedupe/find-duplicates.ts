/**
 * Duplicate detection over a batch of articles (issue #4), strongest evidence first:
 * 1. the same canonical URL ('same-url');
 * 2. the same normalised body ('same-body': identical once boilerplate, width and punctuation
 *    are gone, e.g. a CAC repost of a cnr.cn story that only lacks cnr's 编辑 line);
 * 3. bodies whose character 5-grams overlap ('near-duplicate-body'): Jaccard ≥ 0.8 (a repost
 *    with edits), or ≥ 90 % of the shorter body inside the longer (an excerpt: MEE reposting
 *    only the 通知 part of a 国务院 document), with numbers that agree;
 * 4. when a body is too short to judge (< 40 normalised characters: Reuters sitemap headlines,
 *    image-only pages, one-sentence excerpts), near-identical titles published within 36 hours
 *    ('similar-title-and-date').
 */
import { canonicalUrl } from './canonical-url.js';
import {
  chooseLshParams,
  estimateJaccard,
  LshIndex,
  shingleHashes,
  signatureOfNormalized,
  sortedCommon,
  uniqueSorted,
} from './minhash.js';
import { bodyForms, jaccard, numberTokens, titleKey, type TitleKey } from './normalize.js';
import type { DedupeItem, DuplicatePair, DuplicateReason } from './types.js';

/** Tuning of {@link findDuplicates} and {@link nearDuplicate}. */
export interface DedupeOptions {
  /** Minimum exact 5-gram Jaccard of a near-duplicate body. */
  threshold?: number;
  /** Minimum share of the shorter body's 5-grams found in the longer (an excerpt). */
  containment?: number;
  /** Bodies with fewer normalised characters are too short to judge on body alone. */
  minBodyChars?: number;
  /** Minimum {@link titleSimilarity} when a body is too short to judge. */
  titleThreshold?: number;
  /** Maximum distance between the publication times of a title-matched pair. */
  titleWindowHours?: number;
  /** Minimum Jaccard of the two bodies' number sets, when both state numbers. */
  minNumberAgreement?: number;
}

/**
 * Defaults. Jaccard 0.8, the top of anchors.md's 0.7–0.8: at 0.7 the NDA fixture's templated
 * 解读 pages (0.70–0.79) pair up. Containment 0.9: two NDA notices on one template reach 0.80.
 * 40 characters: below ~36 shingles one edit moves Jaccard by > 0.1. Titles 0.9 / 36 h: issue #4.
 */
export const DEFAULT_DEDUPE_OPTIONS: Readonly<Required<DedupeOptions>> = {
  threshold: 0.8,
  containment: 0.9,
  minBodyChars: 40,
  titleThreshold: 0.9,
  titleWindowHours: 36,
  minNumberAgreement: 0.5,
};

/** LSH candidates are verified exactly only if their estimate is within this of the threshold (≈4σ). */
const ESTIMATE_SLACK = 0.15;
/** A sentence in more bodies than this is template wording, not evidence of copying. */
const MAX_SENTENCE_BUCKET = 64;

interface Prepared {
  item: DedupeItem;
  urlKey: string;
  body: string;
  sentences: Int32Array;
  time: number | undefined;
  shingleSet?: Uint32Array;
  numbers?: Set<string>;
  title?: TitleKey;
}

function prepare(item: DedupeItem): Prepared {
  const time = item.publishedAt === null ? NaN : Date.parse(item.publishedAt);
  const { normal, sentences } = bodyForms(item.bodyText);
  const urlKey = canonicalUrl(item.url);
  return { item, urlKey, body: normal, sentences, time: Number.isNaN(time) ? undefined : time };
}

function makePair(x: Prepared, y: Prepared, reason: DuplicateReason, similarity: number): DuplicatePair {
  const [a, b] = x.item.id < y.item.id ? [x.item.id, y.item.id] : [y.item.id, x.item.id];
  return { a, b, reason, similarity };
}

/** Whether a body is long enough to judge on its own (UTF-16 units: one per Chinese character). */
function judgeable(p: Prepared, opts: Required<DedupeOptions>): boolean {
  return p.body.length >= opts.minBodyChars;
}

function isSubset(small: ReadonlySet<string>, large: ReadonlySet<string>): boolean {
  for (const x of small) if (!large.has(x)) return false;
  return true;
}

/**
 * The 'near-duplicate-body' rule for two judgeable bodies. Template documents (4月份/5月份 举报
 * report, 第十四批/第十五批 备案 notice) are near-identical text whose numbers differ, so the
 * numbers must agree: Jaccard ≥ 0.5 for overlapping bodies, and for an excerpt every number of
 * the shorter body must occur in the longer.
 */
function bodyPair(x: Prepared, y: Prepared, opts: Required<DedupeOptions>): DuplicatePair | undefined {
  x.shingleSet ??= uniqueSorted(shingleHashes(x.body));
  y.shingleSet ??= uniqueSorted(shingleHashes(y.body));
  const common = sortedCommon(x.shingleSet, y.shingleSet);
  const [small, large] = x.shingleSet.length <= y.shingleSet.length ? [x, y] : [y, x];
  const similarity = common / (x.shingleSet.length + y.shingleSet.length - common);
  const containment = common / small.shingleSet!.length;
  if (similarity < opts.threshold && containment < opts.containment) return undefined;
  x.numbers ??= numberTokens(x.body);
  y.numbers ??= numberTokens(y.body);
  const bothNumbered = x.numbers.size > 0 && y.numbers.size > 0;
  if (similarity >= opts.threshold && (!bothNumbered || jaccard(x.numbers, y.numbers) >= opts.minNumberAgreement)) {
    return makePair(x, y, 'near-duplicate-body', similarity);
  }
  if (containment >= opts.containment && isSubset(small.numbers!, large.numbers!)) {
    return makePair(x, y, 'near-duplicate-body', containment);
  }
  return undefined;
}

/**
 * The 'similar-title-and-date' rule, for pairs where a body is too short to judge. A title that
 * strictly contains the other names a derived item (一图读懂｜X, X解读, 文字实录｜X), never the same one.
 */
function titlePair(x: Prepared, y: Prepared, opts: Required<DedupeOptions>): DuplicatePair | undefined {
  if (x.time === undefined || y.time === undefined) return undefined;
  if (Math.abs(x.time - y.time) > opts.titleWindowHours * 3_600_000) return undefined;
  x.title ??= titleKey(x.item.title);
  y.title ??= titleKey(y.item.title);
  const [s, t] = [x.title.compact, y.title.compact];
  if (s !== t && (s.includes(t) || t.includes(s))) return undefined;
  const similarity = keySimilarity(x.title, y.title);
  return similarity >= opts.titleThreshold ? makePair(x, y, 'similar-title-and-date', similarity) : undefined;
}

/**
 * Whether `a` and `b` are duplicates, and why: the rules of {@link findDuplicates} applied to
 * one pair (the evaluation gate uses this). `findDuplicates` reports a spanning subset of these
 * pairs (see there); it can only miss a pair its candidate search failed to propose: a Jaccard
 * pair LSH missed (p ≤ 0.002 at 0.8), or an excerpt sharing only very common sentences.
 */
export function nearDuplicate(a: DedupeItem, b: DedupeItem, options?: DedupeOptions): DuplicatePair | undefined {
  const opts = { ...DEFAULT_DEDUPE_OPTIONS, ...options };
  const [x, y] = [prepare(a), prepare(b)];
  if (x.urlKey === y.urlKey) return makePair(x, y, 'same-url', 1);
  if (judgeable(x, opts) && judgeable(y, opts)) {
    return x.body === y.body ? makePair(x, y, 'same-body', 1) : bodyPair(x, y, opts);
  }
  return titlePair(x, y, opts);
}

/** Unordered pairs, first reason wins (rules run strongest first). */
class PairSet {
  private readonly pairs = new Map<string, DuplicatePair>();

  add(pair: DuplicatePair | undefined): void {
    if (!pair) return;
    const key = `${pair.a}\u0000${pair.b}`;
    if (!this.pairs.has(key)) this.pairs.set(key, pair);
  }

  sorted(): DuplicatePair[] {
    return [...this.pairs.values()].sort((p, q) => (p.a === q.a ? cmp(p.b, q.b) : cmp(p.a, q.a)));
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function groupBy(items: readonly Prepared[], key: (p: Prepared) => string): Prepared[][] {
  const groups = new Map<string, Prepared[]>();
  for (const p of items) {
    const k = key(p);
    const group = groups.get(k);
    if (group) group.push(p);
    else groups.set(k, [p]);
  }
  return [...groups.values()];
}

/** A group of exact matches as a star from its smallest id: k − 1 pairs, not k(k − 1)/2. */
function addStars(groups: Prepared[][], reason: DuplicateReason, found: PairSet): void {
  for (const [root, ...rest] of groups) for (const p of rest) found.add(makePair(root!, p, reason, 1));
}

/**
 * Bodies sharing at least half of the smaller one's sentences (excerpt candidates), from an
 * inverted index of sentence keys; a sentence in more than {@link MAX_SENTENCE_BUCKET} bodies is
 * ignored. Adds `p` to the index afterwards.
 */
function sentenceCandidates(p: Prepared, index: Map<number, Prepared | Prepared[]>): Prepared[] {
  const shared = new Map<Prepared, number>();
  for (const key of p.sentences) {
    // A lone body is stored bare, not in an array: most sentences occur once, and 100k bodies
    // have millions of them.
    const bucket = index.get(key);
    if (!bucket) index.set(key, p);
    else if (!Array.isArray(bucket)) {
      shared.set(bucket, (shared.get(bucket) ?? 0) + 1);
      index.set(key, [bucket, p]);
    } else if (bucket.length <= MAX_SENTENCE_BUCKET) {
      for (const q of bucket) shared.set(q, (shared.get(q) ?? 0) + 1);
      bucket.push(p);
    }
  }
  const out: Prepared[] = [];
  for (const [q, n] of shared) if (2 * n >= Math.min(p.sentences.length, q.sentences.length)) out.push(q);
  return out;
}

/** Near-duplicates among distinct bodies: LSH and sentence candidates, verified exactly. */
function addNearDuplicates(reps: readonly Prepared[], opts: Required<DedupeOptions>, found: PairSet): void {
  const lsh = new LshIndex(chooseLshParams(opts.threshold));
  const sentences = new Map<number, Prepared | Prepared[]>();
  const byId = new Map(reps.map((p) => [p.item.id, p]));
  for (const p of reps) {
    const sig = signatureOfNormalized(p.body);
    const checked = new Set<Prepared>(sentenceCandidates(p, sentences));
    for (const q of checked) found.add(bodyPair(p, q, opts));
    for (const id of lsh.candidates(sig)) {
      const q = byId.get(id)!;
      if (checked.has(q) || estimateJaccard(sig, lsh.signatureOf(id)!) < opts.threshold - ESTIMATE_SLACK) continue;
      found.add(bodyPair(p, q, opts));
    }
    lsh.add(p.item.id, sig);
  }
}

/**
 * Title pairs in time order: each item with a short body against every item within the window
 * (a short–short pair once, from its earlier item), so long bodies never meet each other here.
 */
function addTitleDuplicates(items: readonly Prepared[], opts: Required<DedupeOptions>, found: PairSet): void {
  const dated = items.filter((p) => p.time !== undefined).sort((p, q) => p.time! - q.time!);
  const window = opts.titleWindowHours * 3_600_000;
  dated.forEach((x, i) => {
    if (judgeable(x, opts)) return;
    for (let j = i + 1; j < dated.length && dated[j]!.time! - x.time! <= window; j++) {
      found.add(titlePair(x, dated[j]!, opts));
    }
    for (let j = i - 1; j >= 0 && x.time! - dated[j]!.time! <= window; j--) {
      if (judgeable(dated[j]!, opts)) found.add(titlePair(x, dated[j]!, opts));
    }
  });
}

/**
 * All duplicate pairs in `items` (ids must be unique), each unordered pair once with its
 * strongest reason, sorted by (a, b) with a < b. Exact groups (same URL, same body) come as a
 * star from their smallest id, and bodies are compared only between distinct bodies, so the
 * output spans the duplicate graph rather than listing every pair: feed it to `clusters()`
 * (union-find.ts) for the groups. Deterministic: the input order does not matter.
 */
export function findDuplicates(items: readonly DedupeItem[], options?: DedupeOptions): DuplicatePair[] {
  const opts = { ...DEFAULT_DEDUPE_OPTIONS, ...options };
  const prepared = items.map(prepare).sort((p, q) => cmp(p.item.id, q.item.id));
  for (let i = 1; i < prepared.length; i++) {
    if (prepared[i]!.item.id === prepared[i - 1]!.item.id) throw new Error(`duplicate id: ${prepared[i]!.item.id}`);
  }
  const found = new PairSet();
  addStars(
    groupBy(prepared, (p) => p.urlKey),
    'same-url',
    found,
  );
  const bodyGroups = groupBy(
    prepared.filter((p) => judgeable(p, opts)),
    (p) => p.body,
  );
  addStars(bodyGroups, 'same-body', found);
  addNearDuplicates(
    bodyGroups.map((g) => g[0]!),
    opts,
    found,
  );
  addTitleDuplicates(prepared, opts, found);
  return found.sorted();
}

/** Dice on Chinese bigrams, Jaccard on words; 0 across scripts. */
function keySimilarity(a: TitleKey, b: TitleKey): number {
  if (a.han !== b.han || a.grams.length === 0 || b.grams.length === 0) return 0;
  const common = sortedCommon(a.grams, b.grams);
  const total = a.grams.length + b.grams.length;
  return a.han ? (2 * common) / total : common / (total - common);
}

/**
 * Similarity of two titles in [0, 1] after NFKC, lower-casing and removing punctuation (quotes,
 * 《》, brackets) and wire prefixes ("UPDATE 1-"): character-bigram Dice when the titles are
 * Chinese, word-token Jaccard otherwise; 0 when one is Chinese and the other is not.
 */
export function titleSimilarity(a: string, b: string): number {
  return keySimilarity(titleKey(a), titleKey(b));
}
