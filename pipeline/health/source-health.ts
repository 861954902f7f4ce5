import { DateTime } from 'luxon';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { recentRuns } from '../../db/repositories/crawl-run.repository.js';
import type { CrawlRunRow } from '../../db/tables/crawl-run.table.js';
import type { SourceDefinition } from '../../crawlers/sources/schema.js';
import { SHANGHAI } from '../dates/candidates.js';
import type { HealthFlag, LastRun, SourceHealth } from './types.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** Flags that mean the source is broken (the nightly fails); `stale` only warns. */
export const BROKEN_FLAGS: readonly HealthFlag[] = ['failed', 'layout-changed'];

/**
 * The health of every source as of `now` (Media Cloud's feed-health check): its last finished
 * crawl, new items per Beijing day over a week, the last run's errors, and flags —
 * `never-crawled`, `failed` (the last run failed or was killed), `layout-changed` (selectors
 * stopped matching), `stale` (the newest item was published longer ago than the source's
 * expected cadence).
 */
export async function sourceHealth(
  db: Kysely<Database>,
  sources: readonly SourceDefinition[],
  now: Date,
): Promise<SourceHealth[]> {
  const newest = await newestPublished(db, now);
  const perDay = await newPerDay(db, now);
  const firstSeen = await lastFirstSeen(db);
  const out: SourceHealth[] = [];
  for (const source of sources) {
    const [run] = (await recentRuns(db, source.id, 5)).filter((r) => r.status !== 'running');
    const health: SourceHealth = {
      sourceId: source.id,
      name: source.name,
      expectedCadenceHours: source.expectedCadenceHours,
      lastRun: run ? lastRunOf(run) : null,
      lastNewItemAt: firstSeen.get(source.id)?.toISOString() ?? null,
      newPerDay: perDay(source.id),
      errors: run?.errors ?? [],
      flags: [],
      alerts: [],
      healthy: true,
    };
    judge(health, run, newest.get(source.id), now);
    out.push(health);
  }
  return out;
}

/** Whether a source's flags mean it is broken (not merely quiet). */
export function isBroken(health: Pick<SourceHealth, 'flags'>): boolean {
  return health.flags.some((f) => BROKEN_FLAGS.includes(f));
}

function judge(health: SourceHealth, run: CrawlRunRow | undefined, newest: Date | undefined, now: Date): void {
  const flag = (f: HealthFlag, alert: string) => (health.flags.push(f), health.alerts.push(alert));
  if (!run) flag('never-crawled', `${health.sourceId}: never crawled (run \`sourcecheck crawl\`)`);
  if (run && (run.status === 'failed' || run.status === 'aborted')) {
    const first = run.errors[0];
    const why = first ? `: ${first.kind} ${first.url} (${first.message.slice(0, 160)})` : '';
    flag('failed', `${health.sourceId}: last crawl ${run.status}${why}`);
  }
  for (const e of run?.errors.filter((e) => e.kind === 'layout changed?') ?? [])
    flag('layout-changed', `${health.sourceId}: layout changed? ${e.url} — ${e.message}`);
  // A failed source is already flagged; staleness is the quiet failure of a source that still answers.
  if (run && !health.flags.includes('failed')) {
    const age = newest ? now.getTime() - newest.getTime() : Infinity;
    if (age > health.expectedCadenceHours * HOUR)
      flag(
        'stale',
        newest
          ? `${health.sourceId}: nothing new for ${Math.round(age / HOUR)} h (expected every ${health.expectedCadenceHours} h); newest item ${newest.toISOString()}`
          : `${health.sourceId}: no items stored (expected every ${health.expectedCadenceHours} h)`,
      );
  }
  health.healthy = health.flags.length === 0;
}

function lastRunOf(run: CrawlRunRow): LastRun {
  const n = (k: string) => Number(run.stats[k] ?? 0);
  return {
    id: String(run.id),
    status: run.status,
    startedAt: run.started_at.toISOString(),
    finishedAt: run.finished_at?.toISOString() ?? null,
    pages: n('pages'),
    articles: n('articles'),
    new: n('new'),
    errors: run.errors.length,
  };
}

/** The newest publication time per source, ignoring dates after `now` (a replay's "now" may be the past). */
async function newestPublished(db: Kysely<Database>, now: Date): Promise<Map<string, Date>> {
  const rows = await db
    .selectFrom('articles')
    .select(['source_id', (eb) => eb.fn.max('published_at').as('newest')])
    .where('published_at', '<=', now)
    .groupBy('source_id')
    .execute();
  return new Map(rows.filter((r) => r.newest).map((r) => [r.source_id, new Date(r.newest as Date)]));
}

async function lastFirstSeen(db: Kysely<Database>): Promise<Map<string, Date>> {
  const rows = await db
    .selectFrom('articles')
    .select(['source_id', (eb) => eb.fn.max('first_seen_at').as('seen')])
    .groupBy('source_id')
    .execute();
  return new Map(rows.map((r) => [r.source_id, new Date(r.seen as Date)]));
}

/** Counts of articles first seen per Beijing day over the 7 days up to the later of `now` and today. */
async function newPerDay(db: Kysely<Database>, now: Date): Promise<(sourceId: string) => SourceHealth['newPerDay']> {
  const end = DateTime.fromMillis(Math.max(now.getTime(), Date.now()), { zone: SHANGHAI }).startOf('day');
  const days = Array.from({ length: 7 }, (_, i) => end.minus({ days: 6 - i }).toISODate()!);
  const rows = await db
    .selectFrom('articles')
    .select(['source_id', 'first_seen_at'])
    .where('first_seen_at', '>=', new Date(end.toMillis() - 6 * DAY))
    .execute();
  const counts = new Map<string, number>();
  for (const r of rows) {
    const key = `${r.source_id} ${DateTime.fromJSDate(r.first_seen_at, { zone: SHANGHAI }).toISODate()}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return (sourceId) => days.map((date) => ({ date, count: counts.get(`${sourceId} ${date}`) ?? 0 }));
}
