import type { SourceInput } from './schema.js';

/**
 * Reuters: headlines and publication times from the news sitemaps (sources.md §3.3). Article
 * pages sit behind DataDome and robots.txt, so a sitemap `<url>` is stored as a complete
 * headline record; the article parser only runs when the browser path is enabled.
 */
export const reuters = {
  id: 'reuters',
  publishesInUtc: true,
  name: 'Reuters',
  aliases: ['路透', '路透社', 'Thomson Reuters'],
  hosts: ['www.reuters.com'],
  description: 'English headlines and publication times from the Reuters news sitemaps',
  discovery: [
    {
      name: 'news sitemap index (about the last 48 h, slices newest first)',
      url: 'https://www.reuters.com/arc/outboundfeeds/news-sitemap-index/?outputType=xml',
      label: 'SITEMAP',
    },
  ],
  selectors: {
    // 2024 and 2023 pages both carry data-testid="Heading"; the class names are build hashes.
    title: ['h1[data-testid="Heading"]', 'main#main-content article h1'],
    // 2024: div[data-testid=ArticleBody]; 2023 had no testid, only a hashed
    // `article-body__content__17Yit` class, so match its stable prefix.
    body: ['div[data-testid="ArticleBody"]', 'div[class*="article-body__content"]'],
    // Inside the body: div (2024) or p (2023) with data-testid="paragraph-N"; bare <p> last.
    paragraphs: ['[data-testid^="paragraph-"]', 'p'],
  },
  // The sitemap's publication_date is the public publish time (= JSON-LD datePublished =
  // display_time); the URL slug date is a UTC calendar day, so it is the last resort.
  datePrecedence: ['sitemap', 'jsonld', 'meta', 'url'],
  nativeId: {
    pattern: /^https?:\/\/www\.reuters\.com(\/[^?#]*)/,
    note: 'the URL path, e.g. /world/china/…-2026-06-08/ (the sitemap loc is the canonical URL; the Arc id is only inside pages we do not fetch)',
  },
  // Sitemaps only, one at a time: DataDome scores request rate, and a 401 costs the session.
  politeness: { delayMs: 5000, concurrency: 1 },
  browser: 'optional',
  // English wire copy appears every few minutes around the clock; two hours of silence is odd.
  expectedCadenceHours: 2,
  quirks: [
    {
      name: 'sitemap-size-100',
      reason:
        'The index steps `from` by 100, but a slice requested without `size=100` returns only 50 entries, so entries 50-99 of each slice are never listed; every sub-sitemap request carries `size=100`.',
    },
    {
      name: 'index-loc-amp-escaped',
      reason:
        'Index locs are written `?outputType=xml&amp;from=100`; they must be XML-decoded, or the request carries a parameter named `amp;from` and is served slice 0 again.',
    },
    {
      name: 'language-from-path',
      reason:
        '`news:language` says `en` on every entry, including /es/ and /pt/ ones; the language comes from the first path segment (es pt fr de it ar ja zh latam br), and non-English entries are dropped.',
    },
    {
      name: 'arc-id-slug-non-english',
      reason:
        'Language editions use a 26-character upper-case Arc id as the slug (/es/negocio/6T32DZDS7VOLTKN7AXYUQ46EN4-2024-11-13/) where English stories use words; such a slug is treated as non-English even under an unknown prefix.',
    },
    {
      name: 'sitemap-headlines-only',
      reason:
        'Article pages are disallowed for generic bots by robots.txt and answer 401 (DataDome) to non-browsers, so a sitemap entry is stored as a complete record (title and time, empty body) and no article page is requested.',
    },
    {
      name: 'robots-disallows-sitemap-paths',
      reason:
        'The 2026 robots.txt allows only /plus/ for `*`, so /arc/outboundfeeds/ is formally under `Disallow: /`; the news sitemap index is advertised in its own SITEMAP: line, which is what fetching it rests on. The engine decides; the parser only names the URL.',
    },
    {
      name: 'newest-first-slices',
      reason:
        'Slices run newest first and cover about 48 h; entries older than `since` are dropped, and a slice whose newest entry is already older yields no records (the index step cannot know dates, so it cannot skip such slices; `maxPages` bounds the count).',
    },
    {
      name: 'utc-slug-date',
      reason:
        'The date in the URL slug is the UTC (US) calendar day: a story at 23:18Z on 06-07 is 06-08 in Beijing. It is only a day-precision fallback; days are grouped in Asia/Shanghai from the instant.',
    },
    {
      name: 'fusion-published-time',
      reason:
        'On article pages `Fusion.globalContent.result.published_time` is the creation time (07:02 vs 07:55); the public time is `display_time` = JSON-LD datePublished = meta article:published_time, so Fusion state is never read.',
    },
    {
      name: 'lastmod-is-not-publication',
      reason:
        'Sitemap `lastmod` moves with every update (one entry published 06-07 was updated 06-08), so it is never a date candidate.',
    },
  ],
} satisfies SourceInput;
