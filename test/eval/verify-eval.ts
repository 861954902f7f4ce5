import { FIXTURE_HOSTS } from '../replay/server.js';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Db } from '../../db/database.js';
import { sourceRegistry } from '../../crawlers/sources/index.js';
import { extractClaims } from '../../pipeline/digest/claims.js';
import { checkSection } from '../../pipeline/verify/claims-check.js';
import { matched, verifyReference } from '../../pipeline/verify/verify-reference.js';
import {
  VERIFICATION_STATUSES,
  type ClaimKind,
  type ClaimStatus,
  type DigestReference,
  type VerificationStatus,
} from '../../pipeline/verify/types.js';
import { crawlReplay } from '../crawlers/crawl-harness.js';
import { REPO_ROOT } from './golden.js';

/**
 * The verifier evaluation (issue #5 item 8): crawl every replayed fixture site once, check each
 * labelled reference of test/golden/verify-references.json with `verifyReference`, and each
 * labelled claim of verify-claims.json with `checkSection`; score statuses, matched URLs and
 * claim verdicts. Labels say what an editor wants; a false `verified` is the worst error.
 */

export const REFERENCES_FILE = 'test/golden/verify-references.json';
export const CLAIMS_FILE = 'test/golden/verify-claims.json';

/** The crawl every evaluation runs on: all replayed fixture sites. */
export const EVAL_CRAWL = {
  hosts: [...FIXTURE_HOSTS],
  sources: ['nda', 'cac', 'cnr', 'reuters', 'govcn', 'mee', 'rmrb'],
  since: '2020-01-01T00:00:00+08:00',
};

export const statusSchema = z.enum(VERIFICATION_STATUSES as [VerificationStatus, ...VerificationStatus[]]);
export const referenceSchema = z.strictObject({
  id: z.string(),
  reference: z.strictObject({
    outlets: z.array(z.string()),
    title: z.string().nullable(),
    date: z
      .strictObject({ text: z.string(), precision: z.enum(['day', 'month', 'year']), value: z.string() })
      .nullable(),
  }),
  issueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  expected: z.strictObject({
    status: statusSchema,
    url: z.string().optional(),
    alsoUrls: z.array(z.string()).optional(),
    candidates: z.array(z.string()).optional(),
  }),
  trap: z.string(),
  why: z.string(),
});
export const claimSchema = z.strictObject({
  id: z.string(),
  referenceUrl: z.string(),
  claimText: z.string(),
  kind: z.enum(['title', 'date', 'figure']),
  value: z.string(),
  expected: z.enum(['supported', 'contradicted', 'unsupported']),
  why: z.string(),
});

/** One labelled reference. */
export type GoldenReference = z.infer<typeof referenceSchema>;
/** One labelled claim. */
export type GoldenClaim = z.infer<typeof claimSchema>;

/** Read and validate a labelled file. */
export function loadLabelled<T>(file: string, schema: z.ZodType<T>): T[] {
  return z.array(schema).parse(JSON.parse(readFileSync(`${REPO_ROOT}${file}`, 'utf8')));
}

/** What the verifier said about one labelled reference. */
export interface ReferenceResult {
  id: string;
  trap: string;
  expected: GoldenReference['expected'];
  got: { status: VerificationStatus; url: string | null; title: string | null; reasons: string[] };
  statusOk: boolean;
  /** The match points where the label says (true when the label names no article). */
  urlOk: boolean;
}

/** What the claim checker said about one labelled claim (`got` null: the claim was not extracted). */
export interface ClaimResult {
  id: string;
  kind: ClaimKind;
  value: string;
  expected: ClaimStatus;
  got: ClaimStatus | null;
  evidence: string | null;
}

/** Expected status → reported status → count. */
export type Confusion = Record<VerificationStatus, Record<VerificationStatus, number>>;

/** Everything one verifier evaluation measured. */
export interface VerifyEvalReport {
  /** Every value in 0–1, higher is better (the gate's convention). */
  metrics: Record<string, number>;
  confusion: Confusion;
  /** `verified` given to a non-verified label, or pointing at the wrong article. */
  falseVerified: { count: number; ids: string[] };
  references: ReferenceResult[];
  claims: ClaimResult[];
  counts: { references: number; claims: number; missingUrls: string[] };
}

/** Whether the reported match is an article the label accepts. */
function urlAccepted(expected: GoldenReference['expected'], url: string | null): boolean {
  const accepted = [
    ...(expected.url ? [expected.url] : []),
    ...(expected.alsoUrls ?? []),
    ...(expected.candidates ?? []),
  ];
  return accepted.length === 0 || (url !== null && accepted.includes(url));
}

/** Check one labelled reference. */
export async function checkReference(db: Db, entry: GoldenReference, index: number): Promise<ReferenceResult> {
  const ref: DigestReference = { index, line: 0, raw: '', purpose: null, ...entry.reference };
  const check = await verifyReference(ref, { db, registry: sourceRegistry, lang: 'zh', issueDate: entry.issueDate });
  const url = check.match?.url ?? null;
  return {
    id: entry.id,
    trap: entry.trap,
    expected: entry.expected,
    got: { status: check.status, url, title: check.match?.title ?? null, reasons: check.reasons },
    statusOk: check.status === entry.expected.status,
    urlOk: urlAccepted(entry.expected, url),
  };
}

