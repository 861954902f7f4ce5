import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { latestReviews } from '../../db/repositories/review.repository.js';
import type { Example } from './model.js';
import { segment } from './segment.js';

/** How much of a story's text the model reads beyond its title (the lede says what it is about). */
const BODY_CHARS = 200;
/** Below this many rejections, unlabelled stories stand in for "off the beat". */
export const FEW_REJECTIONS = 5;
/** Bounds of that stand-in sample: enough to give the class weight, few enough to stay fast. */
const MIN_UNLABELLED = 20;
const MAX_UNLABELLED = 200;
/**
 * Newest examples of each kind (cited titles, verified articles, decisions) the model learns
 * from: natural's classifier checks every word of its vocabulary per document, so training time
 * grows with examples × vocabulary; a thousand of each is years of a daily desk's recent taste.
 */
const MAX_TAUGHT = 1000;
/** Story ids per `in (…)` list, far below PostgreSQL's 65,535 parameters. */
const CHUNK = 500;

/** The words of a story as the model reads them: the original's title and the start of its text. */
export function storyTokens(title: string, bodyText: string): string[] {
  return segment(`${title} ${bodyText.slice(0, BODY_CHARS)}`);
}

/**
 * What the desk has taught: relevant = every title cited in a stored digest, the articles those
 * references were verified against, and stories editors accepted or shortlisted; irrelevant =
 * stories editors rejected. While editors have rejected fewer than {@link FEW_REJECTIONS}
 * stories, a deterministic sample of stories nobody cited or decided on stands in for "off the
 * beat" (the usual positive-unlabelled trick), so the classifier has two classes on a new desk.
 */
export async function trainingExamples(db: Kysely<Database>): Promise<Example[]> {
  const examples: Example[] = [];
  const push = (title: string, body: string, label: Example['label']) =>
    examples.push({ tokens: storyTokens(title, body), label });
  for (const title of await citedTitles(db)) push(title, '', 'relevant');
  for (const a of await verifiedArticles(db)) push(a.title, a.body, 'relevant');
  const reviews = new Map(
    [...(await latestReviews(db))].sort(([, a], [, b]) => Number(b.id) - Number(a.id)).slice(0, MAX_TAUGHT),
  );
  const originals = await originalsOf(db, [...reviews.keys()]);
  for (const [storyId, review] of reviews) {
    const o = originals.get(storyId);
    if (o) push(o.title, o.body, review.decision === 'reject' ? 'irrelevant' : 'relevant');
  }
  const relevant = examples.filter((e) => e.label === 'relevant').length;
  const rejected = examples.length - relevant;
  if (relevant > 0 && rejected < FEW_REJECTIONS) {
    const size = Math.min(MAX_UNLABELLED, Math.max(MIN_UNLABELLED, 2 * relevant));
    for (const o of (await originalsOf(db, await unlabelledSample(db, size))).values())
      push(o.title, o.body, 'irrelevant');
  }
  return examples.filter((e) => e.tokens.length > 0);
}

async function citedTitles(db: Kysely<Database>): Promise<string[]> {
  const rows = await db
    .selectFrom('digest_references')
    .select(['title', (eb) => eb.fn.max('id').as('newest')])
    .where('title', 'is not', null)
    .groupBy('title')
    .orderBy('newest', 'desc')
    .limit(MAX_TAUGHT)
    .execute();
  return rows.map((r) => r.title!);
}

/** The articles references were verified against: the desk's choice of text, not just a title. */
async function verifiedArticles(db: Kysely<Database>): Promise<{ title: string; body: string }[]> {
  return db
    .selectFrom('verifications as v')
    .innerJoin('articles as a', 'a.id', 'v.article_id')
    .select(['a.id', 'a.title', sql<string>`left(a.body_text, ${sql.lit(BODY_CHARS)})`.as('body')])
    .distinct()
    .where('v.status', '=', 'verified')
    .orderBy('a.id', 'desc')
    .limit(MAX_TAUGHT)
    .execute();
}

/**
 * Up to `size` stories no digest cited (no verification points into them, whatever its status)
 * and no editor decided on. Ordered by a hash of the id: the same database gives the same
 * sample on every run, spread over the whole archive rather than only its newest days.
 */
async function unlabelledSample(db: Kysely<Database>, size: number): Promise<string[]> {
  const rows = await db
    .selectFrom('stories as s')
    .select('s.id')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('verifications as v')
            .innerJoin('articles as a', 'a.id', 'v.article_id')
            .select('v.id')
            .whereRef('a.story_id', '=', 's.id'),
        ),
      ),
    )
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('reviews as r').select('r.id').whereRef('r.story_id', '=', 's.id'))),
    )
    .orderBy(sql`md5(s.id::text)`)
    .orderBy('s.id')
    .limit(size)
    .execute();
  return rows.map((r) => String(r.id));
}

/** Each story's original copy (else its first stored copy): title and the start of its text. */
async function originalsOf(
  db: Kysely<Database>,
  storyIds: readonly string[],
): Promise<Map<string, { title: string; body: string }>> {
  const out = new Map<string, { title: string; body: string }>();
  for (let i = 0; i < storyIds.length; i += CHUNK) {
    const rows = await db
      .selectFrom('articles as a')
      .innerJoin('stories as s', 's.id', 'a.story_id')
      .select([
        'a.id',
        'a.story_id',
        's.original_article_id',
        'a.title',
        sql<string>`left(a.body_text, ${sql.lit(BODY_CHARS)})`.as('body'),
      ])
      .where('a.story_id', 'in', storyIds.slice(i, i + CHUNK))
      .orderBy('a.id')
      .execute();
    for (const r of rows) {
      const key = String(r.story_id);
      const isOriginal = r.original_article_id !== null && String(r.original_article_id) === String(r.id);
      if (isOriginal || !out.has(key)) out.set(key, { title: r.title, body: r.body });
    }
  }
  return out;
}
