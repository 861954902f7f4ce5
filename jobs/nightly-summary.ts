import { ExitCode, type ExitCodeValue } from '../core/exit-codes.js';
import type { CrawlStats } from '../crawlers/engine/recorder.js';
import type { HealthFlag } from '../pipeline/health/types.js';
import type { ModelSummary } from '../pipeline/candidates/types.js';
import type { StoryPass } from '../pipeline/stories.js';
import type { DigestError } from '../pipeline/verify/types.js';

/** One source in the nightly summary: this night's crawl and the source's health. */
export interface NightlySource {
  sourceId: string;
  name: string;
  crawl: 'succeeded' | 'partial' | 'failed' | 'skipped';
  stats: CrawlStats | null;
  errors: number;
  flags: HealthFlag[];
  alerts: string[];
  /** Failed tonight, or its selectors stopped matching: the nightly fails and an issue is opened. */
  broken: boolean;
}

/**
 * What a nightly run did, written to `reports/out/<date>/nightly.json` and printed with `--json`.
 * Scripts (the nightly workflow) read these fields: add new ones, never rename.
 */
export interface NightlySummary {
  schemaVersion: 1;
  /** The Beijing date of the job's clock: the report folder's name. */
  date: string;
  now: string;
  startedAt: string;
  finishedAt: string;
  exitCode: ExitCodeValue;
  sources: NightlySource[];
  brokenSources: NightlySource[];
  stories: StoryPass;
  candidates: { since: string; count: number; model: ModelSummary };
  digests: { path: string; references: number; verified: number; notVerified: number }[];
  digestErrors: DigestError[];
  /** `sourcecheck verify`'s exit code for the digests alone (0, 2 or 3). */
  verifyExitCode: number;
  /** Paths of the files written, by kind. */
  reports: Record<string, string>;
}

/**
 * The nightly's exit code: 3 when a digest could not be read (bad input, as `verify` says),
 * else 2 when a source broke or a digest's references failed, else 0.
 */
export function nightlyExitCode(summary: Pick<NightlySummary, 'brokenSources' | 'verifyExitCode'>): ExitCodeValue {
  if (summary.verifyExitCode === ExitCode.BadInput) return ExitCode.BadInput;
  if (summary.brokenSources.length > 0 || summary.verifyExitCode !== 0) return ExitCode.ChecksFailed;
  return ExitCode.Ok;
}

/** The summary as plain lines for a terminal or a log. */
export function summaryText(s: NightlySummary): string {
  const lines = [`sourcecheck nightly ${s.date} (exit ${s.exitCode})`];
  for (const src of s.sources) {
    const st = src.stats;
    const counts = st ? `${st.pages} pages, ${st.new} new, ${st.updated} updated, ${src.errors} errors` : '';
    const mark = src.broken ? 'BROKEN' : src.flags.length > 0 ? src.flags.join(',') : 'ok';
    lines.push(`  ${src.sourceId.padEnd(8)} ${src.crawl.padEnd(9)} ${mark.padEnd(14)} ${counts}`);
    for (const alert of src.alerts) lines.push(`           ! ${alert}`);
  }
  lines.push(
    `  stories: ${s.stories.newArticles} new articles, ${s.stories.newStories} new stories, ${s.stories.joined} joined`,
  );
  lines.push(`  candidates: ${s.candidates.count} since ${s.candidates.since}`);
  for (const d of s.digests)
    lines.push(`  digest ${d.path}: ${d.verified}/${d.references} verified, ${d.notVerified} not verified`);
  for (const e of s.digestErrors) lines.push(`  digest error: ${e.message}`);
  for (const [kind, path] of Object.entries(s.reports)) lines.push(`  ${kind.padEnd(16)} ${path}`);
  return `${lines.join('\n')}\n`;
}
