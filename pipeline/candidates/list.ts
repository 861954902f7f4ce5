import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { latestReviews } from '../../db/repositories/review.repository.js';
import type { ArticleRow } from '../../db/tables/article.table.js';
import type { ReviewRow } from '../../db/tables/review.table.js';
import type { StoryRow } from '../../db/tables/story.table.js';
import { findSource } from '../../crawlers/sources/index.js';
import { beijingIso } from '../article-export.js';
import { DateTime } from 'luxon';
import { SHANGHAI, shanghaiDay } from '../dates/candidates.js';
import { RelevanceModel, type Scored } from './model.js';
import { outletOf, referenceLine } from './reference-line.js';
import { topicsOf } from './topics.js';
import { storyTokens, trainingExamples } from './training.js';
import type { Candidate, CandidateFilter, CandidateList } from './types.js';

const DAY = 86_400_000;

/**
 * The default window start: the start (Beijing time) of the newest digest's issue date — the
 * desk has seen everything before it — else when the newest digest was stored, else 24 hours
 * before `now`. Digests issued after `now` (a replay's clock) are ignored.
 */
export async function defaultSince(db: Kysely<Database>, now: Date): Promise<Date> {
  const today = DateTime.fromJSDate(now, { zone: SHANGHAI }).toISODate()!;
  const issued = await db
    .selectFrom('digests')
    .select((eb) => eb.fn.max('issue_date').as('last'))
    .where('issue_date', '<=', sql<Date>`${today}::date`)
    .executeTakeFirst();
  if (issued?.last) {
    const day = DateTime.fromJSDate(new Date(issued.last as Date), { zone: 'UTC' }).toISODate()!;
    return DateTime.fromISO(day, { zone: SHANGHAI }).toJSDate();
  }
  const stored = await db
    .selectFrom('digests')
    .select((eb) => eb.fn.max('created_at').as('last'))
    .where('created_at', '<=', now)
    .executeTakeFirst();
  return stored?.last ? new Date(stored.last as Date) : new Date(now.getTime() - DAY);
}

/**
 * Stories first seen in the window, one row per story with every copy folded in, ranked by the
 * desk's relevance model (trained afresh on every call, so today's decisions count tomorrow),
 * then newest first. Filters narrow the rows after scoring, so a score never depends on them.
 */
export async function listCandidates(db: Kysely<Database>, filter: CandidateFilter): Promise<CandidateList> {
  const stories = await storiesInWindow(db, filter);
  const articles = await articlesOf(
    db,
    stories.map((s) => String(s.id)),
  );
  const reviews = await latestReviews(
    db,
    stories.map((s) => String(s.id)),
  );
  const rows = stories.flatMap((story) => {
    const copies = articles.get(String(story.id)) ?? [];
    const original = copies.find((a) => a.id === story.original_article_id) ?? copies[0];
    return original ? [{ story, copies, original }] : [];
  });
  const model = RelevanceModel.train(await trainingExamples(db));
  const candidates = rows
    .map((r) => {
      const scored = model.score(storyTokens(r.original.title, r.original.body_text));
      return { scored, c: toCandidate(r.story, r.original, r.copies, reviews.get(String(r.story.id)), scored) };
    })
    .filter(({ c }) => keep(c, filter))
    .sort(
      (a, b) =>
        descending(a.scored.logOdds, b.scored.logOdds) ||
        (b.c.publishedAt ?? '').localeCompare(a.c.publishedAt ?? '') ||
        Number(b.c.storyId) - Number(a.c.storyId),
    )
    .slice(0, filter.limit ?? 50)
    .map(({ c }) => c);
  const empty = (await db.selectFrom('articles').select('id').limit(1).executeTakeFirst()) === undefined;
  return {
    since: filter.since.toISOString(),
    generatedAt: new Date().toISOString(),
    model: model.summary,
    candidates,
    ...(empty ? { emptyReason: 'no-articles' as const } : {}),
  };
}

async function storiesInWindow(db: Kysely<Database>, filter: CandidateFilter): Promise<StoryRow[]> {
  let query = db.selectFrom('stories').selectAll().where('created_at', '>=', filter.since);
  if (filter.until) query = query.where('created_at', '<=', filter.until);
  return query.orderBy('id').execute();
}

async function articlesOf(db: Kysely<Database>, storyIds: string[]): Promise<Map<string, ArticleRow[]>> {
  const byStory = new Map<string, ArticleRow[]>();
  if (storyIds.length === 0) return byStory;
  const rows = await db.selectFrom('articles').selectAll().where('story_id', 'in', storyIds).orderBy('id').execute();
  for (const a of rows) byStory.set(String(a.story_id), [...(byStory.get(String(a.story_id)) ?? []), a]);
  return byStory;
}

function toCandidate(
  story: StoryRow,
  original: ArticleRow,
  copies: ArticleRow[],
  review: ReviewRow | undefined,
  { score, topTerms }: Scored,
): Candidate {
  const published = original.published_at ? beijingIso(original.published_at) : null;
  return {
    storyId: String(story.id),
    title: original.title,
    outlet: outletOf(original),
    sourceId: original.source_id,
    publishedAt: published,
    publishedDate: published ? shanghaiDay(published) : null,
    firstSeenAt: story.created_at.toISOString(),
    snippet: snippetOf(original.body_text),
    links: copies.map((a) => ({
      source: a.source_id,
      sourceName: findSource(a.source_id)?.name ?? a.source_id,
      url: a.canonical_url,
      title: a.title,
      publishedAt: a.published_at ? beijingIso(a.published_at) : null,
      original: a.id === original.id,
    })),
    topics: topicsOf(`${original.title} ${original.body_text.slice(0, 500)}`),
    score,
    topTerms,
    review: review
      ? { decision: review.decision, reviewer: review.reviewer, note: review.note, at: review.created_at.toISOString() }
      : null,
    referenceLine: referenceLine(original),
  };
}

/** Higher first; safe for ±Infinity (the keyword rule's log-odds of a story with no keyword). */
function descending(a: number, b: number): number {
  return a === b ? 0 : a < b ? 1 : -1;
}

function keep(c: Candidate, filter: CandidateFilter): boolean {
  if (filter.sourceIds?.length && !c.links.some((l) => filter.sourceIds!.includes(l.source))) return false;
  if (filter.topic && !c.topics.includes(filter.topic)) return false;
  if (filter.decision === 'none') return c.review === null;
  if (filter.decision) return c.review?.decision === filter.decision;
  return true;
}

/** The first ~120 characters of a text, on one line, cut at a character boundary. */
export function snippetOf(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  return chars.length <= max ? flat : `${chars.slice(0, max).join('')}…`;
}
