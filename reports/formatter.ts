/**
 * Report formatters (issue #5 item 6), after lychee's `StatsFormatter`: one interface with one
 * method, one file per format under `formatters/`, and one registry mapping a format name to its
 * formatter. A formatter turns a finished {@link VerifyRun} into the whole text of a report; the
 * caller decides where it goes (`--output` or stdout) and writes hints and logs to stderr, so a
 * JSON or JUnit report on stdout stays parseable whatever the run's outcome.
 */
import type { VerifyRun } from '../pipeline/verify/types.js';
import { githubFormatter } from './formatters/github.js';
import { htmlFormatter } from './formatters/html.js';
import { jsonFormatter } from './formatters/json.js';
import { junitFormatter } from './formatters/junit.js';
import { markdownFormatter } from './formatters/markdown.js';
import { textFormatter } from './formatters/text.js';
import type { ReportLang } from './status.js';

/** The report formats `--format` accepts. */
export type ReportFormat = 'text' | 'markdown' | 'json' | 'junit' | 'html' | 'github';

/** Every report format, in `--help` order. */
export const REPORT_FORMATS: readonly ReportFormat[] = ['text', 'markdown', 'json', 'junit', 'html', 'github'];

/** How to render: ANSI colour (only `text` uses it) and the language of the report's fixed words. */
export interface RenderOptions {
  color: boolean;
  lang: ReportLang;
}

/** Renders a finished run as one report. Pure: same run and options, same string. */
export interface ReportFormatter {
  readonly format: ReportFormat;
  /** The file extension of a report of this format, without the dot (`md`, `xml`). */
  readonly extension: string;
  /** The whole report, ending in a newline. Never throws on a run that type-checks. */
  render(run: VerifyRun, options: RenderOptions): string;
}

/** Every formatter by format: the only place a format name meets its implementation. */
export const formatters: Record<ReportFormat, ReportFormatter> = {
  text: textFormatter,
  markdown: markdownFormatter,
  json: jsonFormatter,
  junit: junitFormatter,
  html: htmlFormatter,
  github: githubFormatter,
};

/** Whether `value` names a report format (for validating `--format`). */
export function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value);
}

/** The formatter of `format`. */
export function getFormatter(format: ReportFormat): ReportFormatter {
  return formatters[format];
}

/** The environment variables {@link shouldColor} reads. */
export type ColorEnv = Partial<Record<'NO_COLOR' | 'FORCE_COLOR' | 'TERM', string>>;

/**
 * Whether to colour output written to `stream`. `NO_COLOR` (any non-empty value, per
 * no-color.org) always wins: it is the reader's explicit opt-out, while `FORCE_COLOR` is often set
 * ambiently by CI images. Then `FORCE_COLOR` decides (`0`/`false` off, any other value on, even
 * into a pipe); else colour only on a TTY whose `TERM` is not `dumb`.
 */
export function shouldColor(stream: Pick<NodeJS.WriteStream, 'isTTY'>, env: ColorEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  return stream.isTTY === true && env.TERM !== 'dumb';
}
