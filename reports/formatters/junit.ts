/**
 * The JUnit XML report, so code forges annotate the digest where a reference fails (lychee's
 * `junit.rs`): one `<testsuite>` per digest, one `<testcase>` per reference carrying the digest's
 * `file` and the reference's `line`; failing statuses become `<failure type="<status>">`, warnings
 * (ambiguous, unverifiable outside `--strict`) `<skipped>`, and a digest that could not be read a
 * suite with one `<error>`. Every string is XML-escaped.
 */
import type { ReportFormatter, RenderOptions } from '../formatter.js';
import type { DigestError, DigestReport, ReferenceCheck, VerifyRun } from '../../pipeline/verify/types.js';
import { inReportOrder, isFailure, isWarning, reportWords, statusLabel, type ReportLang } from '../status.js';

// Code points XML 1.0 cannot carry even as character references (C0 controls other than tab,
// newline and return; U+FFFE/U+FFFF; unpaired surrogates). A crawled page can hold them.
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const XML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  // Kept as references so attribute-value normalisation does not turn them into spaces.
  '\n': '&#10;',
  '\r': '&#13;',
  '\t': '&#9;',
};

/** `text` escaped for an XML attribute value or text node; unrepresentable characters become U+FFFD. */
export function escapeXml(text: string): string {
  return text.replace(NOT_XML, '\ufffd').replace(/[&<>"'\n\r\t]/g, (ch) => XML_ENTITIES[ch] ?? ch);
}

/** ` name="value"` pairs, each value escaped. */
function attrs(pairs: Record<string, string | number>): string {
  return Object.entries(pairs)
    .map(([name, value]) => ` ${name}="${escapeXml(String(value))}"`)
    .join('');
}

/** The label and the first reason, short enough for an annotation title. */
function message(ref: ReferenceCheck, lang: ReportLang): string {
  const label = statusLabel(ref.status, lang);
  const first = ref.reasons[0];
  return first === undefined ? label : `${label}${reportWords(lang).colon}${first}`;
}

/** Every reason, then the candidate(s) it was checked against, one per line. */
function details(ref: ReferenceCheck, lang: ReportLang): string {
  const words = reportWords(lang);
  const lines = [...ref.reasons];
  if (ref.match !== null) lines.push(`${words.match}${words.colon}${ref.match.title} <${ref.match.url}>`);
  // The second candidate matters only when it is why the reference is ambiguous.
  if (ref.status === 'ambiguous' && ref.runnerUp !== null) {
    lines.push(`${words.orRunnerUp}${words.colon}${ref.runnerUp.title} <${ref.runnerUp.url}>`);
  }
  return lines.map(escapeXml).join('\n');
}

function testcase(ref: ReferenceCheck, digest: DigestReport, strict: boolean, lang: ReportLang): string {
  const title = ref.title ?? reportWords(lang).noTitle;
  const open = `    <testcase${attrs({ name: `[${ref.index}] ${title}`, classname: digest.path, file: digest.path, line: ref.line })}`;
  if (isFailure(ref.status, strict)) {
    const failure = `<failure${attrs({ message: message(ref, lang), type: ref.status })}>${details(ref, lang)}</failure>`;
    return `${open}>\n      ${failure}\n    </testcase>`;
  }
  if (isWarning(ref.status, strict)) {
    return `${open}>\n      <skipped${attrs({ message: message(ref, lang) })}/>\n    </testcase>`;
  }
  return `${open}/>`;
}

/** Counts of one suite, as the `<testsuite>` and `<testsuites>` attributes name them. */
interface SuiteCounts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

function digestCounts(digest: DigestReport, strict: boolean): SuiteCounts {
  const refs = digest.references;
  return {
    tests: refs.length,
    failures: refs.filter((r) => isFailure(r.status, strict)).length,
    errors: 0,
    skipped: refs.filter((r) => isWarning(r.status, strict)).length,
  };
}

function digestSuite(digest: DigestReport, run: VerifyRun, lang: ReportLang): string {
  const head = `  <testsuite${attrs({ name: digest.path, ...digestCounts(digest, run.strict), timestamp: run.generatedAt })}`;
  if (digest.references.length === 0) return `${head}/>`;
  const cases = digest.references.map((ref) => testcase(ref, digest, run.strict, lang));
  return [`${head}>`, ...cases, '  </testsuite>'].join('\n');
}

/** An unreadable digest: a suite of one erroring case, so the forge still points at the file. */
function errorSuite(error: DigestError, run: VerifyRun, lang: ReportLang): string {
  const counts: SuiteCounts = { tests: 1, failures: 0, errors: 1, skipped: 0 };
  const where: Record<string, number> = error.line === null ? {} : { line: error.line };
  const name = reportWords(lang).unreadable;
  return [
    `  <testsuite${attrs({ name: error.path, ...counts, timestamp: run.generatedAt })}>`,
    `    <testcase${attrs({ name, classname: error.path, file: error.path, ...where })}>`,
    `      <error${attrs({ message: error.message, type: 'parse_error' })}/>`,
    '    </testcase>',
    '  </testsuite>',
  ].join('\n');
}

function totals(run: VerifyRun): SuiteCounts {
  const all = run.digests.map((d) => digestCounts(d, run.strict));
  const sum = (key: keyof SuiteCounts) => all.reduce((n, c) => n + c[key], 0);
  const errors = run.errors.length;
  return { tests: sum('tests') + errors, failures: sum('failures'), errors, skipped: sum('skipped') };
}

/** Renders a run as JUnit XML. */
function render(input: VerifyRun, options: RenderOptions): string {
  const run = inReportOrder(input);
  const suites = [
    ...run.digests.map((d) => digestSuite(d, run, options.lang)),
    ...run.errors.map((e) => errorSuite(e, run, options.lang)),
  ];
  return (
    [
      '<?xml version="1.0" encoding="UTF-8"?>',
      `<testsuites${attrs({ name: 'sourcecheck', ...totals(run), timestamp: run.generatedAt })}>`,
      ...suites,
      '</testsuites>',
    ].join('\n') + '\n'
  );
}

/** The `junit` format: JUnit XML for CI annotations. */
export const junitFormatter: ReportFormatter = { format: 'junit', extension: 'xml', render };
