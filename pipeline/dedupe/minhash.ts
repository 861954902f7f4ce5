/**
 * MinHash signatures over character 5-gram shingles and an LSH index on them (issue #4).
 *
 * Everything is deterministic: the seeds are fixed, so a signature stored tonight equals one
 * computed next month. Changing {@link SHINGLE_K}, the shingle hash or the seeds changes every
 * signature; bump {@link SIGNATURE_SCHEME} then and recompute what is stored.
 */
import { normalizeBody } from './normalize.js';

/** Number of hash functions (signature length). */
export const NUM_HASHES = 128;
/** Shingle length in characters (code points). */
export const SHINGLE_K = 5;
/** Names the signature scheme; store it beside stored signatures. */
export const SIGNATURE_SCHEME = 'minhash-v1/char5/fnv1a-fmix32/xor-mul-128';

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** murmur3's finaliser: spreads every input bit over the whole word. */
function fmix32(x: number): number {
  let h = x ^ (x >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A small seeded generator (splitmix32) for the hash parameters. */
function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    return fmix32(state);
  };
}

// Hash function i is x ↦ ((x ^ SEEDS[i]) · MULTS[i]) mod 2³², a bijection of the 32-bit shingle
// hash (xor, then an odd multiplier); the shingle hash is already fully mixed, and the estimate
// error matches the binomial √(J(1−J)/128) (tested), so nothing stronger is needed per function.
const next = splitmix32(0x5eed_d00d);
const SEEDS = new Int32Array(NUM_HASHES).map(() => next() | 0);
const MULTS = new Int32Array(NUM_HASHES).map(() => next() | 1);

// Scratch space for the hot path: one allocation per run instead of two typed arrays per body.
let cpScratch = new Int32Array(4096);
let hashScratch = new Uint32Array(4096);

/** The code points of `s` in a shared scratch array (a lone surrogate stands for itself, as with `[...s]`). */
function codePoints(s: string): Int32Array {
  if (cpScratch.length < s.length) cpScratch = new Int32Array(s.length * 2);
  const out = cpScratch;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const d = c >= 0xd800 && c <= 0xdbff && i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
    if (d >= 0xdc00 && d <= 0xdfff) {
      out[n++] = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
      i++;
    } else out[n++] = c;
  }
  return out.subarray(0, n);
}

/** Shingle hashes into a shared scratch array: valid only until the next call. */
function hashShingles(normal: string, k: number): Uint32Array {
  const cps = codePoints(normal);
  if (cps.length === 0) return hashScratch.subarray(0, 0);
  const width = Math.min(k, cps.length);
  const count = cps.length - width + 1;
  if (hashScratch.length < count) hashScratch = new Uint32Array(count * 2);
  const out = hashScratch;
  for (let i = 0; i < count; i++) {
    let h = FNV_OFFSET;
    for (let j = 0; j < width; j++) h = Math.imul(h ^ cps[i + j]!, FNV_PRIME);
    out[i] = fmix32(h);
  }
  return out.subarray(0, count);
}

/**
 * 32-bit hashes of every `k`-code-point window of `normal` (FNV-1a over the code points, then
 * fmix32), in text order and not de-duplicated: hashing straight from char codes avoids one
 * string per shingle. A non-empty text shorter than `k` gives one hash; an empty one none.
 */
export function shingleHashes(normal: string, k = SHINGLE_K): Uint32Array {
  return hashShingles(normal, k).slice();
}

/** The MinHash signature of a normalised body (see {@link signature} for raw text). */
export function signatureOfNormalized(normal: string): Uint32Array {
  return signatureOfHashes(hashShingles(normal, SHINGLE_K));
}

/** The distinct values of `hashes`, sorted ascending (a set for {@link sortedCommon}). */
export function uniqueSorted(hashes: Uint32Array): Uint32Array {
  const sorted = Uint32Array.from(hashes).sort();
  let n = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[n - 1]) sorted[n++] = sorted[i]!;
  return sorted.subarray(0, n);
}

