import { DateTime, FixedOffsetZone } from 'luxon';
import type { DatePrecision } from '../../db/tables/article.table.js';

/** Where a date came from. The source file's `datePrecedence` orders these kinds. */
export const DATE_KINDS = ['meta', 'page', 'jsonld', 'api', 'sitemap', 'list', 'url', 'text'] as const;
/** One of {@link DATE_KINDS}. */
export type DateKind = (typeof DATE_KINDS)[number];

/** A date found somewhere in or around a page, already resolved to an instant. */
export interface DateCandidate {
  kind: DateKind;
  /** The precise field, e.g. `meta[name=PubDate]`, `#pubtime`, `url path /2026-06/08/`. */
  field: string;
  /** The text as found. */
  raw: string;
  /** ISO 8601 with offset (`+08:00` for Chinese sources, `Z` for UTC instants). */
  at: string;
  precision: DatePrecision;
}

/** Chinese sources publish in Beijing time; China has had no DST since 1991. */
export const SHANGHAI = 'Asia/Shanghai';

// Formats seen on the sources (sources.md §7.2), most specific first so a time is never dropped.
// Each captures year, month, day and, where written, hour, minute, second.
const FORMATS: readonly [RegExp, DatePrecision][] = [
  [/^(\d{4})-(\d{2})-(\d{2})-(\d{2}):(\d{2}):(\d{2})$/, 'second'],
  [/^(\d{4})[-./](\d{1,2})[-./](\d{1,2})[ T](\d{1,2}):(\d{2}):(\d{2})$/, 'second'],
  [/^(\d{4})[-./](\d{1,2})[-./](\d{1,2})[ T](\d{1,2}):(\d{2})$/, 'minute'],
  [/^(\d{4})[-./](\d{1,2})[-./](\d{1,2})$/, 'day'],
  [/^(\d{4})年(\d{1,2})月(\d{1,2})日\s*(\d{1,2}):(\d{2}):(\d{2})$/, 'second'],
  [/^(\d{4})年(\d{1,2})月(\d{1,2})日\s*(\d{1,2}):(\d{2})$/, 'minute'],
  [/^(\d{4})年(\d{1,2})月(\d{1,2})日$/, 'day'],
  [/^(\d{4})年(\d{1,2})月$/, 'month'],
  [/^(\d{4})[-./](\d{1,2})$/, 'month'],
];

/** Beijing time is UTC+8 all year since 1992 (no DST since 1991). */
const BEIJING = FixedOffsetZone.instance(480);

/**
 * The zone to read a wall-clock time of `year` in. For Beijing after 1991 that is the fixed
 * UTC+8 offset: the same instants as the IANA zone, without an `Intl` offset lookup per date,
 * which was a tenth of a crawl's parsing time (issue #3's bench). Earlier years keep the IANA rules.
 */
function zoneAt(zone: string, year: number): string | FixedOffsetZone {
  return zone === SHANGHAI && year >= 1992 ? BEIJING : zone;
}

/**
 * Parse a date as written on a Chinese page (`2026.06.08`, `2026-06-08 10:30`,
 * `2026-06-05-17:30:12`, `2026年06月08日 17:00`, `2026-06`) in Beijing time, or an ISO 8601
 * instant with its own offset (`2026-06-07T23:18:42.517Z`). Returns undefined when the text
 * is no date or an impossible one (2026-02-30).
 */
export function parseDateText(raw: string, zone = SHANGHAI): { at: string; precision: DatePrecision } | undefined {
  const text = raw.trim().replace(/\s+/g, ' ');
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(text)) {
    const dt = DateTime.fromISO(text, { setZone: true });
    return dt.isValid ? { at: isoOf(dt), precision: /T\d{2}:\d{2}:\d{2}/.test(text) ? 'second' : 'minute' } : undefined;
  }
  for (const [re, precision] of FORMATS) {
    const m = re.exec(text);
    if (!m) continue;
    const [year, month, day = 1, hour = 0, minute = 0, second = 0] = m.slice(1).filter(Boolean).map(Number);
    const dt = DateTime.fromObject({ year, month, day, hour, minute, second }, { zone: zoneAt(zone, year!) });
    return dt.isValid ? { at: isoOf(dt), precision } : undefined;
  }
  return undefined;
}

/** Build a candidate from text found at `field`, or undefined when it holds no date. */
export function dateCandidate(
  kind: DateKind,
  field: string,
  raw: string | undefined,
  zone = SHANGHAI,
): DateCandidate | undefined {
  if (!raw) return undefined;
  const parsed = parseDateText(raw, zone);
  return parsed ? { kind, field, raw: raw.trim(), ...parsed } : undefined;
}

/** A candidate from known calendar parts (a URL path), at day precision in Beijing time. */
export function dayCandidate(
  kind: DateKind,
  field: string,
  raw: string,
  y: number,
  m: number,
  d: number,
): DateCandidate | undefined {
  const dt = DateTime.fromObject({ year: y, month: m, day: d }, { zone: zoneAt(SHANGHAI, y) });
  return dt.isValid ? { kind, field, raw, at: isoOf(dt), precision: 'day' } : undefined;
}

/** ISO 8601 keeping the offset it was read in (`Z` for UTC). */
export function isoOf(dt: DateTime): string {
  return dt.offset === 0
    ? dt.toUTC().toISO({ suppressMilliseconds: true })!
    : dt.toISO({ suppressMilliseconds: true })!;
}

/** The calendar day (YYYY-MM-DD) of an instant in Asia/Shanghai. */
export function shanghaiDay(iso: string): string {
  return DateTime.fromISO(iso, { setZone: true }).setZone(SHANGHAI).toISODate()!;
}
