import { sql } from 'kysely';
import type { Db } from '../database.js';
import type { NewSourceRow, SourceRow } from '../tables/source.table.js';

/** Insert or refresh the registry's sources (names, aliases and hosts follow the code). */
export async function upsertSources(db: Db, sources: readonly NewSourceRow[]): Promise<void> {
  if (sources.length === 0) return;
  await db
    .insertInto('sources')
    .values(sources.map((s) => ({ id: s.id, name: s.name, aliases: s.aliases, hosts: s.hosts })))
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({
        name: (eb) => eb.ref('excluded.name'),
        aliases: (eb) => eb.ref('excluded.aliases'),
        hosts: (eb) => eb.ref('excluded.hosts'),
        updated_at: sql<Date>`now()`,
      }),
    )
    .execute();
}

/** Every stored source, by id. */
export async function listSources(db: Db): Promise<SourceRow[]> {
  return db.selectFrom('sources').selectAll().orderBy('id').execute();
}
