import { sql } from 'kysely';
import type { Db } from '../database.js';
import type { CrawlError, CrawlRunRow, CrawlRunStatus } from '../tables/crawl-run.table.js';

/** Open a run for a source; returns its id. */
export async function startCrawlRun(
  db: Db,
  sourceId: string,
  since: Date,
  options: Record<string, unknown>,
): Promise<string> {
  const row = await db
    .insertInto('crawl_runs')
    .values({
      source_id: sourceId,
      status: 'running',
      since,
      options: JSON.stringify(options),
      stats: '{}',
      errors: '[]',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Close a run with its final status, statistics and per-URL errors. */
export async function finishCrawlRun(
  db: Db,
  id: string,
  status: CrawlRunStatus,
  stats: Record<string, number>,
  errors: CrawlError[],
): Promise<void> {
  await db
    .updateTable('crawl_runs')
    .set({ status, stats: JSON.stringify(stats), errors: JSON.stringify(errors), finished_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute();
}

/**
 * Mark runs of a source still `running` as `aborted`: their process died (SIGKILL, power
 * loss) before it could close them. Called while holding the source's crawl lock, so no live
 * run is touched.
 */
export async function abortStaleRuns(db: Db, sourceId: string): Promise<number> {
  const result = await db
    .updateTable('crawl_runs')
    .set({ status: 'aborted', finished_at: sql<Date>`now()` })
    .where('source_id', '=', sourceId)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** When the last successful (or partly successful) run of a source started, if any. */
export async function lastSuccessfulRunStart(db: Db, sourceId: string): Promise<Date | undefined> {
  const row = await db
    .selectFrom('crawl_runs')
    .select('started_at')
    .where('source_id', '=', sourceId)
    .where('status', 'in', ['succeeded', 'partial'])
    .orderBy('started_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.started_at;
}

/** The most recent runs, newest first (for `sources` health and reports). */
export async function recentRuns(db: Db, sourceId: string, limit = 10): Promise<CrawlRunRow[]> {
  return db
    .selectFrom('crawl_runs')
    .selectAll()
    .where('source_id', '=', sourceId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
