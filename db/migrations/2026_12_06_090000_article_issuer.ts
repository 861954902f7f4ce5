import { sql, type Kysely } from 'kysely';

// Frozen in time: typed Kysely<any> on purpose (see the initial migration).
/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Issue #12: the issuing body (发文机关 / 发布机关 / the sign-off) gets its own column beside
 * `original_outlet` (the 来源 the page credits). Stored rows get it by re-parsing their archived
 * pages, which a migration cannot do (parsers change, migrations do not): it files a request in
 * `reprocess_requests`, and the next command that migrates runs `reprocess` and marks it done.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('articles').addColumn('issuer', 'text').execute();
  await db.schema
    .createTable('reprocess_requests')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('done_at', 'timestamptz')
    .execute();
  await db
    .insertInto('reprocess_requests')
    .values({
      name: '2026_12_06_090000_article_issuer',
      reason: 'fill articles.issuer and re-read original_outlet as the 来源 line from the archived pages',
    })
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('reprocess_requests').execute();
  await db.schema.alterTable('articles').dropColumn('issuer').execute();
}
