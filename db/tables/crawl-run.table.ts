import type { ColumnType, Generated, Insertable, JSONColumnType, Selectable, Updateable } from 'kysely';

/** The life of a crawl run: `running` until it ends in one of the other states. */
export type CrawlRunStatus = 'running' | 'succeeded' | 'partial' | 'failed' | 'aborted';

/** One failure recorded during a run: the URL, what failed, and why. */
export interface CrawlError {
  url: string;
  kind: string;
  message: string;
  at: string;
}

/** `crawl_runs`: one crawl of one source, with its statistics and per-URL errors. */
export interface CrawlRunTable {
  id: Generated<string>;
  source_id: string;
  status: CrawlRunStatus;
  since: Date | null;
  options: JSONColumnType<Record<string, unknown>>;
  stats: JSONColumnType<Record<string, number>>;
  errors: JSONColumnType<CrawlError[]>;
  started_at: ColumnType<Date, Date | undefined, never>;
  finished_at: Date | null;
}
export type CrawlRunRow = Selectable<CrawlRunTable>;
export type NewCrawlRunRow = Insertable<CrawlRunTable>;
export type CrawlRunUpdate = Updateable<CrawlRunTable>;
