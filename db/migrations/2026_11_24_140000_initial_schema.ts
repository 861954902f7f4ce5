import { sql, type Kysely } from 'kysely';

// Frozen in time: typed Kysely<any> on purpose, never the app's Database type, so later
// changes to the app cannot change what this migration did (kysely's migration guidance).
/* eslint-disable @typescript-eslint/no-explicit-any */

const now = sql`now()`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);

  await db.schema
    .createTable('sources')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('aliases', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('hosts', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();

  await db.schema
    .createTable('crawl_runs')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('source_id', 'text', (c) => c.notNull().references('sources.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('running', 'succeeded', 'partial', 'failed', 'aborted')`),
    )
    .addColumn('since', 'timestamptz')
    .addColumn('options', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('stats', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('errors', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('started_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('finished_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('crawl_runs_source_started_index')
    .on('crawl_runs')
    .columns(['source_id', 'started_at'])
    .execute();

  await db.schema
    .createTable('pages')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('run_id', 'bigint', (c) => c.references('crawl_runs.id').onDelete('set null'))
    .addColumn('source_id', 'text', (c) => c.notNull().references('sources.id').onDelete('cascade'))
    .addColumn('label', 'text')
    .addColumn('requested_url', 'text', (c) => c.notNull())
    .addColumn('final_url', 'text')
    .addColumn('status', 'integer')
    .addColumn('headers', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('body', 'bytea')
    .addColumn('sha256', 'text')
    .addColumn('error', 'text')
    .addColumn('fetched_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('pages_source_url_index').on('pages').columns(['source_id', 'requested_url']).execute();
  await db.schema.createIndex('pages_run_index').on('pages').column('run_id').execute();

  await db.schema
    .createTable('stories')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('original_article_id', 'bigint')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();

  await db.schema
    .createTable('articles')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('source_id', 'text', (c) => c.notNull().references('sources.id').onDelete('cascade'))
    .addColumn('native_id', 'text', (c) => c.notNull())
    .addColumn('canonical_url', 'text', (c) => c.notNull())
    .addColumn('alias_urls', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('published_at', 'timestamptz')
    .addColumn('date_precision', 'text', (c) => c.check(sql`date_precision in ('second', 'minute', 'day', 'month')`))
    .addColumn('date_evidence', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('original_outlet', 'text')
    .addColumn('doc_number', 'text')
    .addColumn('body_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('language', 'text')
    .addColumn('attachments', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('content_hash', 'text')
    .addColumn('page_id', 'bigint', (c) => c.references('pages.id').onDelete('set null'))
    .addColumn('story_id', 'bigint', (c) => c.references('stories.id').onDelete('set null'))
    .addColumn('first_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('articles_source_native_id_unique', ['source_id', 'native_id'])
    .execute();
  await db.schema.createIndex('articles_published_at_index').on('articles').column('published_at').execute();
  await db.schema.createIndex('articles_canonical_url_index').on('articles').column('canonical_url').execute();
  await db.schema.createIndex('articles_content_hash_index').on('articles').column('content_hash').execute();
  await db.schema.createIndex('articles_story_index').on('articles').column('story_id').execute();
  await sql`create index articles_title_trgm_index on articles using gin (title gin_trgm_ops)`.execute(db);
  await db.schema
    .alterTable('stories')
    .addForeignKeyConstraint('stories_original_article_fk', ['original_article_id'], 'articles', ['id'])
    .onDelete('set null')
    .execute();

  await db.schema
    .createTable('digests')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('issue_date', 'date')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('digests_sha256_index').on('digests').column('sha256').execute();

  await db.schema
    .createTable('digest_references')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('digest_id', 'bigint', (c) => c.notNull().references('digests.id').onDelete('cascade'))
    .addColumn('index', 'integer', (c) => c.notNull())
    .addColumn('line', 'integer', (c) => c.notNull())
    .addColumn('outlets', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('title', 'text')
    .addColumn('date_text', 'text')
    .addColumn('purpose', 'text')
    .addColumn('raw', 'text', (c) => c.notNull())
    .addUniqueConstraint('digest_references_digest_index_unique', ['digest_id', 'index'])
    .execute();

  await db.schema
    .createTable('verifications')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('reference_id', 'bigint', (c) => c.notNull().references('digest_references.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('verified', 'date_mismatch', 'title_mismatch', 'outlet_mismatch',
        'ambiguous', 'not_found', 'unverifiable')`),
    )
    .addColumn('article_id', 'bigint', (c) => c.references('articles.id').onDelete('set null'))
    .addColumn('scores', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('reasons', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('runner_up', 'jsonb')
    .addColumn('checked_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('verifications_reference_index').on('verifications').column('reference_id').execute();

  await db.schema
    .createTable('reviews')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('story_id', 'bigint', (c) => c.notNull().references('stories.id').onDelete('cascade'))
    .addColumn('decision', 'text', (c) => c.notNull().check(sql`decision in ('accept', 'reject', 'shortlist')`))
    .addColumn('reviewer', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('reviews_story_index').on('reviews').columns(['story_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  // Children before parents; stories and articles reference each other, so break that first.
  for (const table of ['reviews', 'verifications', 'digest_references', 'digests']) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable('stories').dropConstraint('stories_original_article_fk').execute();
  for (const table of ['articles', 'stories', 'pages', 'crawl_runs', 'sources']) {
    await db.schema.dropTable(table).execute();
  }
}
