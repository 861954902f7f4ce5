/**
 * Helpers every source parser may use: start requests, the crawl-window test, native ids,
 * URL dates, href resolution, selector fallbacks and the head-of-body 文号.
 */
import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode } from 'domhandler';
import { DateTime } from 'luxon';
import { dayCandidate, type DateCandidate } from '../../pipeline/dates/candidates.js';
import { LayoutChangedError } from '../errors.js';
import { findDocNumber } from './text.js';
import type { CrawlRequest } from './types.js';
import type { SourceInput } from '../sources/schema.js';

/** The start requests of a source: one per discovery entry, as page 1. */
export function startRequests(source: Pick<SourceInput, 'discovery'>): CrawlRequest[] {
  return source.discovery.map((e) => ({
    url: e.url,
    label: e.label,
    method: e.method ?? 'GET',
    ...(e.form ? { form: e.form } : {}),
    userData: { page: 1, ...(e.role ? { extra: { role: e.role } } : {}) },
  }));
}

/**
 * Whether a dated item may still be inside the crawl window. A date is compared by the end of
 * its period: a list row dated `2026-06-08` (day precision, 00:00) must not be dropped for a
 * `since` of 2026-06-08 10:00, because the article may have been published at 11:46 that day.
 * Items without a date stay in: the article page will tell.
 */
export function inWindow(c: DateCandidate | undefined, since: Date): boolean {
  if (!c) return true;
  const end = DateTime.fromISO(c.at, { setZone: true }).endOf(c.precision);
  return end.toMillis() >= since.getTime();
}

/** The oldest of some candidates (undefined when there are none). */
export function oldest(dates: readonly (DateCandidate | undefined)[]): DateCandidate | undefined {
  let min: DateCandidate | undefined;
  for (const d of dates) if (d && (!min || Date.parse(d.at) < Date.parse(min.at))) min = d;
  return min;
}

/** The native id: the first capture group of the source's `nativeId.pattern` (the source file is the one place it is defined). */
export function nativeIdOf(url: string, pattern: RegExp): string {
  const id = pattern.exec(url)?.[1];
  if (!id) throw new LayoutChangedError(`article URL does not match the native id pattern ${String(pattern)}`, url);
  return id;
}

/** A day-precision `url` candidate from a URL regex whose groups 1–3 are year, month and day. */
export function urlDayCandidate(url: string, re: RegExp, field: string): DateCandidate | undefined {
  const m = re.exec(url);
  if (!m) return undefined;
  return dayCandidate('url', field, m[0], Number(m[1]), Number(m[2]), Number(m[3]));
}

/** `href` resolved against `base`, without fragment; undefined for a missing or unparseable href. */
export function resolveHref(href: string | undefined, base: string): string | undefined {
  const raw = href?.trim();
  if (!raw || /^(javascript|mailto):/i.test(raw)) return undefined;
  try {
    const url = new URL(raw, base);
    url.hash = '';
    return url.href;
  } catch {
    return undefined;
  }
}

/**
 * A title as shown: runs of ASCII whitespace and NBSP become one space and the ends are trimmed,
 * but an inner U+3000 stays. Chinese headlines use it as a clause break
 * (`持续优化营商环境　激发经营主体活力`), and the labelled titles keep it.
 */
export function titleText(raw: string): string {
  return raw
    .replace(/[ \t\r\n\f\u00a0]+/g, ' ')
    .replace(/^[\s\u3000]+|[\s\u3000]+$/g, '')
    .replace(/ ?\u3000 ?/g, '\u3000');
}

/** The first of `selectors` that finds an element inside `el` (text may be empty: an attribute may be wanted). */
export function findIn(el: Cheerio<AnyNode>, selectors: readonly string[]): Cheerio<AnyNode> | undefined {
  for (const selector of selectors) {
    const found = el.find(selector).first();
    if (found.length > 0) return found;
  }
  return undefined;
}

/** The first of `selectors` that finds an element in the page, even an empty one, or a `LayoutChangedError`. */
export function requireElement(
  $: CheerioAPI,
  selectors: readonly string[],
  field: string,
  url: string,
): Cheerio<AnyNode> {
  for (const selector of selectors) {
    const found = $(selector).first();
    if (found.length > 0) return found;
  }
  throw new LayoutChangedError(`no ${field}: none of ${selectors.join(' | ')} matched`, url);
}

// How far into a body a 文号 may stand: it heads an official document, and a number cited later
// in the text is a reference to another document, not this one's.
const HEAD_LINES = 8;
// A 令 (order) is numbered on its own: `国家互联网信息办公室令` then `第23号`, on one line or two.
// One issuer only (no spaces): joint orders of many bodies have no agreed short form.
const ORDER_LINE = /^([\u4e00-\u9fa5]{2,30}令)\s*(第\d{1,4}号)$/;
const ORDER_HEAD = /^[\u4e00-\u9fa5]{2,30}令$/;
const ORDER_SERIAL = /^第\d{1,4}号$/;

/**
 * The document number of a body: a head line that is nothing but a 文号 (`国办发〔2026〕15号`), or
 * an order number (`国家互联网信息办公室令第23号`, possibly split over two lines). Null otherwise.
 */
export function headDocNumber(bodyText: string): string | null {
  const lines = bodyText
    .split('\n')
    .slice(0, HEAD_LINES)
    .map((l) => l.replace(/\s+/g, ''));
  for (const [i, line] of lines.entries()) {
    const order = ORDER_LINE.exec(line);
    if (order) return `${order[1]}${order[2]}`;
    const next = lines[i + 1];
    if (ORDER_HEAD.test(line) && next && ORDER_SERIAL.test(next)) return `${line}${next}`;
    const num = findDocNumber(line);
    if (num && line.replace(/[[【(（]/g, '〔').replace(/[\]】)）]/g, '〕') === num) return num;
  }
  return null;
}
