/**
 * What a reference status means for a run: whether it fails the run, only warns, or passes; the
 * exit code a run ends with; and the words every report uses for statuses, claims and columns,
 * in Chinese and English. Formatters import from here, never from `formatter.ts`, so the
 * registry can import the formatters without a module cycle.
 */
import { ExitCode } from '../core/exit-codes.js';
import type {
  ClaimKind,
  ClaimStatus,
  DigestReport,
  ReferenceCheck,
  VerificationStatus,
  VerifyRun,
} from '../pipeline/verify/types.js';
import { VERIFICATION_STATUSES } from '../pipeline/verify/types.js';

/** The language of a report's fixed words (reasons come already written in the run's language). */
export type ReportLang = 'zh' | 'en';

/** How a status weighs on the run: `ok` passes, `warning` is shown but passes, `failure` fails. */
export type Severity = 'ok' | 'warning' | 'failure';

/** Statuses that fail a run whatever the mode: the source says something else, or nothing. */
const ALWAYS_FAILING: ReadonlySet<VerificationStatus> = new Set([
  'date_mismatch',
  'title_mismatch',
  'outlet_mismatch',
  'not_found',
]);

/** Statuses where the checker could not decide: warnings, failures under `--strict`. */
const UNDECIDED: ReadonlySet<VerificationStatus> = new Set(['ambiguous', 'unverifiable']);

/** Whether `status` fails the run (exit 2). Under `strict`, ambiguous and unverifiable do too. */
export function isFailure(status: VerificationStatus, strict: boolean): boolean {
  return ALWAYS_FAILING.has(status) || (strict && UNDECIDED.has(status));
}

/** Whether `status` is reported as a warning: ambiguous or unverifiable, outside `--strict`. */
export function isWarning(status: VerificationStatus, strict: boolean): boolean {
  return !strict && UNDECIDED.has(status);
}

/** {@link isFailure} and {@link isWarning} folded into one value, for colours and icons. */
export function severity(status: VerificationStatus, strict: boolean): Severity {
  if (isFailure(status, strict)) return 'failure';
  return isWarning(status, strict) ? 'warning' : 'ok';
}

/** The part of a run the exit code depends on. */
export interface ExitCodeInput {
  digests: readonly { references: readonly Pick<ReferenceCheck, 'status'>[] }[];
  errors: readonly unknown[];
}

/**
 * The exit code of a run: 3 when any digest could not be read or parsed (bad input outranks
 * check results, as in lychee), else 2 when any reference fails, else 0.
 */
export function exitCodeFor(run: ExitCodeInput, strict: boolean): 0 | 2 | 3 {
  if (run.errors.length > 0) return ExitCode.BadInput;
  const failing = run.digests.some((d) => d.references.some((r) => isFailure(r.status, strict)));
  return failing ? ExitCode.ChecksFailed : ExitCode.Ok;
}

/** How many references ended in each status, every status present, in report order. */
export function tally(references: readonly Pick<ReferenceCheck, 'status'>[]): Record<VerificationStatus, number> {
  const counts = Object.fromEntries(VERIFICATION_STATUSES.map((s) => [s, 0])) as Record<VerificationStatus, number>;
  for (const ref of references) counts[ref.status] += 1;
  return counts;
}

/**
 * The run in report order: digests and errors by path, references by number, claims by line
 * (then text, so claims on one line keep one order).
 * The verifier may finish digests in any order; every format sorts the same way so the five
 * outputs agree and golden files stay stable.
 */
export function inReportOrder(run: VerifyRun): VerifyRun {
  const byPath = (a: { path: string }, b: { path: string }) => compare(a.path, b.path);
  const digests = [...run.digests].sort(byPath).map((d): DigestReport => ({
    ...d,
    references: [...d.references].sort((a, b) => a.index - b.index || a.line - b.line),
    claims: [...d.claims].sort((a, b) => a.line - b.line || compare(a.text, b.text)),
  }));
  const errors = [...run.errors].sort((a, b) => byPath(a, b) || (a.line ?? 0) - (b.line ?? 0));
  return { ...run, digests, errors };
}

