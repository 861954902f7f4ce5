/**
 * The `github` report: GitHub Actions workflow commands, so a `sourcecheck verify` step in a
 * workflow puts its findings on the digest's lines in the pull request. One line per reference
 * that is not verified, `::error file=<digest>,line=<line>,title=<status> …::<reasons>` for a
 * failing status and `::warning …` for ambiguous and unverifiable (errors too under `--strict`,
 * as `reports/status.ts` decides); one `::error file=…[,line=…]::…` per digest that could not be
 * read; then one `::notice` with the totals. Verified references print nothing.
 *
 * Every value is escaped as the runner's own toolkit does (`@actions/core` `command.ts`): in the
 * message `%`, `\r` and `\n` become `%25`, `%0D` and `%0A`; in a property also `:` and `,` become
 * `%3A` and `%2C`. Without that a crawled title holding a newline could start a workflow command
 * of its own (`::add-mask::`, `::stop-commands::`) on the next log line.
 */
import type { ReportFormatter, RenderOptions } from '../formatter.js';
import type { DigestError, ReferenceCheck, VerifyRun } from '../../pipeline/verify/types.js';
import { VERIFICATION_STATUSES } from '../../pipeline/verify/types.js';
import { inReportOrder, isFailure, isWarning, reportWords, statusLabel, tally, type ReportLang } from '../status.js';

/** The workflow commands this format emits. */
type Level = 'error' | 'warning' | 'notice';

// Controls other than newline and return (handled by the escaping) and bidi overrides: not
// dangerous to the runner, but they would garble the log and the annotation around them.
// eslint-disable-next-line no-control-regex
const GARBLING = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]+/g;

/** `text` escaped for the message of a workflow command (after the second `::`). */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** `text` escaped for a property value of a workflow command (`file=`, `title=`, …). */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** `text` with log-garbling control characters turned into spaces; newlines are kept. */
function clean(text: string): string {
  return text.replace(GARBLING, ' ');
}

/** One workflow command line: `::level key=value,…::message`, every part escaped. */
export function workflowCommand(
  level: Level,
  properties: Record<string, string | number | undefined>,
  message: string,
): string {
  const props = Object.entries(properties)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => `${key}=${escapeProperty(clean(String(value)))}`)
    .join(',');
  return `::${level}${props === '' ? '' : ` ${props}`}::${escapeData(clean(message))}`;
}

/** The annotation title: the status, then which reference (`日期不符 [9] Tech stocks dive …`). */
function title(ref: ReferenceCheck, lang: ReportLang): string {
  return `${statusLabel(ref.status, lang)} [${ref.index}] ${ref.title ?? reportWords(lang).noTitle}`;
}

/** The annotation body: every reason, then the candidate(s) checked against, one per line. */
function message(ref: ReferenceCheck, lang: ReportLang): string {
  const words = reportWords(lang);
  const lines = ref.reasons.length > 0 ? [...ref.reasons] : [statusLabel(ref.status, lang)];
  if (ref.match !== null) lines.push(`${words.match}${words.colon}${ref.match.title} <${ref.match.url}>`);
  if (ref.status === 'ambiguous' && ref.runnerUp !== null) {
    lines.push(`${words.orRunnerUp}${words.colon}${ref.runnerUp.title} <${ref.runnerUp.url}>`);
  }
  return lines.join('\n');
}

function referenceCommand(ref: ReferenceCheck, path: string, run: VerifyRun, lang: ReportLang): string | null {
  const level: Level | null = isFailure(ref.status, run.strict)
    ? 'error'
    : isWarning(ref.status, run.strict)
      ? 'warning'
      : null;
  if (level === null) return null;
  return workflowCommand(level, { file: path, line: ref.line, title: title(ref, lang) }, message(ref, lang));
}

function errorCommand(error: DigestError, lang: ReportLang): string {
  const where = { file: error.path, line: error.line ?? undefined, title: reportWords(lang).unreadable };
  return workflowCommand('error', where, error.message);
}

/** `合计 11 条参考文献：已核实 5 · 日期不符 1 · … · 退出码 3`, as the text report's last line. */
function summary(run: VerifyRun, lang: ReportLang): string {
  const words = reportWords(lang);
  const counts = tally(run.digests.flatMap((d) => d.references));
  const total = VERIFICATION_STATUSES.reduce((sum, s) => sum + counts[s], 0);
  const phrase = (label: string, n: number) => (lang === 'zh' ? `${label} ${n}` : `${n} ${label}`);
  const parts = VERIFICATION_STATUSES.filter((s) => counts[s] > 0).map((s) => phrase(statusLabel(s, lang), counts[s]));
  if (run.errors.length > 0) parts.push(phrase(words.unreadableShort, run.errors.length));
  parts.push(`${words.exitCode} ${run.exitCode}`);
  const head = lang === 'zh' ? `${words.total} ${total} 条参考文献` : `${words.total} ${total} references`;
  const mode = !run.strict ? '' : lang === 'zh' ? `（${words.strict}）` : ` (${words.strict})`;
  return `${head}${mode}${words.colon}${parts.join(' · ')}`;
}

/** Renders a run as GitHub Actions workflow commands, one per line. */
function render(input: VerifyRun, options: RenderOptions): string {
  const run = inReportOrder(input);
  const lines = run.digests.flatMap((digest) =>
    digest.references
      .map((ref) => referenceCommand(ref, digest.path, run, options.lang))
      .filter((line): line is string => line !== null),
  );
  lines.push(...run.errors.map((e) => errorCommand(e, options.lang)));
  lines.push(workflowCommand('notice', { title: 'sourcecheck' }, summary(run, options.lang)));
  return lines.join('\n') + '\n';
}

/** The `github` format: annotations on the failing reference lines of a pull request. */
export const githubFormatter: ReportFormatter = { format: 'github', extension: 'txt', render };
