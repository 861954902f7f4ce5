import type { CrawlError } from '../../db/tables/crawl-run.table.js';

/** Counters of one source's crawl, shown live and stored in `crawl_runs.stats`. */
export interface CrawlStats {
  pages: number;
  listPages: number;
  articles: number;
  new: number;
  updated: number;
  unchanged: number;
  errors: number;
  layoutChanged: number;
}

/** A progress event: the source and its counters after a change. */
export type ProgressListener = (sourceId: string, stats: Readonly<CrawlStats>) => void;

/**
 * What happened during one source's crawl: counters and one error record per failed URL,
 * with the kind of failure and the archived page when there is one.
 */
export class CrawlRecorder {
  readonly stats: CrawlStats = {
    pages: 0,
    listPages: 0,
    articles: 0,
    new: 0,
    updated: 0,
    unchanged: 0,
    errors: 0,
    layoutChanged: 0,
  };
  readonly errors: CrawlError[] = [];

  constructor(
    readonly sourceId: string,
    private readonly onProgress: ProgressListener = () => undefined,
  ) {}

  /** Add to counters and tell the progress display. */
  count(changes: Partial<CrawlStats>): void {
    for (const [key, value] of Object.entries(changes) as [keyof CrawlStats, number][]) this.stats[key] += value;
    this.onProgress(this.sourceId, this.stats);
  }

  /** Record a failed URL. `kind` is the error class (e.g. `LayoutChangedError`, `HTTP 404`). */
  fail(url: string, kind: string, message: string, pageId?: string | null): void {
    const layout = kind === 'LayoutChangedError';
    this.errors.push({
      url,
      kind: layout ? 'layout changed?' : kind,
      message: pageId ? `${message} (saved page ${pageId})` : message,
      at: new Date().toISOString(),
    });
    this.count({ errors: 1, layoutChanged: layout ? 1 : 0 });
  }

  /** `failed` when nothing was fetched or the layout broke, `partial` with errors, else `succeeded`. */
  status(): 'succeeded' | 'partial' | 'failed' {
    if (this.stats.layoutChanged > 0 || (this.stats.pages === 0 && this.errors.length > 0)) return 'failed';
    return this.errors.length > 0 ? 'partial' : 'succeeded';
  }
}
