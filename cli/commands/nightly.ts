import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command, Option } from 'commander';
import { sql } from 'kysely';
import { BadInputError, BusyError, ResultWrittenError, describeError } from '../../core/errors.js';
import { acquirePidLock, LockHeldError } from '../../core/pid-lock.js';
import type { DatabaseHandle } from '../../db/connect.js';
import { runNightly, type NightlyOptions } from '../../jobs/nightly.js';
import { summaryText, type NightlySummary } from '../../jobs/nightly-summary.js';
import { createContext, withDatabase, type CommandContext } from '../context.js';
import { jsonOption, writeJson } from '../output.js';
import { createProgress } from '../progress.js';
import { version } from '../version.js';
import { parseNow, parseSince, selectSources } from './options.js';

interface NightlyFlags {
  source?: string;
  since?: string;
  now?: string;
  digests: string;
  out: string;
  lang: 'zh' | 'en';
  strict?: boolean;
  json?: boolean;
}

/**
 * `sourcecheck nightly` (what `npm start` runs): migrate, crawl every source, cluster stories,
 * write the candidates, verify every digest in `--digests`, write `--out/<date>/` and print a
 * summary. Exit 0, 2 (a source broke or a reference failed), 3 (a digest unreadable) or 5
 * (another nightly is running).
 */
export function nightlyCommand(): Command {
  return new Command('nightly')
    .description('the nightly job: migrate, crawl all sources, stories, candidates, verify digests/, write reports')
    .addOption(new Option('--digests <dir>', 'folder of digests to verify (every *.md)').default('digests'))
    .addOption(new Option('--out <dir>', 'reports go to <dir>/<YYYY-MM-DD>/').default('reports/out'))
    .addOption(new Option('--source <ids>', 'comma-separated source ids (default: all)'))
    .addOption(new Option('--since <date>', 'oldest list date to crawl back to (default: last run − 2 days)'))
    .addOption(new Option('--now <time>', "the job's clock, for replays and demos (default: now)"))
    .addOption(new Option('--lang <lang>', 'language of the reasons').choices(['zh', 'en']).default('zh'))
    .addOption(new Option('--strict', 'also fail on ambiguous and unverifiable references'))
    .addOption(jsonOption())
    .action(async (flags: NightlyFlags, cmd: Command) => {
      const ctx = createContext(cmd);
      const options = nightlyOptions(ctx, flags);
      const release = lockNightly(options.outDir);
      let summary: NightlySummary;
      try {
        summary = await withDatabase(ctx, { migrate: true }, (handle) =>
          withJobLock(handle, () => runWithProgress(handle, ctx, options)),
        );
      } finally {
        release();
      }
      if (flags.json) writeJson(ctx, summary);
      else ctx.out(summaryText(summary));
      if (summary.exitCode !== 0) throw new ResultWrittenError(failureLine(summary), summary.exitCode);
    });
}

function nightlyOptions(ctx: CommandContext, flags: NightlyFlags): NightlyOptions {
  return {
    sources: selectSources(flags.source),
    digestsDir: resolve(flags.digests),
    outDir: resolve(flags.out),
    now: flags.now ? parseNow(flags.now) : new Date(),
    since: flags.since ? parseSince(flags.since) : undefined,
    delayOverrideMs: ctx.origins.delayMs === 'default' ? undefined : ctx.config.delayMs,
    lang: flags.lang,
    strict: flags.strict ?? false,
    version,
  };
}

async function runWithProgress(handle: DatabaseHandle, ctx: CommandContext, options: NightlyOptions) {
  const progress = createProgress();
  try {
    return await runNightly(handle, ctx.config, ctx.log, { ...options, onProgress: (id, s) => progress.update(id, s) });
  } finally {
    progress.done();
  }
}

/** One nightly per reports folder on this machine: a pid lock refuses a second one at once. */
function lockNightly(outDir: string): () => void {
  const path = join(outDir, '.nightly.lock');
  try {
    mkdirSync(outDir, { recursive: true });
    return acquirePidLock(path);
  } catch (cause) {
    if (cause instanceof LockHeldError)
      throw new BusyError(`another nightly is running (pid ${cause.holderPid}, lock ${path}); not starting a second`, {
        cause,
      });
    throw new BadInputError(`reports folder ${outDir} is not writable: ${describeError(cause)}`, { cause });
  }
}

/** On PostgreSQL, nightlies on other machines sharing the database are refused too (advisory lock). */
async function withJobLock<T>(handle: DatabaseHandle, fn: () => Promise<T>): Promise<T> {
  if (handle.backend !== 'postgres') return fn(); // the data-dir lock already keeps other processes out
  return handle.db.connection().execute(async (conn) => {
    const { rows } = await sql<{
      ok: boolean;
    }>`select pg_try_advisory_lock(hashtext('sourcecheck:nightly')) as ok`.execute(conn);
    if (!rows[0]?.ok) throw new BusyError('another nightly is running against this database; not starting a second');
    try {
      return await fn();
    } finally {
      await sql`select pg_advisory_unlock(hashtext('sourcecheck:nightly'))`.execute(conn);
    }
  });
}

function failureLine(s: NightlySummary): string {
  const parts: string[] = [];
  if (s.brokenSources.length > 0) parts.push(`broken sources: ${s.brokenSources.map((b) => b.sourceId).join(', ')}`);
  const failing = s.digests.filter((d) => d.notVerified > 0).length;
  if (failing > 0) parts.push(`${failing} digest(s) with unverified references`);
  if (s.digestErrors.length > 0) parts.push(`${s.digestErrors.length} digest(s) unreadable`);
  return `nightly ${s.date} failed: ${parts.join('; ')}`;
}
