import type { Db } from '../../db/database.js';
import { upsertArticles } from '../../db/repositories/article-batch.repository.js';
import { insertPages, type PageRecord } from '../../db/repositories/page.repository.js';
import type { ArticleExtract } from '../extract/types.js';
import type { SourceDefinition } from '../sources/schema.js';
import type { CrawlRecorder } from './recorder.js';
import { toArticleInput } from './store.js';

/** Pages and articles written per transaction. */
export const DEFAULT_BATCH_SIZE = 50;

interface PendingArticle {
  extract: ArticleExtract;
  /** The request key of the archived page it came from. */
  pageKey: string | null;
}

/**
 * Write-behind store of one source's crawl: archived responses and extracted articles are
 * buffered and written in batches, each batch one transaction (a multi-row page insert, then a
 * batched upsert). Two SQL round trips per page were the main crawl cost (issue #3's bench);
 * a batch costs a handful. A crash loses at most the unwritten batch, never half of one: the
 * next run fetches those pages again. Counters for new/updated/unchanged move when a batch lands.
 */
export class ArchiveWriter {
  private pages: { key: string; record: PageRecord }[] = [];
  private articles: PendingArticle[] = [];
  private readonly pageIds = new Map<string, string>();
  private tail: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly source: SourceDefinition,
    private readonly recorder: CrawlRecorder,
    private readonly batchSize = DEFAULT_BATCH_SIZE,
  ) {}

  /** Buffer a response for the archive under its request key. */
  async addPage(key: string, record: PageRecord): Promise<void> {
    this.pages.push({ key, record });
    this.recorder.count({ pages: 1 });
    await this.flushIfFull();
  }

  /** Buffer an extracted article; `pageKey` links it to its archived response. */
  async addArticle(extract: ArticleExtract, pageKey: string | null): Promise<void> {
    this.articles.push({ extract, pageKey });
    await this.flushIfFull();
  }

  /** The archived id of a request's page (written first if still buffered), for error records. */
  async pageId(key: string): Promise<string | undefined> {
    if (this.pages.some((p) => p.key === key)) await this.flush();
    return this.pageIds.get(key);
  }

  /** Write everything buffered; batches are written one after another, never interleaved. */
  flush(): Promise<void> {
    const pages = this.pages.splice(0);
    const articles = this.articles.splice(0);
    this.tail = this.tail.then(() => this.write(pages, articles));
    return this.tail;
  }

  private async flushIfFull(): Promise<void> {
    if (this.pages.length + this.articles.length >= this.batchSize) await this.flush();
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
