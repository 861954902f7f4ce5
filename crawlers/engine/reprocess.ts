import type { Kysely } from 'kysely';
import type { Logger } from '../../core/log.js';
import type { Database } from '../../db/database.js';
import { latestPages } from '../../db/repositories/page.repository.js';
import { markReprocessDone, pendingReprocess } from '../../db/repositories/reprocess.repository.js';
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

/**
 * Answer the archive re-parse that migrations asked for (`reprocess_requests`): every source is
 * reprocessed once, then the requests are marked done. A page that no longer parses is logged,
 * not fatal: the request is still answered, as `sourcecheck reprocess` would have answered it.
 * Returns the names of the requests answered (none when nothing was pending).
 */
export async function answerReprocessRequests(
  db: Kysely<Database>,
  sources: readonly SourceDefinition[],
  parsers: Readonly<Record<string, SourceParser>>,
  log: Logger,
): Promise<string[]> {
  const pending = await pendingReprocess(db);
  if (pending.length === 0) return [];
  for (const request of pending) log.info(`reprocessing the archive for migration ${request.name}: ${request.reason}`);
  for (const source of sources) {
    const recorder = await reprocessSource(db, source, parsers[source.id]!, log);
    for (const e of recorder.errors.slice(0, 3)) log.warn(`reprocess ${source.id}: ${e.url}: ${e.message}`);
  }
  const names = pending.map((r) => r.name);
  await markReprocessDone(db, names);
  return names;
}
