import { sql } from 'kysely';
import type { Db } from '../database.js';
import type { ArticleRow } from '../tables/article.table.js';
import type { StoryRow } from '../tables/story.table.js';

/** Articles not yet in a story (new since the last clustering). */
export async function articlesWithoutStory(db: Db): Promise<ArticleRow[]> {
  return db.selectFrom('articles').selectAll().where('story_id', 'is', null).orderBy('id').execute();
}

/**
 * Articles already in stories whose publication (or first-seen) time falls in [from, to]:
 * the only ones a new article can join, so a nightly run never reclusters the world.
 */
export async function storyArticlesBetween(db: Db, from: Date, to: Date): Promise<ArticleRow[]> {
  return db
    .selectFrom('articles')
    .selectAll()
    .where('story_id', 'is not', null)
    .where(sql<Date>`coalesce(published_at, first_seen_at)`, '>=', from)
    .where(sql<Date>`coalesce(published_at, first_seen_at)`, '<=', to)
    .orderBy('id')
    .execute();
}

/** Create a story; returns its id. */
export async function insertStory(db: Db, title: string, originalArticleId: string | null): Promise<string> {
  const row = await db
    .insertInto('stories')
    .values({ title, original_article_id: originalArticleId })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Put articles into a story. */
export async function assignArticles(db: Db, storyId: string, articleIds: readonly string[]): Promise<void> {
  if (articleIds.length === 0) return;
  await db
    .updateTable('articles')
    .set({ story_id: storyId })
    .where('id', 'in', [...articleIds])
    .execute();
}

/** Set a story's original and title. */
export async function updateStory(
  db: Db,
  storyId: string,
  originalArticleId: string | null,
  title: string,
): Promise<void> {
  await db
    .updateTable('stories')
    .set({ original_article_id: originalArticleId, title, updated_at: sql<Date>`now()` })
    .where('id', '=', storyId)
    .execute();
}

/** Remove stories that no article belongs to any more (after two stories merged). */
export async function deleteEmptyStories(db: Db, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .deleteFrom('stories')
    .where('id', 'in', [...ids])
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('articles').select('id').whereRef('articles.story_id', '=', 'stories.id'))),
    )
    .execute();
}

/** A story with every copy, for `sourcecheck stories`. */
export interface StoryWithArticles {
  story: StoryRow;
  articles: ArticleRow[];
}

/** Stories with an article published (or first seen) since `since`, newest first. */
export async function listStories(db: Db, since: Date): Promise<StoryWithArticles[]> {
  const articles = await db
    .selectFrom('articles')
    .selectAll()
    .where('story_id', 'in', (eb) =>
      eb
        .selectFrom('articles')
        .select('story_id')
        .where(sql<Date>`coalesce(published_at, first_seen_at)`, '>=', since),
    )
    .orderBy(sql`published_at asc nulls last`)
    .execute();
  const ids = [...new Set(articles.map((a) => a.story_id!))];
  if (ids.length === 0) return [];
  const stories = await db.selectFrom('stories').selectAll().where('id', 'in', ids).execute();
  return stories
    .map((story) => ({ story, articles: articles.filter((a) => a.story_id === story.id) }))
    .sort((x, y) => latest(y.articles) - latest(x.articles));
}

function latest(articles: ArticleRow[]): number {
  return Math.max(...articles.map((a) => (a.published_at ?? a.first_seen_at).getTime()));
}
