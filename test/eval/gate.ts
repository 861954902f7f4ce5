import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * The evaluation gate (after trafilatura's tests/eval_gate.py): every metric has a floor pinned
 * in a baseline file together with a fingerprint of the corpus it was measured on. Floors only
 * rise; `--update` re-pins, and lowering a floor needs `--allow-regression`.
 */

/** Measurement noise tolerated below a floor (trafilatura's EPSILON). */
export const EPSILON = 0.0005;
/** What a run prints when the corpus no longer matches the pinned fingerprint. */
export const CORPUS_CHANGED = 'corpus changed: re-measure and re-pin with npm run eval -- --update';

const fingerprintSchema = z.strictObject({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  files: z.number().int(),
  articles: z.number().int(),
  lists: z.number().int(),
  pairs: z.number().int(),
});
const baselineSchema = z.strictObject({
  about: z.string().optional(),
  corpus: fingerprintSchema,
  floors: z.record(z.string(), z.number().min(0).max(1)),
});

/** The SHA-256 of the labels and every input file, with the entry counts. */
export type CorpusFingerprint = z.infer<typeof fingerprintSchema>;
/** The pinned floors and the corpus they were measured on. */
export type Baseline = z.infer<typeof baselineSchema>;

const ABOUT =
  'Floors of npm run eval (test/eval/gate.ts). They only rise: --update re-pins, lowering one needs --allow-regression.';

/**
 * Fingerprint the corpus: one SHA-256 over each input's name and the SHA-256 of its bytes, in
 * name order, so a changed label, page, rename, addition or removal all change it.
 */
export function fingerprintCorpus(
  inputs: readonly { name: string; path: string }[],
  counts: { articles: number; lists: number; pairs: number },
): CorpusFingerprint {
  const whole = createHash('sha256');
  for (const { name, path } of [...inputs].sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0))) {
    whole.update(`${name}\0${createHash('sha256').update(readFileSync(path)).digest('hex')}\n`);
  }
  return { sha256: whole.digest('hex'), files: inputs.length, ...counts };
}

/** The baseline at `path`, or `undefined` when there is none yet. Throws on a malformed file. */
export function loadBaseline(path: string): Baseline | undefined {
  if (!existsSync(path)) return undefined;
  return baselineSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
}

/** Write the baseline atomically: a temporary file beside it, then a rename over it. */
export function saveBaseline(path: string, baseline: Baseline): void {
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, `${JSON.stringify(baseline, null, 2)}\n`);
    renameSync(tmp, path);
  } finally {
    rmSync(tmp, { force: true });
  }
}

/** A value rounded down to 4 decimals, so a floor never exceeds what was measured. */
export function floorOf(value: number): number {
  return Math.floor(value * 10_000 + 1e-9) / 10_000;
}

/** One metric against its floor. */
export interface GateRow {
  metric: string;
  value: number;
  floor: number | undefined;
  pass: boolean;
}

/** The gate's verdict: a row per metric and the reasons it failed, if any. */
export interface GateVerdict {
  ok: boolean;
  rows: GateRow[];
  problems: string[];
}

const sameCorpus = (a: CorpusFingerprint, b: CorpusFingerprint) =>
  (Object.keys(a) as (keyof CorpusFingerprint)[]).every((k) => a[k] === b[k]);

/** Compare measured metrics with the baseline's floors (each must be ≥ floor − EPSILON). */
export function checkGate(
  baseline: Baseline | undefined,
  metrics: Readonly<Record<string, number>>,
  corpus: CorpusFingerprint,
): GateVerdict {
  const floors = baseline?.floors ?? {};
  const rows = Object.entries(metrics).map(([metric, value]) => {
    const floor = floors[metric];
    return { metric, value, floor, pass: floor !== undefined && value >= floor - EPSILON };
  });
  const problems: string[] = [];
  if (!baseline) problems.push('no baseline yet: measure and pin with npm run eval -- --update');
  else if (!sameCorpus(baseline.corpus, corpus)) problems.push(CORPUS_CHANGED);
  for (const r of rows) {
    if (baseline && r.floor === undefined) problems.push(`${r.metric}: no floor pinned (npm run eval -- --update)`);
    else if (!r.pass && r.floor !== undefined)
      problems.push(`${r.metric}: ${fmt(r.value)} is below its floor ${fmt(r.floor)}`);
  }
  for (const metric of Object.keys(floors).filter((m) => !(m in metrics))) {
    problems.push(`${metric}: has a floor but was not measured`);
  }
  return { ok: problems.length === 0, rows, problems };
}

/** What `--update` did: the new baseline, what changed, and what it refused to lower. */
export interface UpdateOutcome {
  baseline: Baseline;
  changes: string[];
  refused: string[];
}

/**
 * Re-pin: the corpus fingerprint is replaced, each floor rises to the measured value (rounded
 * down), a value within EPSILON below its floor keeps the floor, and a lower value is refused
 * unless `allowRegression`. A refused update must not be written.
 */
export function updateBaseline(
  old: Baseline | undefined,
  metrics: Readonly<Record<string, number>>,
  corpus: CorpusFingerprint,
  options: { allowRegression: boolean },
): UpdateOutcome {
  const floors: Record<string, number> = {};
  const changes: string[] = [];
  const refused: string[] = [];
  for (const [metric, value] of Object.entries(metrics)) {
    const was = old?.floors[metric];
    const measured = floorOf(value);
    if (was === undefined || measured > was) floors[metric] = measured;
    else if (value >= was - EPSILON) floors[metric] = was;
    else if (options.allowRegression) floors[metric] = measured;
    else {
      floors[metric] = was;
      refused.push(`${metric}: ${fmt(value)} is below its floor ${fmt(was)} (lowering needs --allow-regression)`);
    }
    if (floors[metric] !== was)
      changes.push(`${metric}: ${was === undefined ? 'unpinned' : fmt(was)} → ${fmt(floors[metric]!)}`);
  }
  for (const metric of Object.keys(old?.floors ?? {}).filter((m) => !(m in metrics)))
    changes.push(`${metric}: dropped`);
  if (old && !sameCorpus(old.corpus, corpus))
    changes.push(`corpus: ${old.corpus.sha256.slice(0, 12)} → ${corpus.sha256.slice(0, 12)}`);
  return { baseline: { about: ABOUT, corpus, floors }, changes, refused };
}

/** A metric as printed: four decimals. */
export function fmt(value: number): string {
  return value.toFixed(4);
}
