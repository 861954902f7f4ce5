/**
 * The `json` report: the {@link VerifyRun} itself, pretty-printed, in report order (digests and
 * errors by path, references by number, claims by line). It is always one complete JSON document,
 * whatever the outcome: failed checks and unreadable digests are data in it (`exitCode`,
 * `errors`), never text around it; hints and logs go to stderr.
 *
 * Schema (version 1; machine-readable in `reports/report.schema.json`, JSON Schema 2020-12).
 * Fields are only ever added, never renamed or removed; a consumer should ignore fields it does
 * not know. `?` marks a value that may be `null`.
 *
 * ```text
 * schemaVersion   1
 * generatedAt     ISO 8601 time the run finished
 * lang            "zh" | "en": the language of every `reasons` entry
 * strict          whether ambiguous and unverifiable references fail the run
 * exitCode        0 every reference verified (warnings allowed), 2 a check failed, 3 a digest unreadable
 * errors[]        digests that could not be read or parsed
 *   path, line?, message
 * digests[]       one per digest checked
 *   path, title?, issueDate? (YYYY-MM-DD)
 *   counts        { verified, date_mismatch, title_mismatch, outlet_mismatch, ambiguous, not_found, unverifiable }
 *   unsupportedSections[]   section headings with no reference behind them
 *   references[]  one per numbered entry of the reference list
 *     index       the number the digest gives it (1-based)
 *     line        1-based line in the digest file
 *     outlets[]   outlets named in 来源
 *     title?      title as cited
 *     date?       date as cited, normalised: YYYY-MM-DD, YYYY-MM or YYYY
 *     status      verified | date_mismatch | title_mismatch | outlet_mismatch | ambiguous | not_found | unverifiable
 *     match?      the stored article it was checked against:
 *                 source, url, title, outlet, originalSource? (来源 as written),
 *                 issuer? (发文机关 / 发布机关 / sign-off), publishedAt?, publishedDate?, storyId?
 *     outletMatch? { by: source | originalSource | issuer, name }: how the match answers 来源
 *     scores?     { title, date, outlet, total }, each 0–1
 *     runnerUp?   the second-best candidate: a match plus its scores
 *     reasons[]   why, for an editor, in `lang`
 *   claims[]      statements in the body checked against the matched sources
 *     line, section, kind (title | date | figure), text,
 *     status (supported | contradicted | unsupported), evidence?, referenceIndex?
 * ```
 */
import type { ReportFormatter } from '../formatter.js';
import type { VerifyRun } from '../../pipeline/verify/types.js';
import { inReportOrder } from '../status.js';

/** Renders a run as its JSON document. The language option is moot: reasons are data. */
function render(run: VerifyRun): string {
  return JSON.stringify(inReportOrder(run), null, 2) + '\n';
}

/** The `json` format: the run as a stable, documented JSON document. */
export const jsonFormatter: ReportFormatter = { format: 'json', extension: 'json', render };
