import type { Kysely } from 'kysely';
import type { Logger } from '../../core/log.js';
import type { Database } from '../../db/database.js';
import { latestPages } from '../../db/repositories/page.repository.js';
import type { PageRow } from '../../db/tables/page.table.js';
import { makeDocument } from '../extract/document.js';
import type { RequestData, SourceParser } from '../extract/types.js';
import type { SourceDefinition } from '../sources/schema.js';
import { CrawlRecorder } from './recorder.js';
import { storeExtract } from './store.js';

const BATCH = 200;

/**
 * Re-parse a source's archived pages into articles with no network at all, so a parser fix
 * reaches history: the newest successful copy of each ARTICLE page, and the records of each
 * SITEMAP page (headline-only sources). A page that no longer parses is recorded, not fatal.
 */
export async function reprocessSource(
  db: Kysely<Database>,
  source: SourceDefinition,
  parser: SourceParser,
  log: Logger,
): Promise<CrawlRecorder> {
  const recorder = new CrawlRecorder(source.id);
  let after = '0';
  for (;;) {
    const pages = await latestPages(db, source.id, ['ARTICLE', 'SITEMAP'], after, BATCH);
    if (pages.length === 0) break;
    for (const page of pages) await reprocessPage(db, source, parser, page, recorder);
    after = pages.at(-1)!.id;
  }
  log.info(`reprocessed ${source.id}: ${recorder.stats.articles} articles from ${recorder.stats.pages} stored pages`);
  return recorder;
}

async function reprocessPage(
  db: Kysely<Database>,
  source: SourceDefinition,
  parser: SourceParser,
  page: PageRow,
  recorder: CrawlRecorder,
): Promise<void> {
  const doc = makeDocument(
    page.final_url ?? page.requested_url,
    page.status ?? 200,
    page.headers,
    Buffer.from(page.body ?? []),
    page.user_data as RequestData,
  );
  recorder.count({ pages: 1 });
  try {
    // An article is re-read from its page; a sitemap yields its headline records again.
    const extracts =
      page.label === 'ARTICLE'
        ? [parser.article(doc)]
        : (parser.discover(doc, { since: new Date(0), maxPages: 0 }).records ?? []);
    for (const extract of extracts) {
      const outcome = await storeExtract(db, source, extract, page.id);
      recorder.count({ articles: 1, [outcome]: 1 });
    }
  } catch (error) {
    recorder.fail(doc.url, (error as Error).name, (error as Error).message, page.id);
  }
}
