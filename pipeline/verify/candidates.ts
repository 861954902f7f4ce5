import { sql } from 'kysely';
import { DateTime } from 'luxon';
import type { Db } from '../../db/database.js';
import type { ArticleRow } from '../../db/tables/article.table.js';
import { SHANGHAI } from '../dates/candidates.js';
import type { ReferenceDate } from './types.js';

/** Days of slack around a reference date: time zones, late listing, a digest written the day after. */
const SLACK_DAYS = 3;

/** The window of publication times a reference date allows, in Beijing time. */
export function dateWindow(date: ReferenceDate | null, issueDate: string | null): { from: Date; to: Date } {
  const unit = date?.precision ?? 'day';
  const anchor = date
    ? DateTime.fromISO(date.value, { zone: SHANGHAI })
    : DateTime.fromISO(issueDate ?? DateTime.now().toISODate()!, { zone: SHANGHAI }).minus({ days: 60 });
  const start = anchor.startOf(unit).minus({ days: SLACK_DAYS });
  const end = (date ? anchor.endOf(unit) : anchor.plus({ days: 61 })).plus({ days: SLACK_DAYS });
  return { from: start.toJSDate(), to: end.toJSDate() };
}

/**
 * Search: articles of the reference's sources, or crediting one of its outlets (a CAC repost
 * whose 来源 is 央广网), published inside the window. Undated articles are included: they can
 * still match on title and are then reported as such.
 */
export async function outletCandidates(
  db: Db,
  sourceIds: readonly string[],
  names: readonly string[],
  window: { from: Date; to: Date },
): Promise<ArticleRow[]> {
  if (sourceIds.length === 0 && names.length === 0) return [];
  return db
    .selectFrom('articles')
    .selectAll()
    .where((eb) =>
      eb.or([
        ...(sourceIds.length > 0 ? [eb('source_id', 'in', [...sourceIds])] : []),
        ...(names.length > 0 ? [eb('original_outlet', 'in', [...names]), eb('issuer', 'in', [...names])] : []),
      ]),
    )
    .where((eb) => eb.or([eb.between('published_at', window.from, window.to), eb('published_at', 'is', null)]))
    .limit(5000)
    .execute();
}

/**
 * Search across every outlet and date by title (pg_trgm, through the trigram index), to
 * explain a miss: the right title under another outlet, or on another date.
 */
export async function titleCandidates(db: Db, title: string, limit = 10): Promise<ArticleRow[]> {
  return db
    .selectFrom('articles')
    .selectAll()
    .where(sql<boolean>`title % ${title} or ${title} <% title`)
    .orderBy(sql`greatest(similarity(title, ${title}), word_similarity(${title}, title))`, 'desc')
    .limit(limit)
    .execute();
}
