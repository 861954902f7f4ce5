import { XMLParser } from 'fast-xml-parser';
import { LayoutChangedError } from '../errors.js';

/** One `<url>` of a news sitemap, its fields as decoded text (undefined where absent or empty). */
export interface NewsSitemapEntry {
  loc?: string;
  title?: string;
  /** `news:publication_date`, ISO 8601 UTC as written. */
  publicationDate?: string;
  /** `lastmod`: the last update, kept for evidence only (never a publication date). */
  lastmod?: string;
  /** `news:language`: unreliable on Reuters (always `en`), kept for evidence only. */
  languageTag?: string;
}

/** A parsed sitemap: an index of sub-sitemaps, or a `urlset` of entries. */
export type SitemapXml = { kind: 'index'; locs: string[] } | { kind: 'urlset'; entries: NewsSitemapEntry[] };

const xmlParser = new XMLParser({
  ignoreAttributes: true,
  // Match on local names: the `news:` / `image:` prefixes are conventions, bound by xmlns.
  removeNSPrefix: true,
  // Keep every value a string: a headline such as "2027" must not turn into a number.
  parseTagValue: false,
  // Without this the parser decodes only the five named XML entities and leaves numeric
  // references (&#8217; &#38;) as text; it also accepts HTML names (&nbsp;) that hand-built
  // feeds use. CDATA content stays literal either way, as XML says.
  htmlEntities: true,
  // A one-entry sitemap must still give an array.
  isArray: (name) => name === 'url' || name === 'sitemap',
});

type XmlObject = Record<string, unknown>;

function asObject(value: unknown): XmlObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as XmlObject) : undefined;
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The text of a leaf (a string, or `#text` when the element also holds children). */
function textOf(value: unknown): string | undefined {
  const raw = typeof value === 'string' ? value : asObject(value)?.['#text'];
  if (typeof raw !== 'string') return undefined;
  const text = raw.replace(/[\s\u00a0]+/g, ' ').trim();
  return text === '' ? undefined : text;
}

function entryOf(url: unknown): NewsSitemapEntry {
  const u = asObject(url) ?? {};
  const news = asObject(u['news']) ?? {};
  return {
    loc: textOf(u['loc']),
    title: textOf(news['title']),
    publicationDate: textOf(news['publication_date']),
    lastmod: textOf(u['lastmod']),
    languageTag: textOf(asObject(news['publication'])?.['language']),
  };
}

/**
 * Parse a sitemap index or a (news) `urlset`. An empty root (`<urlset/>`) is a valid sitemap
 * with no entries. Anything else — an HTML interstitial, a broken document — is a
 * `LayoutChangedError` naming the URL.
 */
export function parseSitemapXml(xml: string, url: string): SitemapXml {
  let doc: XmlObject | undefined;
  try {
    doc = asObject(xmlParser.parse(xml) as unknown);
  } catch (cause) {
    throw new LayoutChangedError('sitemap is not well-formed XML', url, { cause });
  }
  if (doc && 'sitemapindex' in doc) {
    const sitemaps = asList(asObject(doc['sitemapindex'])?.['sitemap']);
    const locs = sitemaps.map((s) => textOf(asObject(s)?.['loc'])).filter((loc): loc is string => loc !== undefined);
    return { kind: 'index', locs };
  }
  if (doc && 'urlset' in doc) {
    return { kind: 'urlset', entries: asList(asObject(doc['urlset'])?.['url']).map(entryOf) };
  }
  const root = Object.keys(doc ?? {}).find((k) => k !== '?xml') ?? 'nothing';
  throw new LayoutChangedError(`not a sitemap: root element is <${root}>, not <urlset> or <sitemapindex>`, url);
}
