import type { ColumnType, Generated, Insertable, JSONColumnType, Selectable, Updateable } from 'kysely';

/** How exact a stored publication time is. */
export type DatePrecision = 'second' | 'minute' | 'day' | 'month';

/** An attachment linked from an article (a PDF, a download link). */
export interface Attachment {
  url: string;
  name: string;
}

/** `articles`: one document of one source, unique by (source, native id). */
export interface ArticleTable {
  id: Generated<string>;
  source_id: string;
  native_id: string;
  canonical_url: string;
  alias_urls: ColumnType<string[], string[] | undefined, string[]>;
  title: string;
  published_at: Date | null;
  date_precision: DatePrecision | null;
  date_evidence: JSONColumnType<Record<string, unknown>>;
  /** The 来源 / ContentSource the page credits (exported as `originalSource`). */
  original_outlet: string | null;
  /** The issuing body: 发文机关 / 发布机关, else the sign-off (migration 2026_12_06_090000). */
  issuer: ColumnType<string | null, string | null | undefined, string | null>;
  doc_number: string | null;
  body_text: ColumnType<string, string | undefined, string>;
  language: string | null;
  attachments: JSONColumnType<Attachment[]>;
  content_hash: string | null;
  page_id: string | null;
  story_id: string | null;
  first_seen_at: ColumnType<Date, Date | undefined, never>;
  last_seen_at: ColumnType<Date, Date | undefined, Date>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}
export type ArticleRow = Selectable<ArticleTable>;
export type NewArticleRow = Insertable<ArticleTable>;
export type ArticleUpdate = Updateable<ArticleTable>;
