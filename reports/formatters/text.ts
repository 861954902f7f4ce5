/**
 * The terminal report: one line per reference (status, `[index]`, line, title, then the matched
 * URL or why not), the claims that did not hold, and a totals line. ANSI colour only when asked
 * (the caller decides with `shouldColor`), so piped output and `NO_COLOR` stay plain.
 */
import type { ReportFormatter, RenderOptions } from '../formatter.js';
import type { ClaimCheck, DigestError, DigestReport, ReferenceCheck, VerifyRun } from '../../pipeline/verify/types.js';
import { VERIFICATION_STATUSES } from '../../pipeline/verify/types.js';
import {
  CLAIM_STATUSES,
  claimLabel,
  inReportOrder,
  reportWords,
  severity,
  statusLabel,
  tally,
  type ReportLang,
  type Severity,
} from '../status.js';

type Paint = (text: string) => string;

/** The ANSI styles a report uses; identity functions when colour is off. */
interface Palette {
  ok: Paint;
  warning: Paint;
  failure: Paint;
  dim: Paint;
  bold: Paint;
}

const plain: Paint = (text) => text;
const sgr =
  (code: number): Paint =>
  (text) =>
    `\u001b[${code}m${text}\u001b[0m`;

function palette(color: boolean): Palette {
  if (!color) return { ok: plain, warning: plain, failure: plain, dim: plain, bold: plain };
  return { ok: sgr(32), warning: sgr(33), failure: sgr(31), dim: sgr(2), bold: sgr(1) };
}

// Marks carry the severity when there is no colour (NO_COLOR, CI logs, screen readers).
const MARKS: Record<Severity, string> = { ok: '✓', warning: '!', failure: '✗' };

// C0/C1 controls and bidi overrides: a crawled title must not move the cursor, recolour the
// terminal or reverse the text around it. Newlines and tabs become spaces (one line per item).
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]+/g;

/** A crawled or digest string made safe for one terminal line. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, ' ').replace(/ {2,}/g, ' ').trim();
}

// East Asian wide ranges: enough for the labels this file pads (CJK words, ASCII, digits).
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/g;

/** Columns `text` takes in a terminal, counting CJK characters as two. */
function displayWidth(text: string): number {
  return text.length + (text.match(WIDE)?.length ?? 0);
}

function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/** `已核实 6` in Chinese, `6 verified` in English. */
function countPhrase(label: string, n: number, lang: ReportLang): string {
  return lang === 'zh' ? `${label} ${n}` : `${n} ${label}`;
}

/** Column widths shared by every reference line of a run, so the titles line up. */
interface Columns {
  label: number;
  index: number;
  line: number;
}

function columns(run: VerifyRun, lang: ReportLang): Columns {
  const refs = run.digests.flatMap((d) => d.references);
  const words = reportWords(lang);
  return {
    label: Math.max(...VERIFICATION_STATUSES.map((s) => displayWidth(statusLabel(s, lang)))),
    index: Math.max(0, ...refs.map((r) => `[${r.index}]`.length)),
    line: Math.max(0, ...refs.map((r) => displayWidth(words.lineNo(r.line)))),
  };
}

function referenceLine(ref: ReferenceCheck, run: VerifyRun, cols: Columns, lang: ReportLang, p: Palette): string {
  const sev = severity(ref.status, run.strict);
  const words = reportWords(lang);
  const head = p[sev](`${MARKS[sev]} ${padEnd(statusLabel(ref.status, lang), cols.label)}`);
  const where = `${padEnd(`[${ref.index}]`, cols.index)}  ${p.dim(padEnd(words.lineNo(ref.line), cols.line))}`;
  const title = ref.title === null ? words.noTitle : terminalSafe(ref.title);
  const url = ref.match === null ? '' : p.dim(`→ ${terminalSafe(ref.match.url)}`);
  // Reasons are written in the run's language, so they are joined in its punctuation.
  const why = ref.status === 'verified' ? '' : ref.reasons.map(terminalSafe).join(run.lang === 'zh' ? '；' : '; ');
  const detail = [why && `— ${why}`, url].filter((part) => part !== '').join(' ');
  return `  ${head}  ${where}  ${title}${detail ? `  ${detail}` : ''}`;
}

