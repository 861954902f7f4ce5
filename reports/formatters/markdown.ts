/**
 * The Markdown report, sized for a GitHub job summary (`$GITHUB_STEP_SUMMARY`) or an issue body:
 * a table of status counts, then per digest a table of references and a table of claims, then
 * the digests that could not be read. Every string from a digest or a crawled page is escaped,
 * so a title with `|`, `[`, `<` or `$` cannot break a table, forge a link, inject HTML or start
 * GitHub math; only http(s) URLs become links.
 */
import type { ReportFormatter, RenderOptions } from '../formatter.js';
import type { ClaimCheck, DigestReport, ReferenceCheck, VerifyRun } from '../../pipeline/verify/types.js';
import { VERIFICATION_STATUSES } from '../../pipeline/verify/types.js';
import {
  claimLabel,
  inReportOrder,
  reportWords,
  severity,
  statusLabel,
  tally,
  type ReportLang,
  type Severity,
} from '../status.js';

const ICONS: Record<Severity, string> = { ok: '✅', warning: '⚠️', failure: '❌' };

// Characters Markdown (GFM plus GitHub's `$` math) would read as syntax inside a table cell or a
// heading. `&`, `<` and `>` become entities (GitHub passes raw HTML through); the rest take a
// backslash. Brackets are enough to stop a link (`(` and `!` mean nothing without `[`), and
// `.`, `-` and `+` only matter at a line start, which a cell or heading never is.
const MD_SPECIAL = /[\\`*_[\]#|~$]/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]+/g;

/** `text` as literal Markdown inline text: one line, no syntax, no HTML. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(CONTROL, ' ')
    .replace(/ {2,}/g, ' ')
    .trim()
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(MD_SPECIAL, (ch) => `\\${ch}`);
}

/** `url` normalised and safe as a link destination, or null when it is not http(s). */
export function markdownUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  // WHATWG serialisation already encodes spaces, quotes and angle brackets; these would still
  // end the destination, split the table cell or close the link text.
  return parsed.href.replace(
    /[()|[\]<>"'\s\\]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}

/** A link to `url` labelled `text`, or both as plain escaped text when the URL is not http(s). */
function link(text: string, url: string): string {
  const href = markdownUrl(url);
  return href === null ? `${escapeMarkdown(text)} (${escapeMarkdown(url)})` : `[${escapeMarkdown(text)}](${href})`;
}

function row(cells: readonly (string | number)[]): string {
  return `| ${cells.join(' | ')} |`;
}

function statusCell(status: ReferenceCheck['status'], strict: boolean, lang: ReportLang): string {
  return `${ICONS[severity(status, strict)]} ${statusLabel(status, lang)}`;
}

function countsTable(run: VerifyRun, lang: ReportLang): string[] {
  const words = reportWords(lang);
  const counts = tally(run.digests.flatMap((d) => d.references));
  const total = VERIFICATION_STATUSES.reduce((sum, s) => sum + counts[s], 0);
  const lines = [row([words.status, words.count]), row(['---', '---:'])];
  lines.push(...VERIFICATION_STATUSES.map((s) => row([statusCell(s, run.strict, lang), counts[s]])));
  if (run.errors.length > 0) lines.push(row([`${ICONS.failure} ${words.unreadable}`, run.errors.length]));
  lines.push(row([`**${words.total}**`, `**${total}**`]));
  return lines;
}

function matchCell(ref: ReferenceCheck, lang: ReportLang): string {
  if (ref.match === null) return '';
  const m = ref.match;
  const about = [m.outlet, m.publishedDate].filter((s): s is string => s !== null).map(escapeMarkdown);
  const cell = `${link(m.title, m.url)}<br>${about.join(' · ')}`;
  if (ref.status !== 'ambiguous' || ref.runnerUp === null) return cell;
  // An ambiguous reference has two candidates; the editor needs both to choose.
  return `${cell}<br>${reportWords(lang).orRunnerUp} ${link(ref.runnerUp.title, ref.runnerUp.url)}`;
}

function referencesTable(digest: DigestReport, run: VerifyRun, lang: ReportLang): string[] {
  const w = reportWords(lang);
  const lines = [row([w.status, '#', w.line, w.outlet, w.title, w.match, w.reason])];
  lines.push(row(['---', '---:', '---:', '---', '---', '---', '---']));
  for (const ref of digest.references) {
    lines.push(
      row([
        statusCell(ref.status, run.strict, lang),
        ref.index,
        ref.line,
        ref.outlets.map(escapeMarkdown).join(' / '),
        ref.title === null ? w.noTitle : escapeMarkdown(ref.title),
        matchCell(ref, lang),
        ref.reasons.map(escapeMarkdown).join('<br>'),
      ]),
    );
  }
  return lines;
}

const CLAIM_ICONS: Record<ClaimCheck['status'], string> = { supported: '✅', contradicted: '❌', unsupported: '⚠️' };

function claimsSection(digest: DigestReport, lang: ReportLang): string[] {
  const w = reportWords(lang);
  const lines = [`### ${w.claims}`, ''];
  if (digest.claims.length === 0) lines.push(w.noClaims);
  else {
    lines.push(row([w.status, w.line, w.section, w.kind, w.claim, '#', w.evidence]));
    lines.push(row(['---', '---:', '---', '---', '---', '---:', '---']));
    for (const c of digest.claims) {
      const status = `${CLAIM_ICONS[c.status]} ${claimLabel(c.status, lang)}`;
      const evidence = c.evidence === null ? '' : escapeMarkdown(c.evidence);
      const ref = c.referenceIndex ?? '';
      lines.push(
        row([
          status,
          c.line,
          escapeMarkdown(c.section),
          claimLabel(c.kind, lang),
          escapeMarkdown(c.text),
          ref,
          evidence,
        ]),
      );
    }
  }
  if (digest.unsupportedSections.length > 0) {
    lines.push('', `**${w.unsupportedSections}**`, '');
    lines.push(...digest.unsupportedSections.map((s) => `- ${escapeMarkdown(s)}`));
  }
  return lines;
}

