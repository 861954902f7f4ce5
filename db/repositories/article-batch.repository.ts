import { sql } from 'kysely';
import type { Db } from '../database.js';
import type { ArticleRow } from '../tables/article.table.js';
import {
  columns,
  mergeArticle,
  newRow,
  stateOf,
  type ArticleInput,
  type ArticleState,
  type UpsertOutcome,
} from './article.repository.js';

/** One key's fold over the batch: the stored row (if any), its merged state and what to write. */
interface Folded {
  existing: ArticleRow | undefined;
  state: ArticleState;
  /** The copy to insert when the key is new (the first URL stays canonical). */
  insert: ArticleInput | undefined;
  /** For a stored row: the latest copy whose content differed, if any. */
  content: ArticleInput | undefined;
  aliasesChanged: boolean;
}

const keyOf = (sourceId: string, nativeId: string) => `${sourceId}\u0000${nativeId}`;

/**
 * Upsert many articles with the same rules as `upsertArticle`, in a few statements instead of
 * three per article: one locking read of the stored rows, one multi-row insert of new keys,
 * one bulk refresh of `last_seen_at`, and an update per changed row. Copies of one key within
 * the batch (an NDA twin under two columns) are folded in order, exactly as sequential upserts
 * would. Call it inside a transaction. Returns one outcome per input, in input order.
 */
export async function upsertArticles(db: Db, inputs: readonly ArticleInput[]): Promise<UpsertOutcome[]> {
  if (inputs.length === 0) return [];
  const stored = await lockStored(db, inputs);
  const folds = new Map<string, Folded>();
  const outcomes = inputs.map((input) => foldOne(folds, stored, input));
  const inserted = await insertNew(
    db,
    [...folds.values()].flatMap((f) => (f.insert ? [f.insert] : [])),
  );
  for (const [i, input] of inputs.entries()) {
    // Lost the race to a concurrent crawl: that crawl's row stands, as in `upsertArticle`.
    if (outcomes[i] === 'new' && !inserted.has(keyOf(input.sourceId, input.nativeId))) outcomes[i] = 'unchanged';
  }
  await writeUpdates(db, [...folds.values()]);
  return outcomes;
}

async function lockStored(db: Db, inputs: readonly ArticleInput[]): Promise<Map<string, ArticleRow>> {
  const rows = await db
    .selectFrom('articles')
    .selectAll()
    .where((eb) =>
      eb.or(
        [...new Set(inputs.map((i) => i.sourceId))].map((sourceId) =>
          eb.and([
            eb('source_id', '=', sourceId),
            eb('native_id', 'in', [...new Set(inputs.filter((i) => i.sourceId === sourceId).map((i) => i.nativeId))]),
          ]),
        ),
      ),
    )
    .forUpdate()
    .execute();
  return new Map(rows.map((r) => [keyOf(r.source_id, r.native_id), r]));
}

function foldOne(folds: Map<string, Folded>, stored: Map<string, ArticleRow>, input: ArticleInput): UpsertOutcome {
  const key = keyOf(input.sourceId, input.nativeId);
  const row = stored.get(key);
  const fold = folds.get(key);
  if (!fold && !row) {
    folds.set(key, {
      existing: undefined,
      state: stateOf(input),
      insert: input,
      content: undefined,
      aliasesChanged: false,
    });
    return 'new';
  }
  const current = fold ?? { existing: row, state: row!, insert: undefined, content: undefined, aliasesChanged: false };
  const merged = mergeArticle(current.state, input);
  current.state = merged.state;
  const aliasUrls = merged.state.alias_urls;
  if (current.insert) {
    const base = merged.changed ? input : current.insert;
    current.insert = { ...base, url: merged.state.canonical_url, aliasUrls };
  } else {
    if (merged.changed) current.content = input;
    current.aliasesChanged ||= merged.outcome === 'updated' && !merged.changed;
  }
  folds.set(key, current);
  return merged.outcome;
}

async function insertNew(db: Db, inserts: readonly ArticleInput[]): Promise<Set<string>> {
  if (inserts.length === 0) return new Set();
  const rows = await db
    .insertInto('articles')
    .values(inserts.map(newRow))
    .onConflict((oc) => oc.columns(['source_id', 'native_id']).doNothing())
    .returning(['source_id', 'native_id'])
    .execute();
  return new Set(rows.map((r) => keyOf(r.source_id, r.native_id)));
}

async function writeUpdates(db: Db, folds: readonly Folded[]): Promise<void> {
  const touched: string[] = [];
  for (const fold of folds) {
    if (!fold.existing) continue;
    const alias_urls = fold.state.alias_urls;
    if (fold.content) {
      const set = { ...columns(fold.content), alias_urls, updated_at: sql<Date>`now()` };
      await db.updateTable('articles').set(set).where('id', '=', fold.existing.id).execute();
    } else if (fold.aliasesChanged) {
      const set = { alias_urls, last_seen_at: sql<Date>`now()` };
      await db.updateTable('articles').set(set).where('id', '=', fold.existing.id).execute();
    } else touched.push(fold.existing.id);
  }
  if (touched.length > 0)
    await db
      .updateTable('articles')
      .set({ last_seen_at: sql<Date>`now()` })
      .where('id', 'in', touched)
      .execute();
}
