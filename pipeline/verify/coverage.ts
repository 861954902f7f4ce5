import type { Db } from '../../db/database.js';

/**
 * Whether some source in `sourceIds` has a successful (or partly successful) crawl whose range
 * covers the window: without one, "not found" would be a guess, so the reference is
 * unverifiable instead.
 */
export async function coveringRun(
  db: Db,
  sourceIds: readonly string[],
  window: { from: Date; to: Date },
): Promise<boolean> {
  if (sourceIds.length === 0) return false;
  const row = await db
    .selectFrom('crawl_runs')
    .select('id')
    .where('source_id', 'in', [...sourceIds])
    .where('status', 'in', ['succeeded', 'partial'])
    .where((eb) => eb.or([eb('since', 'is', null), eb('since', '<=', window.to)]))
    .where('started_at', '>=', window.from)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The outlets among `names` that some stored article credits as its 来源 (reposted outlets). */
export async function outletSeen(db: Db, names: readonly string[]): Promise<string[]> {
  if (names.length === 0) return [];
  const rows = await db
    .selectFrom('articles')
    .select('original_outlet')
    .distinct()
    .where('original_outlet', 'in', [...names])
    .execute();
  return rows.map((r) => r.original_outlet!).filter(Boolean);
}
