import type { ColumnType, Generated, Insertable, JSONColumnType, Selectable } from 'kysely';

/** `pages`: the raw archive. Every response is kept so history can be re-parsed offline. */
export interface PageTable {
  id: Generated<string>;
  run_id: string | null;
  source_id: string;
  label: string | null;
  requested_url: string;
  final_url: string | null;
  status: number | null;
  headers: JSONColumnType<Record<string, string>>;
  body: Uint8Array | null;
  sha256: string | null;
  error: string | null;
  fetched_at: ColumnType<Date, Date | undefined, never>;
  user_data: JSONColumnType<Record<string, unknown>>;
  method: ColumnType<string, string | undefined, never>;
}
export type PageRow = Selectable<PageTable>;
export type NewPageRow = Insertable<PageTable>;