function digestSection(digest: DigestReport, run: VerifyRun, lang: ReportLang): string[] {
  const about = [digest.title, digest.issueDate].filter((s): s is string => s !== null).map(escapeMarkdown);
  const lines = [`## ${escapeMarkdown(digest.path)}`, ''];
  if (about.length > 0) lines.push(about.join(' · '), '');
  return [...lines, ...referencesTable(digest, run, lang), '', ...claimsSection(digest, lang)];
}

function errorsSection(run: VerifyRun, lang: ReportLang): string[] {
  const w = reportWords(lang);
  const items = run.errors.map((e) => {
    const where = e.line === null ? e.path : `${e.path}:${e.line}`;
    return `- ${ICONS.failure} ${escapeMarkdown(where)}${w.colon}${escapeMarkdown(e.message)}`;
  });
  return [`## ${w.unreadable}`, '', ...items];
}

function footer(run: VerifyRun, lang: ReportLang): string {
  const w = reportWords(lang);
  const parts = [`${w.exitCode} **${run.exitCode}**`];
  if (run.strict) parts.push(w.strict);
  parts.push(`${w.generated} ${escapeMarkdown(run.generatedAt)}`);
  return parts.join(' · ');
}

/** Renders a run as GitHub-flavoured Markdown. */
function render(input: VerifyRun, options: RenderOptions): string {
  const run = inReportOrder(input);
  const blocks = [['# sourcecheck: reference check'], countsTable(run, options.lang), [footer(run, options.lang)]];
  blocks.push(...run.digests.map((d) => digestSection(d, run, options.lang)));
  if (run.errors.length > 0) blocks.push(errorsSection(run, options.lang));
  return blocks.map((lines) => lines.join('\n')).join('\n\n') + '\n';
}

/** The `markdown` format: a job summary. */
export const markdownFormatter: ReportFormatter = { format: 'markdown', extension: 'md', render };
