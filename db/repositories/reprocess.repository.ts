import type { Db } from '../database.js';
import type { ReprocessRequestRow } from '../tables/reprocess-request.table.js';

/** Requests to re-parse the archive that no `reprocess` has answered yet, oldest first. */
export async function pendingReprocess(db: Db): Promise<ReprocessRequestRow[]> {
  return db.selectFrom('reprocess_requests').selectAll().where('done_at', 'is', null).orderBy('name').execute();
}

/** Mark requests answered by a full reprocess that finished at `at`. */
export async function markReprocessDone(db: Db, names: readonly string[], at = new Date()): Promise<void> {
  if (names.length === 0) return;
  await db.updateTable('reprocess_requests').set({ done_at: at }).where('name', 'in', [...names]).execute();
}
