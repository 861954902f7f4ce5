import type { DateCandidate } from './candidates.js';

/** The earliest date any source here can carry: the web archive age (htmldate's MIN_DATE). */
export const MIN_DATE = '1995-01-01T00:00:00+08:00';
const DAY = 86_400_000;

/** A candidate set aside, and why. */
export interface RejectedDate {
  candidate: DateCandidate;
  reason: string;
}

/** Two trusted candidates that disagree by more than a day. */
export interface DateConflict {
  a: DateCandidate;
  b: DateCandidate;
  days: number;
}

/**
 * Refuse impossible dates: after `now` + 1 day (a date in the future is a parsing error or a
 * typo on the page, never a publication date) or before 1995.
 */
export function refuseImpossible(
  candidates: readonly DateCandidate[],
  now: Date,
): { kept: DateCandidate[]; rejected: RejectedDate[] } {
  const latest = now.getTime() + DAY;
  const earliest = Date.parse(MIN_DATE);
  const kept: DateCandidate[] = [];
  const rejected: RejectedDate[] = [];
  for (const candidate of candidates) {
    const at = Date.parse(candidate.at);
    if (at > latest) rejected.push({ candidate, reason: `in the future (after ${new Date(latest).toISOString()})` });
    else if (at < earliest) rejected.push({ candidate, reason: 'before 1995' });
    else kept.push(candidate);
  }
  return { kept, rejected };
}

/**
 * Strong signals (machine fields: meta, page, JSON-LD, API, sitemap, list) that disagree by
 * more than a day, compared at day precision. Month-precision and URL/text dates are weaker
 * and not compared. Worth a flag: it is how a repost date or a wrong meta shows itself.
 */
export function conflicts(candidates: readonly DateCandidate[]): DateConflict[] {
  const strong = candidates.filter((c) => c.precision !== 'month' && c.kind !== 'url' && c.kind !== 'text');
  const found: DateConflict[] = [];
  for (let i = 0; i < strong.length; i++) {
    for (let j = i + 1; j < strong.length; j++) {
      const days = Math.abs(Date.parse(strong[i]!.at) - Date.parse(strong[j]!.at)) / DAY;
      // A day-precision date is midnight; a time that day can be up to 24 h later.
      const slack = strong[i]!.precision === 'day' || strong[j]!.precision === 'day' ? 2 : 1;
      if (days > slack) found.push({ a: strong[i]!, b: strong[j]!, days: Math.round(days * 10) / 10 });
    }
  }
  return found;
}