/** How many values two sorted distinct arrays share (merge walk, no allocation). */
export function sortedCommon(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let common = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) common++;
    if (x <= y) i++;
    if (y <= x) j++;
  }
  return common;
}

/**
 * The MinHash signature of a set of shingle hashes (repeats do not matter). Four hash
 * functions share one pass over the hashes, which roughly halves the time of one pass per
 * function. The signature of no shingles is all 0xffffffff.
 */
export function signatureOfHashes(hashes: Uint32Array): Uint32Array {
  const sig = new Uint32Array(NUM_HASHES);
  const n = hashes.length;
  for (let i = 0; i < NUM_HASHES; i += 4) {
    const s0 = SEEDS[i]!,
      s1 = SEEDS[i + 1]!,
      s2 = SEEDS[i + 2]!,
      s3 = SEEDS[i + 3]!;
    const m0 = MULTS[i]!,
      m1 = MULTS[i + 1]!,
      m2 = MULTS[i + 2]!,
      m3 = MULTS[i + 3]!;
    let a = 0xffffffff,
      b = 0xffffffff,
      c = 0xffffffff,
      d = 0xffffffff;
    for (let j = 0; j < n; j++) {
      const x = hashes[j]!;
      const v0 = Math.imul(x ^ s0, m0) >>> 0;
      if (v0 < a) a = v0;
      const v1 = Math.imul(x ^ s1, m1) >>> 0;
      if (v1 < b) b = v1;
      const v2 = Math.imul(x ^ s2, m2) >>> 0;
      if (v2 < c) c = v2;
      const v3 = Math.imul(x ^ s3, m3) >>> 0;
      if (v3 < d) d = v3;
    }
    sig[i] = a;
    sig[i + 1] = b;
    sig[i + 2] = c;
    sig[i + 3] = d;
  }
  return sig;
}

/** The MinHash signature of a body text as stored (it is normalised here, see normalize.ts). */
export function signature(text: string): Uint32Array {
  return signatureOfNormalized(normalizeBody(text));
}

/** Estimated Jaccard similarity: the share of positions where two signatures agree. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length !== b.length) throw new RangeError(`signature lengths differ: ${a.length} vs ${b.length}`);
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return a.length === 0 ? 0 : same / a.length;
}

/** A signature as bytes for a `bytea` column: 128 × uint32, little-endian (512 bytes). */
export function signatureToBuffer(sig: Uint32Array): Buffer {
  const buf = Buffer.alloc(sig.length * 4);
  for (let i = 0; i < sig.length; i++) buf.writeUInt32LE(sig[i]!, i * 4);
  return buf;
}

/** The inverse of {@link signatureToBuffer}; anything but 512 bytes is a `RangeError`. */
export function signatureFromBuffer(buf: Uint8Array): Uint32Array {
  if (buf.length !== NUM_HASHES * 4) throw new RangeError(`a signature is ${NUM_HASHES * 4} bytes, got ${buf.length}`);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const sig = new Uint32Array(NUM_HASHES);
  for (let i = 0; i < NUM_HASHES; i++) sig[i] = view.getUint32(i * 4, true);
  return sig;
}

/** A band of `rows` signature values hashed to a 31-bit key (a V8 small integer: no boxing). */
export function bandKey(sig: Uint32Array, band: number, rows: number): number {
  let h = Math.imul(band + 1, 0x9e3779b1);
  for (let r = band * rows; r < (band + 1) * rows; r++) {
    h = Math.imul(h ^ sig[r]!, 0x01000193);
    h = (h << 13) | (h >>> 19);
  }
  return fmix32(h) >> 1;
}

/** Probability that a pair with Jaccard `j` shares at least one band of `rows` values. */
export function lshProbability(j: number, bands: number, rows: number): number {
  return 1 - (1 - j ** rows) ** bands;
}

/** Bands × rows of an {@link LshIndex}. */
export interface LshParams {
  bands: number;
  rows: number;
}

