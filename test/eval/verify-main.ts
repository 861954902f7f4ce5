import { VERIFICATION_STATUSES } from '../../pipeline/verify/types.js';
import { type Confusion, type ReferenceResult, type VerifyEvalReport, evaluateVerifier } from './verify-eval.js';

/**
 * `npx tsx test/eval/verify-main.ts [--json]`: run the verifier evaluation and print the
 * metrics, the issue #5 targets, the confusion matrix, and one line per wrong reference or claim.
 * Exit 0 when the targets hold (no false `verified`, true-reference recall ≥ 0.97, status
 * accuracy ≥ 0.95), 1 otherwise. The pinned floors of `npm run eval` are the gate's business.
 */

/** The acceptance targets of issue #5 item 8. */
export const TARGETS = { falseVerified: 0, trueReferenceRecall: 0.97, statusAccuracy: 0.95 } as const;

const out = (line = '') => process.stdout.write(`${line}\n`);
const fmt = (x: number) => x.toFixed(3);
const SHORT: Record<string, string> = {
  verified: 'verif',
  date_mismatch: 'date',
  title_mismatch: 'title',
  outlet_mismatch: 'outlet',
  ambiguous: 'ambig',
  not_found: 'notfnd',
  unverifiable: 'unverif',
};

/** The confusion matrix: one row per expected status, one column per reported status. */
export function confusionTable(confusion: Confusion): string[] {
  const head = `${'expected \\ got'.padEnd(16)}${VERIFICATION_STATUSES.map((s) => SHORT[s]!.padStart(8)).join('')}   total`;
  const rows = VERIFICATION_STATUSES.map((e) => {
    const cells = VERIFICATION_STATUSES.map((g) => String(confusion[e][g] || '·').padStart(8)).join('');
    const total = VERIFICATION_STATUSES.reduce((n, g) => n + confusion[e][g], 0);
    return `${e.padEnd(16)}${cells}${String(total).padStart(8)}`;
  });
  return [head, ...rows];
}

/** Per status precision and recall, then the whole-set metrics. */
export function metricTable(metrics: Record<string, number>): string[] {
  const camel = (s: string) => s.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());
  const rows = VERIFICATION_STATUSES.map(
    (s) =>
      `${s.padEnd(16)}${fmt(metrics[`${camel(s)}Precision`]!).padStart(10)}${fmt(metrics[`${camel(s)}Recall`]!).padStart(8)}`,
  );
  const rest = ['statusAccuracy', 'trueReferenceRecall', 'urlAccuracy', 'claimAccuracy', 'claimExtracted'];
  return [
    `${'status'.padEnd(16)}${'precision'.padStart(10)}${'recall'.padStart(8)}`,
    ...rows,
    '',
    ...rest.map((m) => `${m.padEnd(22)}${fmt(metrics[m]!)}`),
  ];
}

function miss(r: ReferenceResult): string | null {
  const wrongUrl = r.statusOk && !r.urlOk;
  if (r.statusOk && (r.urlOk || r.got.status === 'not_found' || r.got.status === 'unverifiable')) return null;
  const what = wrongUrl ? `${r.got.status} but on another article` : `${r.expected.status} → ${r.got.status}`;
  const found = r.got.title ? ` [${r.got.title}]` : '';
  return `${r.id} (${r.trap}): ${what}${found} — ${r.got.reasons.join(' / ')}`;
}

/** The targets of the issue, each with whether it holds. */
export function targetLines(report: VerifyEvalReport): { lines: string[]; ok: boolean } {
  const m = report.metrics;
  const checks = [
    ['falseVerified', report.falseVerified.count, `= ${TARGETS.falseVerified}`, report.falseVerified.count === 0],
    [
      'trueReferenceRecall',
      m.trueReferenceRecall!,
      `≥ ${TARGETS.trueReferenceRecall}`,
      m.trueReferenceRecall! >= TARGETS.trueReferenceRecall,
    ],
    ['statusAccuracy', m.statusAccuracy!, `≥ ${TARGETS.statusAccuracy}`, m.statusAccuracy! >= TARGETS.statusAccuracy],
  ] as const;
  const lines = checks.map(([name, value, want, ok]) => {
    const shown = Number.isInteger(value) ? String(value) : fmt(value);
    return `${name.padEnd(22)}${shown.padStart(7)}  ${want.padEnd(8)} ${ok ? 'ok' : 'FAIL'}`;
  });
  return { lines, ok: checks.every((c) => c[3]) };
}

async function main(): Promise<void> {
  const report = await evaluateVerifier();
  if (process.argv.includes('--json')) {
    out(JSON.stringify(report, null, 2));
  } else {
    const { references, claims, missingUrls } = report.counts;
    out(`verifier eval: ${references} references, ${claims} claims`);
    for (const url of missingUrls) out(`label points at an article the crawl did not store: ${url}`);
    out();
    for (const line of metricTable(report.metrics)) out(line);
    out();
    for (const line of confusionTable(report.confusion)) out(line);
    out();
    out(`false verified: ${report.falseVerified.count} ${report.falseVerified.ids.join(', ')}`);
    for (const line of report.references.map(miss)) if (line) out(line);
    for (const c of report.claims.filter((x) => x.got !== x.expected))
      out(`${c.id} (${c.kind} ${c.value}): ${c.expected} → ${c.got ?? 'not extracted'}`);
    out();
    const targets = targetLines(report);
    for (const line of targets.lines) out(line);
    out(targets.ok ? 'verifier targets: ok' : 'verifier targets: FAILED');
  }
  process.exitCode = targetLines(report).ok ? 0 : 1;
}

if (process.argv[1]?.endsWith('verify-main.ts')) await main();
