import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** `stories`: near duplicates and reposts of one news item, with the original identified. */
export interface StoryTable {
  id: Generated<string>;
  title: string;
  original_article_id: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}
export type StoryRow = Selectable<StoryTable>;
export type NewStoryRow = Insertable<StoryTable>;
export type StoryUpdate = Updateable<StoryTable>;
