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

/**
 * The outlets among `names` that some stored article credits as its 来源 (reposted outlets) or
 * names as its issuer (a ministry page reposting a 国务院 document).
 */
export async function outletSeen(db: Db, names: readonly string[]): Promise<string[]> {
  if (names.length === 0) return [];
  const credited = db.selectFrom('articles').select('original_outlet as name').distinct();
  const issued = db.selectFrom('articles').select('issuer as name').distinct();
  const rows = await Promise.all([
    credited.where('original_outlet', 'in', [...names]).execute(),
    issued.where('issuer', 'in', [...names]).execute(),
  ]);
  const seen = rows.flat().map((r) => r.name);
  return [...new Set(seen.filter((n): n is string => Boolean(n)))];
}
