import type { Kysely, Transaction } from 'kysely';
import type { ArticleTable } from './tables/article.table.js';
import type { CrawlRunTable } from './tables/crawl-run.table.js';
import type { DigestReferenceTable, DigestTable, VerificationTable } from './tables/digest.table.js';
import type { PageTable } from './tables/page.table.js';
import type { ReprocessRequestTable } from './tables/reprocess-request.table.js';
import type { ReviewTable } from './tables/review.table.js';
import type { SourceTable } from './tables/source.table.js';
import type { StoryTable } from './tables/story.table.js';

/** Every table, keyed by its SQL name. Column names stay snake_case in TypeScript too. */
export interface Database {
  sources: SourceTable;
  crawl_runs: CrawlRunTable;
  pages: PageTable;
  articles: ArticleTable;
  stories: StoryTable;
  digests: DigestTable;
  digest_references: DigestReferenceTable;
  verifications: VerificationTable;
  reviews: ReviewTable;
  reprocess_requests: ReprocessRequestTable;
}

/** What repository functions take first: the database, or a transaction the caller owns. */
export type Db = Kysely<Database> | Transaction<Database>;
