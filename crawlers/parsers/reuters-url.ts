import { dateCandidate, type DateCandidate } from '../../pipeline/dates/candidates.js';
import { reuters } from '../sources/reuters.js';

/**
 * First path segments of the Reuters language editions (sources.md §3.3). `news:language`
 * says `en` on all of them, so the path is the only reliable signal.
 */
export const NON_ENGLISH_PREFIXES: ReadonlySet<string> = new Set([
  'es',
  'pt',
  'fr',
  'de',
  'it',
  'ar',
  'ja',
  'zh',
  'latam',
  'br',
]);

// Editions name stories by their 26-character Arc id (base32, upper case) plus the date;
// English stories use lower-case words. Catches an edition whose prefix is not listed yet.
const ARC_ID_SLUG = /\/[A-Z0-9]{26}-\d{4}-\d{2}-\d{2}\/?$/;

// The slug ends in the story's UTC calendar date: `…-2026-06-07/`.
const SLUG_DATE = /-(\d{4}-\d{2}-\d{2})\/?$/;

/** A URL on one of the source's hosts, or undefined (off-host, relative or not a URL). */
export function reutersUrl(href: string, base?: string): URL | undefined {
  let url: URL;
  try {
    url = new URL(href, base);
  } catch {
    return undefined;
  }
  const onHost =
    (url.protocol === 'https:' || url.protocol === 'http:') &&
    (reuters.hosts as readonly string[]).includes(url.hostname);
  return onHost ? url : undefined;
}

/** The native id of an article URL: its path, read with the source's `nativeId.pattern`. */
export function nativeIdOf(url: string): string | undefined {
  return reuters.nativeId.pattern.exec(url)?.[1];
}

/**
 * Whether a Reuters article URL is an English story: its first path segment is no language
 * edition and its slug is no Arc id.
 */
export function isEnglishPath(pathname: string): boolean {
  const first = pathname.split('/').find((segment) => segment !== '') ?? '';
  return !NON_ENGLISH_PREFIXES.has(first.toLowerCase()) && !ARC_ID_SLUG.test(pathname);
}

/**
 * The slug date as a day candidate of kind `url`. It is the UTC (US) calendar day, so it is
 * written as UTC midnight: its Beijing day equals the slug date, which can be one day before
 * the story's Beijing day. A last resort after the sitemap and page times.
 */
export function slugDateCandidate(pathname: string): DateCandidate | undefined {
  const raw = SLUG_DATE.exec(pathname)?.[1];
  return dateCandidate('url', 'URL slug date (UTC calendar day)', raw, 'UTC');
}
