import { BadInputError } from '../../core/errors.js';
import type { Db } from '../database.js';
import type { ReviewDecision, ReviewRow } from '../tables/review.table.js';

/** The decisions an editor can take on a story. */
export const DECISIONS: readonly ReviewDecision[] = ['accept', 'reject', 'shortlist'];

/** An editor's decision to store. */
export interface ReviewInput {
  storyId: string;
  decision: ReviewDecision;
  reviewer: string;
  note: string | null;
}

const MAX_NOTE = 2000;
const MAX_REVIEWER = 100;

/**
 * Store an editor's decision on a story (a new row: the history of decisions is kept, the
 * newest counts). Bad input — an unknown story or decision, an empty reviewer, an overlong
 * note — is refused with one clear line before anything is written.
 */
export async function addReview(db: Db, input: ReviewInput): Promise<string> {
  if (!DECISIONS.includes(input.decision))
    throw new BadInputError(`unknown decision "${String(input.decision)}" (expected ${DECISIONS.join(', ')})`);
  const reviewer = input.reviewer.trim();
  if (reviewer === '' || reviewer.length > MAX_REVIEWER)
    throw new BadInputError(`reviewer must be 1–${MAX_REVIEWER} characters`);
  if (input.note !== null && input.note.length > MAX_NOTE)
    throw new BadInputError(`note is longer than ${MAX_NOTE} characters`);
  if (!/^\d{1,18}$/.test(input.storyId)) throw new BadInputError(`story id "${input.storyId}" is not a number`);
  const story = await db.selectFrom('stories').select('id').where('id', '=', input.storyId).executeTakeFirst();
  if (!story) throw new BadInputError(`story ${input.storyId} does not exist`);
  const row = await db
    .insertInto('reviews')
    .values({ story_id: input.storyId, decision: input.decision, reviewer, note: input.note?.trim() || null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return String(row.id);
}

/** The newest review of each story (of `storyIds`, or of every reviewed story). */
export async function latestReviews(db: Db, storyIds?: readonly string[]): Promise<Map<string, ReviewRow>> {
  if (storyIds && storyIds.length === 0) return new Map();
  let query = db.selectFrom('reviews').selectAll().orderBy('id', 'asc');
  if (storyIds) query = query.where('story_id', 'in', [...storyIds]);
  const latest = new Map<string, ReviewRow>();
  for (const row of await query.execute()) latest.set(String(row.story_id), row); // later rows win
  return latest;
}
