import type { Db } from '../../db/database.js';
import { upsertArticles } from '../../db/repositories/article-batch.repository.js';
import { insertPages, type PageRecord } from '../../db/repositories/page.repository.js';
import type { ArticleExtract } from '../extract/types.js';
import type { SourceDefinition } from '../sources/schema.js';
import type { CrawlRecorder } from './recorder.js';
import { toArticleInput } from './store.js';
import { ArchiveWriteError } from '../errors.js';

/** Pages and articles written per transaction. */
export const DEFAULT_BATCH_SIZE = 50;

/**
 * Batches queued for the database while the crawl goes on; one more waits for the queue to
 * drain. Deep enough to ride out the database's pauses (the embedded one shares two cores with
 * the crawl: 2 cost issue #3's bench 7%), small in memory (a batch is about 0.5 MB).
 */
const MAX_BATCHES_IN_FLIGHT = 8;

interface PendingArticle {
  extract: ArticleExtract;
  /** The request key of the archived page it came from. */
  pageKey: string | null;
}

/**
 * Write-behind store of one source's crawl: archived responses and extracted articles are
 * buffered and written in batches, each batch one transaction (a multi-row page insert, then a
 * batched upsert). Two SQL round trips per page were the main crawl cost (issue #3's bench);
 * a batch costs a handful, and it is written while the crawl fetches and parses the next pages
 * (at most {@link MAX_BATCHES_IN_FLIGHT} at once, in order, never interleaved). A crash loses at
 * most the unwritten batches, never half of one: the next run fetches those pages again. A batch
 * the database refuses stops the crawl with an {@link ArchiveWriteError}. Counters for
 * new/updated/unchanged move when a batch lands.
 */
export class ArchiveWriter {
  private pages: { key: string; record: PageRecord }[] = [];
  private articles: PendingArticle[] = [];
  private readonly pageIds = new Map<string, string>();
  private tail: Promise<void> = Promise.resolve();
  private inFlight = 0;
  private failure: ArchiveWriteError | undefined;

  constructor(
    private readonly db: Db,
    private readonly source: SourceDefinition,
    private readonly recorder: CrawlRecorder,
    private readonly batchSize = DEFAULT_BATCH_SIZE,
  ) {}

  /** Buffer a response for the archive under its request key. */
  async addPage(key: string, record: PageRecord): Promise<void> {
    this.throwIfFailed();
    this.pages.push({ key, record });
    this.recorder.count({ pages: 1 });
    await this.flushIfFull();
  }

  /** Buffer an extracted article; `pageKey` links it to its archived response. */
  async addArticle(extract: ArticleExtract, pageKey: string | null): Promise<void> {
    this.throwIfFailed();
    this.articles.push({ extract, pageKey });
    await this.flushIfFull();
  }

  /** The archived id of a request's page (written first if still buffered), for error records. */
  async pageId(key: string): Promise<string | undefined> {
    if (this.pages.some((p) => p.key === key)) this.startBatch();
    await this.tail;
    return this.pageIds.get(key);
  }

  /** Write everything buffered and wait for every batch; throws if any batch failed. */
  async flush(): Promise<void> {
    this.startBatch();
    await this.tail;
    this.throwIfFailed();
  }

  private async flushIfFull(): Promise<void> {
    if (this.pages.length + this.articles.length < this.batchSize) return;
    this.startBatch();
    // Back-pressure: the crawl never runs more than MAX_BATCHES_IN_FLIGHT batches ahead of the database.
    if (this.inFlight > MAX_BATCHES_IN_FLIGHT) await this.tail;
    this.throwIfFailed();
  }

  /** Queue what is buffered as the next batch; the returned chain never rejects. */
  private startBatch(): void {
    const pages = this.pages.splice(0);
    const articles = this.articles.splice(0);
    if (pages.length === 0 && articles.length === 0) return;
    this.inFlight += 1;
    this.tail = this.tail.then(async () => {
      try {
        if (!this.failure) await this.write(pages, articles);
      } catch (cause) {
        const message = `archive write of ${pages.length} page(s) and ${articles.length} article(s) failed: ${(cause as Error).message}`;
        this.failure = new ArchiveWriteError(message, { cause });
      } finally {
        this.inFlight -= 1;
      }
    });
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }

  private async write(pages: { key: string; record: PageRecord }[], articles: PendingArticle[]): Promise<void> {
    if (pages.length === 0 && articles.length === 0) return;
    const outcomes = await this.db.transaction().execute(async (trx) => {
      const ids = await insertPages(
        trx,
        pages.map((p) => p.record),
      );
      pages.forEach((p, i) => this.pageIds.set(p.key, ids[i]!));
      const inputs = articles.map((a) =>
        toArticleInput(this.source, a.extract, a.pageKey ? (this.pageIds.get(a.pageKey) ?? null) : null),
      );
      return upsertArticles(trx, inputs);
    });
    for (const outcome of outcomes) this.recorder.count({ articles: 1, [outcome]: 1 });
  }
}
