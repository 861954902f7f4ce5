import type { ColumnType, Insertable, Selectable, Updateable } from 'kysely';

/** `sources`: one row per source in the registry (`crawlers/sources/`), synced at start. */
export interface SourceTable {
  id: string;
  name: string;
  aliases: string[];
  hosts: string[];
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}
export type SourceRow = Selectable<SourceTable>;
export type NewSourceRow = Insertable<SourceTable>;
export type SourceUpdate = Updateable<SourceTable>;
