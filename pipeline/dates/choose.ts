import type { DatePrecision } from '../../db/tables/article.table.js';
import type { DateCandidate, DateKind } from './candidates.js';
import { conflicts, refuseImpossible, type DateConflict, type RejectedDate } from './validate.js';

/** Everything known about an article's dates, stored as `date_evidence`. */
export interface DateEvidence {
  chosen: DateCandidate | null;
  candidates: DateCandidate[];
  reason: string;
  /** Candidates refused as impossible (in the future, before 1995), with why. */
  rejected: RejectedDate[];
  /** Trusted candidates disagreeing by more than a day: worth an editor's look. */
  conflicts: DateConflict[];
}

/** The publication date chosen for an article, with the evidence it rests on. */
export interface ChosenDate {
  publishedAt: string | null;
  precision: DatePrecision | null;
  evidence: DateEvidence;
}

const ORDER: DatePrecision[] = ['second', 'minute', 'day', 'month'];

/**
 * Pick the publication date by the source's declared precedence of kinds (e.g. NDA:
 * `meta > list > url`); within a kind the more precise candidate wins. Impossible dates are
 * refused first and recorded; strong candidates that disagree are flagged. A page with no
 * usable candidate gets `null` and a reason, never "now".
 */
export function chooseDate(
  all: readonly DateCandidate[],
  precedence: readonly DateKind[],
  now = new Date(),
): ChosenDate {
  const { kept, rejected } = refuseImpossible(all, now);
  const rank = (c: DateCandidate) => (precedence.includes(c.kind) ? precedence.indexOf(c.kind) : precedence.length);
  const sorted = [...kept].sort((a, b) => rank(a) - rank(b) || ORDER.indexOf(a.precision) - ORDER.indexOf(b.precision));
  const chosen = sorted.find((c) => rank(c) < precedence.length) ?? null;
  const evidence = { chosen, candidates: [...all], rejected, conflicts: conflicts(kept), reason: '' };
  if (!chosen) {
    evidence.reason =
      all.length === 0
        ? 'no date found on the page or its list'
        : kept.length === 0
          ? 'every date found was impossible (see rejected)'
          : 'only dates of kinds the source does not trust';
    return { publishedAt: null, precision: null, evidence };
  }
  evidence.reason = `${chosen.kind} (${chosen.field}) ranks first in the source's precedence ${precedence.join(' > ')}`;
  return { publishedAt: chosen.at, precision: chosen.precision, evidence };
}