/** Code-unit order, not locale order: the same on every machine whatever its ICU data. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const STATUS_LABELS: Record<ReportLang, Record<VerificationStatus, string>> = {
  zh: {
    verified: '已核实',
    date_mismatch: '日期不符',
    title_mismatch: '标题不符',
    outlet_mismatch: '来源不符',
    ambiguous: '有歧义',
    not_found: '未找到',
    unverifiable: '无法核实',
  },
  en: {
    verified: 'verified',
    date_mismatch: 'date mismatch',
    title_mismatch: 'title mismatch',
    outlet_mismatch: 'outlet mismatch',
    ambiguous: 'ambiguous',
    not_found: 'not found',
    unverifiable: 'unverifiable',
  },
};

/** The human label of a reference status: `已核实` / `verified`, `日期不符` / `date mismatch`, … */
export function statusLabel(status: VerificationStatus, lang: ReportLang): string {
  return STATUS_LABELS[lang][status];
}

const CLAIM_LABELS: Record<ReportLang, Record<ClaimStatus | ClaimKind, string>> = {
  zh: {
    supported: '有依据',
    contradicted: '与来源矛盾',
    unsupported: '未找到依据',
    title: '标题',
    date: '日期',
    figure: '数字',
  },
  en: {
    supported: 'supported',
    contradicted: 'contradicted',
    unsupported: 'unsupported',
    title: 'title',
    date: 'date',
    figure: 'figure',
  },
};

/** The human label of a claim status or kind: `有依据` / `supported`, `数字` / `figure`, … */
export function claimLabel(value: ClaimStatus | ClaimKind, lang: ReportLang): string {
  return CLAIM_LABELS[lang][value];
}

/** Claim statuses in report order. */
export const CLAIM_STATUSES: readonly ClaimStatus[] = ['supported', 'contradicted', 'unsupported'];

/** The fixed words reports share, so the five formats name things the same way. */
export interface ReportWords {
  status: string;
  count: string;
  total: string;
  line: string;
  outlet: string;
  title: string;
  date: string;
  match: string;
  reason: string;
  claims: string;
  section: string;
  claim: string;
  kind: string;
  evidence: string;
  noTitle: string;
  noClaims: string;
  unsupportedSections: string;
  unreadable: string;
  /** A count of unreadable digests: `无法读取 1` / `1 unreadable`. */
  unreadableShort: string;
  exitCode: string;
  orRunnerUp: string;
  strict: string;
  generated: string;
  /** The label separator: full-width `：` in Chinese, `: ` in English. */
  colon: string;
  /** `line 56` / `第 56 行`. */
  lineNo: (line: number) => string;
}

const WORDS: Record<ReportLang, ReportWords> = {
  zh: {
    status: '状态',
    count: '数量',
    total: '合计',
    line: '行',
    outlet: '来源',
    title: '标题',
    date: '日期',
    match: '匹配来源',
    reason: '说明',
    claims: '正文论断',
    section: '小节',
    claim: '论断',
    kind: '类型',
    evidence: '来源原文',
    noTitle: '（无标题）',
    noClaims: '未检出可核对的论断。',
    unsupportedSections: '没有参考文献支撑的小节',
    unreadable: '无法读取的文稿',
    unreadableShort: '无法读取',
    exitCode: '退出码',
    orRunnerUp: '或',
    strict: '严格模式',
    generated: '生成于',
    colon: '：',
    lineNo: (line) => `第 ${line} 行`,
  },
  en: {
    status: 'Status',
    count: 'Count',
    total: 'Total',
    line: 'Line',
    outlet: 'Outlet',
    title: 'Title',
    date: 'Date',
    match: 'Matched source',
    reason: 'Reason',
    claims: 'Claims',
    section: 'Section',
    claim: 'Claim',
    kind: 'Kind',
    evidence: 'Source sentence',
    noTitle: '(no title)',
    noClaims: 'No checkable claims found.',
    unsupportedSections: 'Sections with no reference behind them',
    unreadable: 'Digests that could not be read',
    unreadableShort: 'unreadable',
    exitCode: 'exit code',
    orRunnerUp: 'or',
    strict: 'strict',
    generated: 'generated',
    colon: ': ',
    lineNo: (line) => `line ${line}`,
  },
};

/** The shared words of a report in `lang`. */
export function reportWords(lang: ReportLang): ReportWords {
  return WORDS[lang];
}
