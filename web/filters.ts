/**
 * The candidates page's query string (`?source=nda&since=2026-06-01&topic=ai&decision=none`)
 * checked against the registry and topics, and turned into a {@link CandidateFilter}. An
 * unknown value is a 400 naming it rather than a silently ignored filter.
 */
import { DateTime } from 'luxon';
import type { CandidateFilter } from '../pipeline/candidates/types.js';
import { RequestError } from './forms.js';

/** The filter as the editor typed it (strings, '' when unset), to refill the form. */
export interface FilterQuery {
  source: string;
  since: string;
  until: string;
  topic: string;
  decision: string;
}

/** The decision filter's values: `none` lists undecided stories. */
export const DECISION_FILTERS = ['none', 'accept', 'reject', 'shortlist'] as const;

const ZONE = 'Asia/Shanghai';
const LIMIT = 200;

/** Read the filter fields of `url` (missing ones are ''). */
export function readFilterQuery(url: URL): FilterQuery {
  const get = (name: string) => (url.searchParams.get(name) ?? '').trim();
  return {
    source: get('source'),
    since: get('since'),
    until: get('until'),
    topic: get('topic'),
    decision: get('decision'),
  };
}

function beijingDay(value: string, field: string): DateTime {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value) ? DateTime.fromISO(value, { zone: ZONE }) : null;
  if (!day?.isValid) throw new RequestError(400, `${field}: expected a date as YYYY-MM-DD, got "${value}"`);
  return day;
}

/**
 * The filter for `listCandidates`. Days are Beijing days (the digest's calendar); `until` is
 * inclusive. `since` falls back to `fallbackSince` (the candidates report's default window).
 */
export function toCandidateFilter(
  query: FilterQuery,
  known: { sources: ReadonlySet<string>; topics: ReadonlySet<string> },
  fallbackSince: Date,
): CandidateFilter {
  if (query.source !== '' && !known.sources.has(query.source))
    throw new RequestError(400, `source: unknown source "${query.source}"`);
  if (query.topic !== '' && !known.topics.has(query.topic))
    throw new RequestError(400, `topic: unknown topic "${query.topic}"`);
  const decision = DECISION_FILTERS.find((d) => d === query.decision);
  if (query.decision !== '' && decision === undefined)
    throw new RequestError(400, `decision: expected one of ${DECISION_FILTERS.join(', ')}, got "${query.decision}"`);
  const filter: CandidateFilter = {
    since: query.since === '' ? fallbackSince : beijingDay(query.since, 'since').toJSDate(),
    limit: LIMIT,
  };
  if (query.until !== '') filter.until = beijingDay(query.until, 'until').endOf('day').toJSDate();
  if (query.source !== '') filter.sourceIds = [query.source];
  if (query.topic !== '') filter.topic = query.topic;
  if (decision !== undefined) filter.decision = decision;
  return filter;
}

/** The Beijing day of `date`, as YYYY-MM-DD. */
export function beijingDate(date: Date): string {
  return DateTime.fromJSDate(date, { zone: ZONE }).toISODate() ?? '';
}
