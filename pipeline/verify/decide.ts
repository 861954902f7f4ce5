import type { ArticleRow } from '../../db/tables/article.table.js';
import type { DateAgreement } from './similarity.js';
import type { VerificationStatus } from './types.js';

/** Title similarity at or above which a title counts as the same title. */
export const STRONG_TITLE = 0.8;
/** Title similarity at or above which a same-outlet, same-date article counts as "close". */
export const WEAK_TITLE = 0.5;
/** Two different stories whose totals are this close make the reference ambiguous. */
export const AMBIGUITY_MARGIN = 0.03;

/** A candidate with its validation scores. */
export interface Scored {
  article: ArticleRow;
  title: number;
  date: DateAgreement;
  outlet: number;
  total: number;
}

/** The verdict before messages are attached. */
export interface Decision {
  status: Exclude<VerificationStatus, 'unverifiable'>;
  match: Scored | null;
  runnerUp: Scored | null;
}

/** Combined score: the title decides most, then the date, then the outlet. */
export function total(title: number, date: number, outlet: number): number {
  return Math.round((0.6 * title + 0.25 * date + 0.15 * outlet) * 1000) / 1000;
}

const byTotal = (a: Scored, b: Scored) =>
  b.total - a.total || b.title - a.title || Number(a.article.id) - Number(b.article.id);
const storyOf = (s: Scored) => s.article.story_id ?? `article:${s.article.id}`;

/**
 * Validate, in order of confidence (a false "verified" is the worst error, so it needs all
 * three: same title, agreeing date, cited outlet):
 * 1. verified: outlet candidates with a strong title and an agreeing date — unless two
 *    different stories fit almost equally (ambiguous);
 * 2. date_mismatch: the cited outlet has the title, on another date;
 * 3. title_mismatch: the cited outlet has a close title on that date;
 * 4. outlet_mismatch: the title exists under another outlet;
 * 5. not_found.
 */
export function decide(outlet: readonly Scored[], global: readonly Scored[]): Decision {
  const fits = outlet.filter((s) => s.title >= STRONG_TITLE && s.date.score >= 0.5).sort(byTotal);
  if (fits.length > 0) {
    const best = fits[0]!;
    const rival = fits.find((s) => storyOf(s) !== storyOf(best));
    if (rival && best.total - rival.total < AMBIGUITY_MARGIN)
      return { status: 'ambiguous', match: best, runnerUp: rival };
    return { status: 'verified', match: best, runnerUp: rival ?? null };
  }
  // The exact title at a cited outlet, found by the global search outside the date window, is
  // still the cited document: its date is what is wrong.
  const seen = new Set<string>();
  const sameTitle = [...outlet, ...global.filter((s) => s.outlet >= 0.5)]
    .filter((s) => s.title >= STRONG_TITLE && !seen.has(s.article.id) && seen.add(s.article.id))
    .sort(byTotal);
  if (sameTitle.length > 0) return { status: 'date_mismatch', match: sameTitle[0]!, runnerUp: sameTitle[1] ?? null };
  const close = outlet.filter((s) => s.title >= WEAK_TITLE && s.date.score >= 0.5).sort(byTotal);
  if (close.length > 0) return { status: 'title_mismatch', match: close[0]!, runnerUp: close[1] ?? null };
  const elsewhere = global.filter((s) => s.title >= STRONG_TITLE && s.outlet < 0.5).sort(byTotal);
  if (elsewhere.length > 0) return { status: 'outlet_mismatch', match: elsewhere[0]!, runnerUp: elsewhere[1] ?? null };
  const closest = [...outlet, ...global].sort(byTotal)[0] ?? null;
  return { status: 'not_found', match: null, runnerUp: closest };
}
