import type { ColumnType, Generated, Insertable, JSONColumnType, Selectable } from 'kysely';

/** The closed set of verification outcomes for a digest reference. */
export type VerificationStatus =
  'verified' | 'date_mismatch' | 'title_mismatch' | 'outlet_mismatch' | 'ambiguous' | 'not_found' | 'unverifiable';

/** `digests`: one checked digest file (by path and content hash). */
export interface DigestTable {
  id: Generated<string>;
  path: string;
  sha256: string;
  title: string | null;
  issue_date: ColumnType<Date | null, string | null, string | null>;
  created_at: ColumnType<Date, Date | undefined, never>;
}

/** `digest_references`: one numbered entry of a digest's reference list. */
export interface DigestReferenceTable {
  id: Generated<string>;
  digest_id: string;
  index: number;
  line: number;
  outlets: string[];
  title: string | null;
  date_text: string | null;
  purpose: string | null;
  raw: string;
}

/** `verifications`: the outcome of checking one reference, kept so history can be queried. */
export interface VerificationTable {
  id: Generated<string>;
  reference_id: string;
  status: VerificationStatus;
  article_id: string | null;
  scores: JSONColumnType<Record<string, number>>;
  reasons: JSONColumnType<string[]>;
  runner_up: JSONColumnType<Record<string, unknown> | null, string | null, string | null>;
  checked_at: ColumnType<Date, Date | undefined, never>;
}
export type DigestRow = Selectable<DigestTable>;
export type NewDigestRow = Insertable<DigestTable>;
export type DigestReferenceRow = Selectable<DigestReferenceTable>;
export type VerificationRow = Selectable<VerificationTable>;
