import { createHash } from 'node:crypto';
import type { Db } from '../database.js';
import type { PageRow } from '../tables/page.table.js';

/** One response (or failure) to archive. */
export interface PageRecord {
  runId: string | null;
  sourceId: string;
  label: string;
  method: string;
  requestedUrl: string;
  finalUrl: string | null;
  status: number | null;
  headers: Record<string, string>;
  body: Buffer | null;
  error: string | null;
  userData: Record<string, unknown>;
}

/** Archive one response in `pages`; returns its id. The body's SHA-256 is computed here. */
export async function insertPage(db: Db, page: PageRecord): Promise<string> {
  const [id] = await insertPages(db, [page]);
  return id!;
}

/**
 * Archive several responses in one statement (the crawl's batched writer); returns their ids
 * in the order given.
 */
export async function insertPages(db: Db, pages: readonly PageRecord[]): Promise<string[]> {
  if (pages.length === 0) return [];
  const rows = await db.insertInto('pages').values(pages.map(pageRow)).returning('id').execute();
  // PostgreSQL returns the rows of a multi-row INSERT … RETURNING in VALUES order.
  return rows.map((r) => String(r.id));
}

function pageRow(page: PageRecord) {
  return {
    run_id: page.runId,
    source_id: page.sourceId,
    label: page.label,
    method: page.method,
    requested_url: page.requestedUrl,
    final_url: page.finalUrl,
    status: page.status,
    headers: JSON.stringify(page.headers),
    body: page.body,
    sha256: page.body ? createHash('sha256').update(page.body).digest('hex') : null,
    error: page.error,
    user_data: JSON.stringify(page.userData),
  };
}

/**
 * The newest successful copy of every URL of a source with one of `labels`, oldest first,
 * for `reprocess`. Returned in batches so a large archive is never held in memory at once.
 */
export async function latestPages(
  db: Db,
  sourceId: string,
  labels: readonly string[],
  afterId: string,
  limit: number,
): Promise<PageRow[]> {
  return db
    .selectFrom('pages as p')
    .selectAll('p')
    .where('p.source_id', '=', sourceId)
    .where('p.label', 'in', [...labels])
    .where('p.status', '>=', 200)
    .where('p.status', '<', 300)
    .where('p.body', 'is not', null)
    .where('p.id', '>', afterId)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('pages as newer')
            .select('newer.id')
            .whereRef('newer.source_id', '=', 'p.source_id')
            .whereRef('newer.requested_url', '=', 'p.requested_url')
            .whereRef('newer.id', '>', 'p.id')
            .where('newer.status', '>=', 200)
            .where('newer.status', '<', 300),
        ),
      ),
    )
    .orderBy('p.id')
    .limit(limit)
    .execute();
}
