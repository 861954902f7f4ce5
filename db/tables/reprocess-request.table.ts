import type { ColumnType, Selectable } from 'kysely';

/**
 * `reprocess_requests`: a migration's request to re-parse the archive (a new column that only
 * the parsers can fill). Pending while `done_at` is null; `reprocess` marks it done.
 */
export interface ReprocessRequestTable {
  /** The migration that filed it. */
  name: string;
  reason: string;
  requested_at: ColumnType<Date, Date | undefined, never>;
  done_at: Date | null;
}
export type ReprocessRequestRow = Selectable<ReprocessRequestTable>;