function claimLine(claim: ClaimCheck, width: number, lang: ReportLang, p: Palette): string {
  const sev = claim.status === 'contradicted' ? 'failure' : 'warning';
  const head = p[sev](`${MARKS[sev]} ${padEnd(claimLabel(claim.status, lang), width)}`);
  const where = p.dim(reportWords(lang).lineNo(claim.line));
  const ref = claim.referenceIndex === null ? '' : `[${claim.referenceIndex}] `;
  const evidence = claim.evidence === null ? '' : `  ${p.dim(`« ${terminalSafe(claim.evidence)} »`)}`;
  return `    ${head}  ${where}  ${ref}${terminalSafe(claim.text)}${evidence}`;
}

function claimLines(claims: readonly ClaimCheck[], lang: ReportLang, p: Palette): string[] {
  const w = reportWords(lang);
  if (claims.length === 0) return [`  ${w.noClaims}`];
  const counts = CLAIM_STATUSES.map((s) =>
    countPhrase(claimLabel(s, lang), claims.filter((c) => c.status === s).length, lang),
  );
  const width = Math.max(...CLAIM_STATUSES.map((s) => displayWidth(claimLabel(s, lang))));
  // Only the claims an editor has to act on, as lychee lists only the failing links.
  const open = claims.filter((c) => c.status !== 'supported').map((c) => claimLine(c, width, lang, p));
  return [`  ${w.claims}${w.colon}${counts.join(' · ')}`, ...open];
}

function digestBlock(digest: DigestReport, run: VerifyRun, cols: Columns, lang: ReportLang, p: Palette): string[] {
  const about = [digest.title, digest.issueDate].filter((s): s is string => s !== null).map(terminalSafe);
  const lines = [p.bold([terminalSafe(digest.path), ...about].join(' · '))];
  lines.push(...digest.references.map((ref) => referenceLine(ref, run, cols, lang, p)));
  lines.push(...claimLines(digest.claims, lang, p));
  if (digest.unsupportedSections.length > 0) {
    const w = reportWords(lang);
    const sections = digest.unsupportedSections.map(terminalSafe).join(' / ');
    lines.push(`  ${p.warning(`${MARKS.warning} ${w.unsupportedSections}`)}${w.colon}${sections}`);
  }
  return lines;
}

function errorLine(error: DigestError, lang: ReportLang, p: Palette): string {
  const where = error.line === null ? terminalSafe(error.path) : `${terminalSafe(error.path)}:${error.line}`;
  return `${p.failure(`${MARKS.failure} ${reportWords(lang).unreadable}`)}  ${where}  ${terminalSafe(error.message)}`;
}

function totalsLine(run: VerifyRun, lang: ReportLang, p: Palette): string {
  const words = reportWords(lang);
  const counts = tally(run.digests.flatMap((d) => d.references));
  const total = VERIFICATION_STATUSES.reduce((sum, s) => sum + counts[s], 0);
  const parts = VERIFICATION_STATUSES.filter((s) => counts[s] > 0).map((s) =>
    p[severity(s, run.strict)](countPhrase(statusLabel(s, lang), counts[s], lang)),
  );
  if (run.errors.length > 0) parts.push(p.failure(countPhrase(words.unreadableShort, run.errors.length, lang)));
  const head = lang === 'zh' ? `${words.total} ${total} 条参考文献` : `${words.total} ${total} references`;
  const mode = !run.strict ? '' : lang === 'zh' ? `（${words.strict}）` : ` (${words.strict})`;
  return p.bold(`${head}${mode}`) + `${words.colon}${parts.join(' · ')} · ${words.exitCode} ${run.exitCode}`;
}

/** Renders a run for a terminal. */
function render(input: VerifyRun, options: RenderOptions): string {
  const run = inReportOrder(input);
  const p = palette(options.color);
  const cols = columns(run, options.lang);
  const blocks = run.digests.map((d) => digestBlock(d, run, cols, options.lang, p).join('\n'));
  if (run.errors.length > 0) blocks.push(run.errors.map((e) => errorLine(e, options.lang, p)).join('\n'));
  return [p.bold('sourcecheck: reference check'), ...blocks, totalsLine(run, options.lang, p)].join('\n\n') + '\n';
}

/** The `text` format: a terminal summary, coloured when `options.color`. */
export const textFormatter: ReportFormatter = { format: 'text', extension: 'txt', render };