/** Check one labelled claim against the stored article it cites. */
export async function checkClaim(db: Db, claim: GoldenClaim): Promise<ClaimResult> {
  const base = { id: claim.id, kind: claim.kind, value: claim.value, expected: claim.expected };
  const row = await db
    .selectFrom('articles')
    .selectAll()
    .where('canonical_url', '=', claim.referenceUrl)
    .executeTakeFirst();
  if (!row) return { ...base, got: null, evidence: `no stored article ${claim.referenceUrl}` };
  const { publishedDate } = matched(row, sourceRegistry);
  const source = { referenceIndex: 1, title: row.title, body: row.body_text, publishedDate };
  const section = { heading: '', line: 1, paragraphs: [{ line: 2, text: claim.claimText }] };
  // checkSection checks extractClaims' claims in order; the value picks the labelled one.
  const at = extractClaims(section).findIndex((c) => c.kind === claim.kind && c.value === claim.value);
  const found = at < 0 ? undefined : checkSection(section, [1], [source])[at];
  return { ...base, got: found?.status ?? null, evidence: found?.evidence ?? null };
}

const camel = (s: string) => s.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());
const ratio = (num: number, den: number, empty = 1) => (den === 0 ? empty : num / den);

/** Expected × reported counts over every status. */
export function confusionOf(results: readonly ReferenceResult[]): Confusion {
  const row = () => Object.fromEntries(VERIFICATION_STATUSES.map((s) => [s, 0])) as Record<VerificationStatus, number>;
  const confusion = Object.fromEntries(VERIFICATION_STATUSES.map((s) => [s, row()])) as Confusion;
  for (const r of results) confusion[r.expected.status][r.got.status]++;
  return confusion;
}

/**
 * Per status precision and recall, status accuracy and recall of true references (in all of
 * them a `verified` counts as right only on an article the label accepts), URL accuracy of the
 * entries whose status is right, claim accuracy and the share of claims extracted at all.
 */
export function metricsOf(results: readonly ReferenceResult[], claims: readonly ClaimResult[]): Record<string, number> {
  const right = (r: ReferenceResult) => r.statusOk && (r.got.status !== 'verified' || r.urlOk);
  const metrics: Record<string, number> = {};
  for (const s of VERIFICATION_STATUSES) {
    const said = results.filter((r) => r.got.status === s);
    const meant = results.filter((r) => r.expected.status === s);
    metrics[`${camel(s)}Precision`] = ratio(said.filter(right).length, said.length);
    metrics[`${camel(s)}Recall`] = ratio(meant.filter(right).length, meant.length);
  }
  const located = results.filter((r) => r.statusOk && (r.expected.url || r.expected.candidates));
  metrics.statusAccuracy = ratio(results.filter(right).length, results.length);
  metrics.trueReferenceRecall = metrics.verifiedRecall!;
  metrics.urlAccuracy = ratio(located.filter((r) => r.urlOk).length, located.length);
  metrics.claimAccuracy = ratio(claims.filter((c) => c.got === c.expected).length, claims.length);
  metrics.claimExtracted = ratio(claims.filter((c) => c.got !== null).length, claims.length);
  return metrics;
}

/** Article URLs the labels name that the crawl did not store (a label or a crawler is wrong). */
async function unstored(db: Db, golden: readonly GoldenReference[], claims: readonly GoldenClaim[]): Promise<string[]> {
  const rows = await db.selectFrom('articles').select('canonical_url').execute();
  const stored = new Set(rows.map((r) => r.canonical_url));
  const named = golden.flatMap((e) =>
    [e.expected.url ?? [], e.expected.alsoUrls ?? [], e.expected.candidates ?? []].flat(),
  );
  return [...new Set([...named, ...claims.map((c) => c.referenceUrl)])].filter((u) => !stored.has(u));
}

/** Crawl the fixture sites once, then check every labelled reference and claim. */
export async function evaluateVerifier(
  golden: readonly GoldenReference[] = loadLabelled(REFERENCES_FILE, referenceSchema),
  labelledClaims: readonly GoldenClaim[] = loadLabelled(CLAIMS_FILE, claimSchema),
): Promise<VerifyEvalReport> {
  const run = await crawlReplay(EVAL_CRAWL);
  try {
    const db = run.handle.db;
    const missingUrls = await unstored(db, golden, labelledClaims);
    const references: ReferenceResult[] = [];
    for (const [i, entry] of golden.entries()) references.push(await checkReference(db, entry, i + 1));
    const claims: ClaimResult[] = [];
    for (const claim of labelledClaims) claims.push(await checkClaim(db, claim));
    const falsely = references.filter((r) => r.got.status === 'verified' && !(r.statusOk && r.urlOk));
    return {
      metrics: metricsOf(references, claims),
      confusion: confusionOf(references),
      falseVerified: { count: falsely.length, ids: falsely.map((r) => r.id) },
      references,
      claims,
      counts: { references: references.length, claims: claims.length, missingUrls },
    };
  } finally {
    await run.close();
  }
}
