import { findSource } from '../../crawlers/sources/index.js';
import type { ArticleRow } from '../../db/tables/article.table.js';
import { beijingIso } from '../article-export.js';
import { shanghaiDay } from '../dates/candidates.js';

/**
 * How the digest names an article's outlet: the source's own name (`国家数据局`), or
 * `中央网信办 / 央广网` when the source reposted another outlet's piece (its 来源 names an outlet
 * that is neither the source nor one of its aliases), as the digest's reference list writes it.
 */
export function outletOf(article: Pick<ArticleRow, 'source_id' | 'original_outlet'>): string {
  const source = findSource(article.source_id);
  const own = source?.name ?? article.source_id;
  const original = article.original_outlet?.trim();
  if (!original || !source) return own;
  const same = [source.name, ...source.aliases].some((n) => n === original || original.includes(n));
  return same ? own : `${own} / ${original}`;
}

/** The reference's date as the digest writes it: the Beijing day, or only the month when that is all that is known. */
export function referenceDate(article: Pick<ArticleRow, 'published_at' | 'date_precision'>): string {
  if (!article.published_at) return '';
  const day = shanghaiDay(beijingIso(article.published_at));
  return article.date_precision === 'month' ? day.slice(0, 7) : day;
}

/**
 * The exact reference line the digest needs for an article, `用途` left for the editor:
 * `来源：国家数据局；标题：…；日期：2026-06-08；用途：`.
 */
export function referenceLine(
  article: Pick<ArticleRow, 'source_id' | 'original_outlet' | 'title' | 'published_at' | 'date_precision'>,
): string {
  // A ； or newline inside a title would split the reference when the digest is parsed.
  const title = article.title.replace(/[；;\r\n]+/g, ' ').trim();
  return `来源：${outletOf(article)}；标题：${title}；日期：${referenceDate(article)}；用途：`;
}
