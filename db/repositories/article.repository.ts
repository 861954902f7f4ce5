import { createHash } from 'node:crypto';
import { sql, type InsertObject, type UpdateObject } from 'kysely';
import type { Database, Db } from '../database.js';
import type { ArticleRow, Attachment, DatePrecision } from '../tables/article.table.js';

/** An article ready to store: extracted fields plus the chosen date and its evidence. */
export interface ArticleInput {
  sourceId: string;
  nativeId: string;
  url: string;
  aliasUrls: readonly string[];
  title: string;
  publishedAt: string | null;
  datePrecision: DatePrecision | null;
  dateEvidence: Record<string, unknown>;
  originalOutlet: string | null;
  issuer: string | null;
  docNumber: string | null;
  bodyText: string;
  language: string | null;
  attachments: readonly Attachment[];
  pageId: string | null;
}

/** What an upsert did. */
export type UpsertOutcome = 'new' | 'updated' | 'unchanged';

/** SHA-256 of the body with whitespace removed: the exact-duplicate key for bodies. */
export function contentHash(bodyText: string): string | null {
  const normal = bodyText.replace(/[\s\u3000]+/g, '');
  return normal === '' ? null : createHash('sha256').update(normal).digest('hex');
}

/**
 * Insert or update the article with this (source, native id), in one transaction so a crash
 * leaves either the old row or the new one. Another URL of the same document (the same NDA id
 * under two columns) becomes an alias; `first_seen_at` never moves; an unchanged page only
 * refreshes `last_seen_at`.
 */
export async function upsertArticle(db: Db, input: ArticleInput): Promise<{ id: string; outcome: UpsertOutcome }> {
  const run = async (trx: Db) => {
    const existing = await trx
      .selectFrom('articles')
      .selectAll()
      .where('source_id', '=', input.sourceId)
      .where('native_id', '=', input.nativeId)
      .forUpdate()
      .executeTakeFirst();
    if (!existing) return insertNew(trx, input);
    const merged = mergeArticle(existing, input);
    await trx.updateTable('articles').set(merged.set).where('id', '=', existing.id).execute();
    return { id: existing.id, outcome: merged.outcome };
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

async function insertNew(db: Db, input: ArticleInput): Promise<{ id: string; outcome: UpsertOutcome }> {
  const row = await db
    .insertInto('articles')
    .values(newRow(input))
    // A concurrent crawl that inserted first wins; the caller's next run updates it.
    .onConflict((oc) => oc.columns(['source_id', 'native_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (row) return { id: row.id, outcome: 'new' };
  const winner = await db
    .selectFrom('articles')
    .select('id')
    .where('source_id', '=', input.sourceId)
    .where('native_id', '=', input.nativeId)
    .executeTakeFirstOrThrow();
  return { id: winner.id, outcome: 'unchanged' };
}

/** The stored fields an upsert compares and merges. */
export type ArticleState = Pick<
  ArticleRow,
  | 'canonical_url'
  | 'alias_urls'
  | 'title'
  | 'body_text'
  | 'published_at'
  | 'original_outlet'
  | 'issuer'
  | 'doc_number'
>;

/** What merging one fetched copy into a stored row does: the columns to set and the outcome. */
export interface Merged {
  set: UpdateObject<Database, 'articles'>;
  state: ArticleState;
  outcome: UpsertOutcome;
  /** Whether the content (not only the aliases) changed. */
  changed: boolean;
}

/**
 * Merge a fetched copy into the stored row (pure): a new URL becomes an alias, changed content
 * replaces the columns and moves `updated_at`, an unchanged page only refreshes `last_seen_at`.
 * Shared by the single upsert and the crawl's batched writer so both decide alike.
 */
export function mergeArticle(existing: ArticleState, input: ArticleInput): Merged {
  const aliases = [...new Set([...existing.alias_urls, input.url, ...input.aliasUrls])].filter(
    (u) => u !== existing.canonical_url,
  );
  const changed =
    existing.title !== input.title ||
    existing.body_text !== input.bodyText ||
    (existing.published_at?.toISOString() ?? null) !==
      (input.publishedAt ? new Date(input.publishedAt).toISOString() : null) ||
    existing.original_outlet !== input.originalOutlet ||
    existing.issuer !== input.issuer ||
    existing.doc_number !== input.docNumber;
  const aliasesChanged = aliases.length !== existing.alias_urls.length;
  const set: UpdateObject<Database, 'articles'> = changed
    ? { ...columns(input), alias_urls: aliases, updated_at: sql<Date>`now()` }
    : { alias_urls: aliases, last_seen_at: sql<Date>`now()` };
  const state: ArticleState = changed
    ? { ...stateOf(input), canonical_url: existing.canonical_url, alias_urls: aliases }
    : { ...existing, alias_urls: aliases };
  return { set, state, changed, outcome: changed || aliasesChanged ? 'updated' : 'unchanged' };
}

/** The row a first sighting inserts. */
export function newRow(input: ArticleInput): InsertObject<Database, 'articles'> {
  return { ...columns(input), source_id: input.sourceId, native_id: input.nativeId, canonical_url: input.url };
}

/** The comparable state of a row that {@link newRow} would insert. */
export function stateOf(input: ArticleInput): ArticleState {
  return {
    canonical_url: input.url,
    alias_urls: input.aliasUrls.filter((u) => u !== input.url),
    title: input.title,
    body_text: input.bodyText,
    published_at: input.publishedAt ? new Date(input.publishedAt) : null,
    original_outlet: input.originalOutlet,
    issuer: input.issuer,
    doc_number: input.docNumber,
  };
}

/** The columns a fetched copy sets (all but the key and the canonical URL). */
export function columns(input: ArticleInput) {
  return {
    alias_urls: input.aliasUrls.filter((u) => u !== input.url),
    title: input.title,
    published_at: input.publishedAt ? new Date(input.publishedAt) : null,
    date_precision: input.datePrecision,
    date_evidence: JSON.stringify(input.dateEvidence),
    original_outlet: input.originalOutlet,
    issuer: input.issuer,
    doc_number: input.docNumber,
    body_text: input.bodyText,
    language: input.language,
    attachments: JSON.stringify(input.attachments),
    content_hash: contentHash(input.bodyText),
    page_id: input.pageId,
    last_seen_at: sql<Date>`now()`,
  };
}

/** Filters for {@link listArticles}. */
export interface ArticleFilter {
  sourceIds?: readonly string[];
  since?: Date;
}

/** Stored articles, newest publication first (undated last), for export. */
export async function listArticles(db: Db, filter: ArticleFilter = {}): Promise<ArticleRow[]> {
  let query = db.selectFrom('articles').selectAll();
  if (filter.sourceIds?.length) query = query.where('source_id', 'in', [...filter.sourceIds]);
  if (filter.since)
    query = query.where((eb) => eb.or([eb('published_at', '>=', filter.since!), eb('published_at', 'is', null)]));
  return query
    .orderBy(sql`published_at desc nulls last`)
    .orderBy('id')
    .execute();
}
