import { sql, type Kysely } from 'kysely';

// Frozen in time: typed Kysely<any> on purpose (see the initial migration).
/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Keep what a parser needs besides the body to re-parse a stored page with no network: the
 * request's data (list date and title shown for an article, page number) and its method.
 * Also a lookup of the newest stored copy of a URL, which `reprocess` walks.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('pages')
    .addColumn('user_data', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('method', 'text', (c) => c.notNull().defaultTo('GET'))
    .execute();
  await db.schema
    .createIndex('pages_source_label_index')
    .on('pages')
    .columns(['source_id', 'label', 'fetched_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('pages_source_label_index').execute();
  await db.schema.alterTable('pages').dropColumn('method').dropColumn('user_data').execute();
}
