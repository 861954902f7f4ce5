import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { latestReviews } from '../../db/repositories/review.repository.js';
import type { Example } from './model.js';
import { segment } from './segment.js';

/** The words of a story as the model reads them: the original's title and the start of its text. */
export function storyTokens(title: string, bodyText: string): string[] {
  return segment(`${title} ${bodyText.slice(0, 200)}`);
}

/** A story of the current window, as a possible stand-in for "off the beat". */
export interface PoolStory {
  storyId: string;
  tokens: string[];
}

/**
 * What the desk has taught: relevant = every title cited in a stored digest, the articles those
 * references were verified against, and stories editors accepted or shortlisted; irrelevant =
 * stories editors rejected. When editors have rejected nothing yet, the window's stories that
 * nobody cited or accepted stand in for "off the beat" (the usual positive-unlabelled trick), so
 * the classifier still has two classes on a new desk.
 */
export async function trainingExamples(db: Kysely<Database>, pool: readonly PoolStory[]): Promise<Example[]> {
  const examples: Example[] = [];
  const cited = await db
    .selectFrom('digest_references')
    .select('title')
    .distinct()
    .where('title', 'is not', null)
    .execute();
  for (const r of cited) examples.push({ tokens: segment(r.title!), label: 'relevant' });
  const matched = await db
    .selectFrom('verifications as v')
    .innerJoin('articles as a', 'a.id', 'v.article_id')
    .select(['a.id', 'a.title', 'a.body_text', 'a.story_id'])
    .distinct()
    .where('v.status', '=', 'verified')
    .execute();
  for (const a of matched) examples.push({ tokens: storyTokens(a.title, a.body_text), label: 'relevant' });
  const taught = new Set(matched.map((a) => String(a.story_id)));
  for (const [storyId, review] of await latestReviews(db)) {
    const original = await originalOf(db, storyId);
    if (!original) continue;
    taught.add(storyId);
    const label = review.decision === 'reject' ? 'irrelevant' : 'relevant';
    examples.push({ tokens: storyTokens(original.title, original.body_text), label });
  }
  const hasRelevant = examples.some((e) => e.label === 'relevant');
  if (hasRelevant && !examples.some((e) => e.label === 'irrelevant'))
    for (const s of pool) if (!taught.has(s.storyId)) examples.push({ tokens: s.tokens, label: 'irrelevant' });
  return examples.filter((e) => e.tokens.length > 0);
}

async function originalOf(db: Kysely<Database>, storyId: string) {
  return db
    .selectFrom('stories as s')
    .innerJoin('articles as a', (join) => join.onRef('a.story_id', '=', 's.id'))
    .select(['a.title', 'a.body_text'])
    .where('s.id', '=', storyId)
    .orderBy((eb) => eb.case().when('a.id', '=', eb.ref('s.original_article_id')).then(0).else(1).end())
    .orderBy('a.id')
    .executeTakeFirst();
}
