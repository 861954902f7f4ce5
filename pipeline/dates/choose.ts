import type { DatePrecision } from '../../db/tables/article.table.js';
import type { DateCandidate, DateKind } from './candidates.js';

/** The publication date chosen for an article, with the evidence it rests on. */
export interface ChosenDate {
  publishedAt: string | null;
  precision: DatePrecision | null;
  /** The candidate used, every other candidate, and why, for `dateEvidence`. */
  evidence: { chosen: DateCandidate | null; candidates: DateCandidate[]; reason: string };
}

/**
 * Pick the publication date by the source's declared precedence of kinds (e.g. NDA:
 * `meta > list > url`). Within a kind, the more precise candidate wins. A page with no
 * candidate gets `null` and a reason, never "now".
 */
export function chooseDate(candidates: readonly DateCandidate[], precedence: readonly DateKind[]): ChosenDate {
  const rank = (c: DateCandidate) => {
    const i = precedence.indexOf(c.kind);
    return i === -1 ? precedence.length : i;
  };
  const order: DatePrecision[] = ['second', 'minute', 'day', 'month'];
  const sorted = [...candidates].sort(
    (a, b) => rank(a) - rank(b) || order.indexOf(a.precision) - order.indexOf(b.precision),
  );
  const chosen = sorted.find((c) => rank(c) < precedence.length) ?? null;
  if (!chosen) {
    const reason =
      candidates.length === 0
        ? 'no date found on the page or its list'
        : 'only dates of kinds the source does not trust';
    return { publishedAt: null, precision: null, evidence: { chosen: null, candidates: [...candidates], reason } };
  }
  const reason = `${chosen.kind} (${chosen.field}) ranks first in the source's precedence ${precedence.join(' > ')}`;
  return {
    publishedAt: chosen.at,
    precision: chosen.precision,
    evidence: { chosen, candidates: [...candidates], reason },
  };
}
