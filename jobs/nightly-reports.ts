import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderCandidates } from '../pipeline/candidates/format.js';
import type { CandidateList } from '../pipeline/candidates/types.js';
import type { VerifyRun } from '../pipeline/verify/types.js';
import type { Lang } from '../pipeline/verify/messages.js';
import { getFormatter, type ReportFormat } from '../reports/formatter.js';
import type { NightlySummary } from './nightly-summary.js';

/** The reference-check report files of a night, by format. */
const REPORTS: readonly [kind: string, format: ReportFormat, file: string][] = [
  ['markdown', 'markdown', 'report.md'],
  ['json', 'json', 'report.json'],
  ['junit', 'junit', 'report.junit.xml'],
  ['html', 'html', 'report.html'],
];

/**
 * Write a night's files into `folder`: the reference-check report in four formats, the
 * candidates (Markdown, HTML, JSON) and the summary (`nightly.json`, written last so its
 * `reports` lists every file). Each file is written beside its name and renamed into place,
 * so a reader never sees half a report. Returns the paths by kind.
 */
export async function writeNightlyReports(
  folder: string,
  summary: NightlySummary,
  run: VerifyRun,
  candidates: CandidateList,
  lang: Lang,
): Promise<Record<string, string>> {
  const written: Record<string, string> = {};
  for (const [kind, format, file] of REPORTS) {
    written[kind] = await writeAtomically(join(folder, file), getFormatter(format).render(run, { color: false, lang }));
  }
  written.candidates = await writeAtomically(join(folder, 'candidates.md'), renderCandidates(candidates, 'md'));
  written.candidatesHtml = await writeAtomically(join(folder, 'candidates.html'), renderCandidates(candidates, 'html'));
  written.candidatesJson = await writeAtomically(join(folder, 'candidates.json'), renderCandidates(candidates, 'json'));
  written.summary = join(folder, 'nightly.json');
  await writeAtomically(written.summary, `${JSON.stringify({ ...summary, reports: written }, null, 2)}\n`);
  return written;
}

async function writeAtomically(path: string, text: string): Promise<string> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, text);
  await rename(temporary, path);
  return path;
}
