import type { SourceDefinition } from '../../crawlers/sources/schema.js';
import type { ArticleRow } from '../../db/tables/article.table.js';

/**
 * Which of an article's outlets answered the reference: the crawled source itself, the 来源 /
 * ContentSource the page credits (`originalSource`: 中国政府网 on a CAC repost), or the body
 * that issued the document (`issuer`: 国务院 on an MEE repost of a State Council document).
 */
export type OutletMatchBy = 'source' | 'originalSource' | 'issuer';

/** How a matched article's outlet agrees with the reference, reported beside the match. */
export interface OutletMatch {
  by: OutletMatchBy;
  /** The name that matched: the source's name, or the page's 来源 / issuer as written. */
  name: string;
}

/** The article fields an outlet match reads. */
export type OutletFields = Pick<ArticleRow, 'source_id' | 'original_outlet' | 'issuer'>;

/**
 * The first way `a` answers the reference's outlets: its source among `sourceIds`, else its
 * 来源 among `names`, else its issuer among `names` (the names of the cited outlets and their
 * aliases, plus outlets seen only as the 来源 or issuer of stored pages). Null when none does.
 */
export function outletMatch(
  a: OutletFields,
  sourceIds: readonly string[],
  names: readonly string[],
  registry: readonly SourceDefinition[],
): OutletMatch | null {
  if (sourceIds.includes(a.source_id))
    return { by: 'source', name: registry.find((s) => s.id === a.source_id)?.name ?? a.source_id };
  if (a.original_outlet !== null && names.includes(a.original_outlet)) return { by: 'originalSource', name: a.original_outlet };
  if (a.issuer !== null && names.includes(a.issuer)) return { by: 'issuer', name: a.issuer };
  return null;
}
