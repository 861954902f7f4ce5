import { DateTime } from 'luxon';
import { dateCandidate, isoOf, type DateCandidate } from './candidates.js';

/**
 * Date patterns in visible text, each with the precision it carries. Labelled forms first
 * (发布时间：…) so they win over a bare date in the same line.
 */
const TEXT_PATTERNS: readonly { name: string; re: RegExp }[] = [
  {
    name: 'label 发布时间/发布日期/时间',
    re: /(?:发布时间|发布日期|发文日期|时间|日期)\s*[：:]\s*(\d{4}[-./年]\d{1,2}[-./月]\d{1,2}日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?)/,
  },
  { name: 'e-paper edition （2026年05月29日 05版）', re: /[（(]\s*(\d{4}年\d{1,2}月\d{1,2}日)\s*\d{1,2}\s*版\s*[）)]/ },
  { name: 'Chinese date 2026年6月8日', re: /(\d{4}年\d{1,2}月\d{1,2}日(?:\s*\d{1,2}:\d{2})?)/ },
  { name: 'numeric date 2026-06-08', re: /(\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?)?)/ },
];

const MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December';
const ENGLISH = new RegExp(
  `(${MONTHS}) (\\d{1,2}), (\\d{4})(?:\\s*/?\\s*(\\d{1,2}):(\\d{2}) ?(AM|PM) (UTC|GMT(?:[+-]\\d{1,2})?))?`,
);

/** The first date in a line of visible text, as a `text` candidate (Beijing time unless stated). */
export function dateInText(text: string, field = 'visible text'): DateCandidate | undefined {
  for (const { name, re } of TEXT_PATTERNS) {
    const m = re.exec(text);
    const candidate = m?.[1] ? dateCandidate('text', `${field}: ${name}`, normalizeChinese(m[1])) : undefined;
    if (candidate) return candidate;
  }
  return englishDate(text, field);
}

// `2026年06月08日 17:00` is accepted by the parser as is; `2026-6-8日` forms are normalised.
function normalizeChinese(raw: string): string {
  return raw.replace(/^(\d{4})[-./](\d{1,2})[-./](\d{1,2})日/, '$1-$2-$3');
}

/** "March 7, 2024 / 7:55 AM UTC" (Reuters' visible dateline) → an instant, or a day. */
function englishDate(text: string, field: string): DateCandidate | undefined {
  const m = ENGLISH.exec(text);
  if (!m) return undefined;
  const [, month, day, year, hour, minute, ampm, zoneText] = m;
  const base = `${month} ${day} ${year}`;
  if (!hour) {
    const dt = DateTime.fromFormat(base, 'LLLL d yyyy', { zone: 'UTC' });
    return dt.isValid
      ? { kind: 'text', field: `${field}: English date`, raw: m[0], at: isoOf(dt), precision: 'day' }
      : undefined;
  }
  const offset = /GMT([+-]\d{1,2})/.exec(zoneText ?? '')?.[1];
  const zone = offset ? `UTC${offset}` : 'UTC';
  const dt = DateTime.fromFormat(`${base} ${hour}:${minute} ${ampm}`, 'LLLL d yyyy h:mm a', { zone });
  return dt.isValid
    ? { kind: 'text', field: `${field}: English dateline`, raw: m[0], at: isoOf(dt.toUTC()), precision: 'minute' }
    : undefined;
}

/**
 * The document's own date (成文日期): the signing date on a line of its own near the end of
 * the body (`2026年6月3日`), which differs from the web publication date. Undefined when the
 * body ends without one.
 */
export function documentDate(bodyText: string): DateCandidate | undefined {
  const lines = bodyText
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(-6)
    .reverse();
  for (const line of lines) {
    if (/^\d{4}年\d{1,2}月\d{1,2}日$/.test(line)) return dateCandidate('text', 'body sign-off (成文日期)', line);
  }
  return undefined;
}
