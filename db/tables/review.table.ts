import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** An editor's decision on a candidate story. */
export type ReviewDecision = 'accept' | 'reject' | 'shortlist';

/** `reviews`: editors' decisions on stories; the newest row per story is the current one. */
export interface ReviewTable {
  id: Generated<string>;
  story_id: string;
  decision: ReviewDecision;
  reviewer: string;
  note: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
}
export type ReviewRow = Selectable<ReviewTable>;
export type NewReviewRow = Insertable<ReviewTable>;