/**
 * The steepest banding (most rows per band, so fewest low-similarity candidates) that still
 * finds pairs at `threshold` with probability ≥ `minRecall`. For 0.8 on 128 hashes this is
 * 21 × 6: P(0.8) = 0.998, P(0.5) = 0.28, P(0.3) = 0.015. (32 × 4 would give P(0.5) = 0.87; 18 × 7
 * misses 1.4 % of pairs at 0.8.)
 */
export function chooseLshParams(threshold: number, numHashes = NUM_HASHES, minRecall = 0.99): LshParams {
  for (let rows = numHashes; rows > 1; rows--) {
    const bands = Math.floor(numHashes / rows);
    if (lshProbability(threshold, bands, rows) >= minRecall) return { bands, rows };
  }
  return { bands: numHashes, rows: 1 };
}

/**
 * Locality-sensitive hashing over MinHash signatures: items that agree on every row of some
 * band are candidates. Incremental: `add` at any time, `candidates` sees everything added so
 * far, so a nightly run can load yesterday's stored signatures and add tonight's without
 * recomputing anything. Adding an id again replaces its signature.
 */
export class LshIndex {
  readonly bands: number;
  readonly rows: number;
  private readonly tables: Map<number, number | number[]>[];
  private readonly slotOf = new Map<string, number>();
  private readonly ids: (string | undefined)[] = [];
  private readonly sigs: (Uint32Array | undefined)[] = [];

  /** `params` default to {@link chooseLshParams}(0.8): 21 bands × 6 rows. */
  constructor(params: LshParams = chooseLshParams(0.8)) {
    if (params.bands * params.rows > NUM_HASHES) throw new RangeError('bands × rows exceeds the signature length');
    this.bands = params.bands;
    this.rows = params.rows;
    this.tables = Array.from({ length: params.bands }, () => new Map<number, number | number[]>());
  }

  /** Number of ids indexed. */
  get size(): number {
    return this.slotOf.size;
  }

  /** The signature stored for `id`, if any. */
  signatureOf(id: string): Uint32Array | undefined {
    const slot = this.slotOf.get(id);
    return slot === undefined ? undefined : this.sigs[slot];
  }

  /** Index `sig` under `id` (replacing an earlier signature of the same id). */
  add(id: string, sig: Uint32Array): void {
    this.remove(id);
    const slot = this.ids.length;
    this.ids.push(id);
    this.sigs.push(sig);
    this.slotOf.set(id, slot);
    for (let band = 0; band < this.bands; band++) {
      const table = this.tables[band]!;
      const key = bandKey(sig, band, this.rows);
      const bucket = table.get(key);
      if (bucket === undefined) table.set(key, slot);
      else if (typeof bucket === 'number') table.set(key, [bucket, slot]);
      else bucket.push(slot);
    }
  }

  /** Remove `id`; a no-op when it is not indexed. */
  remove(id: string): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    const sig = this.sigs[slot]!;
    for (let band = 0; band < this.bands; band++) {
      const table = this.tables[band]!;
      const key = bandKey(sig, band, this.rows);
      const bucket = table.get(key);
      if (typeof bucket === 'number') table.delete(key);
      else if (bucket) {
        const rest = bucket.filter((s) => s !== slot);
        table.set(key, rest.length === 1 ? rest[0]! : rest);
      }
    }
    this.slotOf.delete(id);
    this.ids[slot] = undefined;
    this.sigs[slot] = undefined;
  }

  /** Ids that share at least one band with `sig` (the querying id itself included, if indexed). */
  candidates(sig: Uint32Array): Set<string> {
    const out = new Set<string>();
    for (let band = 0; band < this.bands; band++) {
      const bucket = this.tables[band]!.get(bandKey(sig, band, this.rows));
      if (bucket === undefined) continue;
      for (const slot of typeof bucket === 'number' ? [bucket] : bucket) out.add(this.ids[slot]!);
    }
    return out;
  }
}
