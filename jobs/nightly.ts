import { mkdir, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DateTime } from 'luxon';
import type { Config } from '../core/config.js';
import type { Logger } from '../core/log.js';
import type { DatabaseHandle } from '../db/connect.js';
import { crawl } from '../crawlers/engine/main.js';
import type { SourceResult } from '../crawlers/engine/crawl-source.js';
import type { ProgressListener } from '../crawlers/engine/recorder.js';
import type { SourceDefinition } from '../crawlers/sources/schema.js';
import { defaultSince, listCandidates } from '../pipeline/candidates/list.js';
import { SHANGHAI } from '../pipeline/dates/candidates.js';
import { isBroken, sourceHealth } from '../pipeline/health/source-health.js';
import type { SourceHealth } from '../pipeline/health/types.js';
import { clusterStories } from '../pipeline/stories.js';
import { verifyFiles } from '../pipeline/verify/run.js';
import type { Lang } from '../pipeline/verify/messages.js';
import { nightlyExitCode, type NightlySummary } from './nightly-summary.js';
import { writeNightlyReports } from './nightly-reports.js';

/** What `sourcecheck nightly` was asked to do. */
export interface NightlyOptions {
  sources: readonly SourceDefinition[];
  /** Folder of digests to verify (every `*.md` in it). */
  digestsDir: string;
  /** Reports go to `<outDir>/<YYYY-MM-DD>/` (the Beijing date of `now`). */
  outDir: string;
  /** The job's clock: crawl windows, the candidates window and staleness are judged against it. */
  now: Date;
  /** Fixed crawl lower bound (default per source: last run − 2 days, first run 30 days). */
  since?: Date;
  /** An explicitly chosen delay for every host (as `crawl` treats `--delay-ms`). */
  delayOverrideMs?: number;
  lang: Lang;
  strict: boolean;
  version: string;
  onProgress?: ProgressListener;
}

/**
 * The nightly job, step by step: crawl every source, fold new articles into stories, verify every
 * digest, list the candidates, judge source health, and write the reports. Each step's
 * outcome lands in the summary; a step never hides another's failure. The database must be
 * migrated by the caller.
 */
export async function runNightly(
  handle: DatabaseHandle,
  config: Config,
  log: Logger,
  options: NightlyOptions,
): Promise<NightlySummary> {
  const startedAt = new Date().toISOString();
  const results = await crawl(handle.db, handle.backend, config, options.version, log, {
    sources: options.sources,
    since: options.since,
    now: options.now,
    delayOverrideMs: options.delayOverrideMs,
    onProgress: options.onProgress,
  });
  const stories = await clusterStories(handle.db);
  log.info(`stories: ${stories.newStories} new, ${stories.joined} joined, ${stories.merged} merged`);
  const digests = await digestFiles(options.digestsDir);
  const run = await verifyFiles(handle.db, digests, { lang: options.lang, strict: options.strict });
  // After the digests are stored: their references teach the relevance model, and the newest
  // issue date starts the window of stories for the next one.
  const candidates = await listCandidates(handle.db, { since: await defaultSince(handle.db, options.now) });
  const health = await sourceHealth(handle.db, options.sources, options.now);
  const date = DateTime.fromJSDate(options.now, { zone: SHANGHAI }).toISODate()!;
  const folder = resolve(options.outDir, date);
  await mkdir(folder, { recursive: true });
  const summary: NightlySummary = {
    schemaVersion: 1,
    date,
    now: options.now.toISOString(),
    startedAt,
    finishedAt: '',
    exitCode: 0,
    sources: sourceRows(options.sources, results, health),
    brokenSources: [],
    stories,
    candidates: { since: candidates.since, count: candidates.candidates.length, model: candidates.model },
    digests: run.digests.map((d) => ({
      path: d.path,
      references: d.references.length,
      verified: d.references.filter((r) => r.status === 'verified').length,
      notVerified: d.references.filter((r) => r.status !== 'verified').length,
    })),
    digestErrors: run.errors,
    verifyExitCode: run.exitCode,
    reports: {},
  };
  summary.brokenSources = summary.sources.filter((s) => s.broken);
  summary.exitCode = nightlyExitCode(summary);
  summary.finishedAt = new Date().toISOString();
  summary.reports = await writeNightlyReports(folder, summary, run, candidates, options.lang);
  return summary;
}

/** Every `*.md` file directly in `dir`, sorted; a missing folder is no digest at all. */
export async function digestFiles(dir: string): Promise<string[]> {
  try {
    const names = await readdir(dir);
    return names
      .filter((n) => n.endsWith('.md') && !n.startsWith('.'))
      .sort()
      .map((n) => join(dir, n));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

function sourceRows(
  sources: readonly SourceDefinition[],
  results: readonly SourceResult[],
  health: readonly SourceHealth[],
): NightlySummary['sources'] {
  return sources.map((source) => {
    const result = results.find((r) => r.sourceId === source.id);
    const h = health.find((x) => x.sourceId === source.id)!;
    return {
      sourceId: source.id,
      name: source.name,
      crawl: result?.status ?? 'skipped',
      stats: result?.stats ?? null,
      errors: result?.errors.length ?? 0,
      flags: h.flags,
      alerts: h.alerts,
      // This night's crawl failing is what breaks a source; old flags of earlier runs are in `flags`.
      broken: result?.status === 'failed' || isBroken(h),
    };
  });
}
