/**
 * The contract of the dedupe stage (issue #4). Implementations live beside this file; the
 * crawl engine, the story clustering and the evaluation gate depend only on these names.
 */

/** What dedupe looks at in an article. */
export interface DedupeItem {
  /** Stable id (the database id, or any unique key in tests). */
  id: string;
  sourceId: string;
  url: string;
  title: string;
  /** Clean body text; empty for headline-only items (Reuters sitemap entries). */
  bodyText: string;
  /** ISO 8601 instant, or null when undated. */
  publishedAt: string | null;
  /** The outlet the page credits (来源), if any: a repost names its original here. */
  originalOutlet: string | null;
}

/** Why two items were judged the same story. */
export type DuplicateReason = 'same-url' | 'same-body' | 'near-duplicate-body' | 'similar-title-and-date';

/** A pair judged duplicates, with the reason and the similarity that decided it (0–1). */
export interface DuplicatePair {
  a: string;
  b: string;
  reason: DuplicateReason;
  similarity: number;
}
