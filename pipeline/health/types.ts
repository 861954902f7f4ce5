import type { CrawlError, CrawlRunStatus } from '../../db/tables/crawl-run.table.js';

/** Why a source needs a look. */
export type HealthFlag = 'never-crawled' | 'failed' | 'layout-changed' | 'stale';

/** The last crawl of a source, summarised. */
export interface LastRun {
  id: string;
  status: CrawlRunStatus;
  startedAt: string;
  finishedAt: string | null;
  pages: number;
  articles: number;
  new: number;
  errors: number;
}

/** The health of one source: last crawl, new items per day, errors and flags. */
export interface SourceHealth {
  sourceId: string;
  name: string;
  expectedCadenceHours: number;
  lastRun: LastRun | null;
  /** When the newest article of this source was first seen (ISO 8601), or null. */
  lastNewItemAt: string | null;
  /** New articles first seen per Beijing day, oldest first, over the last 7 days. */
  newPerDay: { date: string; count: number }[];
  /** The last run's per-URL errors. */
  errors: CrawlError[];
  flags: HealthFlag[];
  /** One human-readable line per flag, e.g. `layout changed? <url> (saved page 12)`. */
  alerts: string[];
  healthy: boolean;
}
