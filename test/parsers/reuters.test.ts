import { describe, expect, it } from 'vitest';
import { makeDocument } from '../../crawlers/extract/document.js';
import type { ArticleExtract, CrawlRequest, DiscoverContext } from '../../crawlers/extract/types.js';
import { BotWallError, LayoutChangedError } from '../../crawlers/errors.js';
import { reutersParser } from '../../crawlers/parsers/reuters.js';
import { reuters } from '../../crawlers/sources/reuters.js';
import { sourceSchema } from '../../crawlers/sources/schema.js';
import { shanghaiDay } from '../../pipeline/dates/candidates.js';
import { chooseDate } from '../../pipeline/dates/choose.js';
import { readManifest, routeMatches } from '../replay/routes.js';
import { expectedArticles, fixtureDoc, realPageDoc } from './fixture-doc.js';

const HOST = 'www.reuters.com';
const SITE = new URL(`../fixtures/sites/${HOST}/`, import.meta.url).pathname;
const INDEX = 'https://www.reuters.com/arc/outboundfeeds/news-sitemap-index/?outputType=xml';
const SLICE = 'https://www.reuters.com/arc/outboundfeeds/news-sitemap/?outputType=xml';
const ALL: DiscoverContext = { since: new Date('2000-01-01T00:00:00Z'), maxPages: 100 };
const routes = readManifest(SITE);
const expected = expectedArticles(HOST) as (ReturnType<typeof expectedArticles>[number] & {
  kept: boolean;
  sitemap: unknown;
})[];

/** The file the replay server answers a GET of `url` with (its first matching route). */
function routeFile(url: string): string {
  const u = new URL(url);
  const route = routes.find((r) =>
    routeMatches(r, { method: 'GET', path: u.pathname, params: Object.fromEntries(u.searchParams) }),
  );
  if (!route?.file) throw new Error(`no replay route for ${url}`);
  return route.file;
}

/** The document the engine would hand over for `url`, read through the replay routes. */
function served(url: string) {
  return fixtureDoc(url, { file: routeFile(url), contentType: 'application/xml' });
}

/** Follow the crawl the engine would make: index → slices → records (per slice). */
function crawl(ctx: DiscoverContext) {
  const [index] = reutersParser.start(ctx);
  const slices = reutersParser.discover(served(index!.url), ctx).next;
  return slices.map((req) => ({ req, found: reutersParser.discover(served(req.url), ctx) }));
}

function records(ctx: DiscoverContext): ArticleExtract[] {
  return crawl(ctx).flatMap((s) => s.found.records ?? []);
}

function published(r: ArticleExtract) {
  return chooseDate(r.dates, reuters.datePrecedence);
}

function xmlDoc(xml: string) {
  return makeDocument(SLICE, 200, { 'content-type': 'application/xml' }, Buffer.from(xml, 'utf8'));
}

const URLSET =
  '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">';

function entry(loc: string, title: string, date = '2026-06-08T10:00:00.000Z'): string {
  return `<url><loc>${loc}</loc><news:news><news:publication><news:name>Reuters</news:name><news:language>en</news:language></news:publication><news:publication_date>${date}</news:publication_date><news:title>${title}</news:title></news:news></url>`;
}

describe('reuters source', () => {
  it('satisfies the source schema and documents the size=100 quirk', () => {
    const parsed = sourceSchema.parse(reuters);
    expect(parsed.browser).toBe('optional');
    expect(parsed.datePrecedence).toEqual(['sitemap', 'jsonld', 'meta', 'url']);
    expect(parsed.quirks.map((q) => q.name)).toContain('sitemap-size-100');
  });
});

describe('reuters sitemap discovery', () => {
  it('starts from the news sitemap index', () => {
    expect(reutersParser.start(ALL)).toEqual([{ url: INDEX, label: 'SITEMAP', userData: { page: 0 } }]);
  });

  it('turns the index into slice requests that carry size=100 and a decoded &amp;', () => {
    const found = reutersParser.discover(served(INDEX), ALL);
    expect(found.itemsFound).toBe(3);
    expect(found.articles).toEqual([]);
    expect(found.next.map((r: CrawlRequest) => [r.url, r.label, r.userData?.page])).toEqual([
      [`${SLICE}&size=100`, 'SITEMAP', 1],
      [`${SLICE}&from=100&size=100`, 'SITEMAP', 2],
      [`${SLICE}&from=200&size=100`, 'SITEMAP', 3],
    ]);
    expect(found.next.map((r) => routeFile(r.url))).toEqual([
      '_sitemaps/news-sitemap-from-0-size-100.xml',
      '_sitemaps/news-sitemap-from-100-size-100.xml',
      '_sitemaps/news-sitemap-from-200-size-100.xml',
    ]);
  });

  it('caps the slice requests at maxPages, oldest slices first to go', () => {
    expect(reutersParser.discover(served(INDEX), { ...ALL, maxPages: 2 }).next.map((r) => r.userData?.page)).toEqual([
      1, 2,
    ]);
    expect(reutersParser.discover(served(INDEX), { ...ALL, maxPages: 0 }).next).toEqual([]);
  });

  it('counts every <url> of each slice, English or not', () => {
    const counts = crawl(ALL).map((s) => s.found.itemsFound);
    expect(counts).toEqual([100, 100, 15]);
    expect(crawl(ALL).every((s) => s.found.articles.length === 0 && s.found.next.length === 0)).toBe(true);
  });

  it('finds every English sitemap entry of _expected.json exactly once, with its fields', () => {
    const all = records(ALL);
    const english = expected.filter((e) => e.kept && e.sitemap !== null);
    expect(english).toHaveLength(96);
    expect(all).toHaveLength(english.length);
    for (const e of english) {
      const hits = all.filter((r) => r.url === e.url);
      expect(hits, e.url).toHaveLength(1);
      const r = hits[0]!;
      const chosen = published(r);
      expect([r.nativeId, r.title, chosen.publishedAt, chosen.precision], e.url).toEqual([
        e.nativeId,
        e.title,
        e.publishedAt,
        e.datePrecision,
      ]);
      expect(shanghaiDay(chosen.publishedAt!), e.url).toBe(e.publishedDate);
      expect([r.originalOutlet, r.docNumber, r.bodyText, r.attachments, r.language]).toEqual([
        'Reuters',
        null,
        '',
        [],
        'en',
      ]);
    }
  });

  it('never yields a non-English entry, although news:language says en on all of them', () => {
    const urls = new Set(records(ALL).map((r) => r.url));
    const foreign = expected.filter((e) => !e.kept);
    expect(foreign.length).toBeGreaterThan(100);
    expect(foreign.filter((e) => urls.has(e.url))).toEqual([]);
    expect([...urls].filter((u) => /^https:\/\/www\.reuters\.com\/(es|pt|latam)\//.test(u))).toEqual([]);
  });

  it('keeps the UTC instant and groups by the Beijing day around 16:00Z', () => {
    const byPath = new Map(records(ALL).map((r) => [new URL(r.url).pathname, r]));
    const day = (slug: string) => {
      const r = byPath.get(slug);
      if (!r) throw new Error(`missing ${slug}`);
      return [published(r).publishedAt, shanghaiDay(published(r).publishedAt!)];
    };
    expect(day('/world/asia-pacific/singapore-ease-rules-foreign-fintech-firms-2026-06-07/')[1]).toBe('2026-06-07');
    expect(day('/world/china/chinas-ev-share-car-sales-keeps-climbing-industry-estimate-shows-2026-06-07/')[1]).toBe(
      '2026-06-08',
    );
    expect(day('/business/retail-consumer/walmart-expand-drone-delivery-five-more-us-states-2026-06-08/')[1]).toBe(
      '2026-06-08',
    );
    expect(
      day('/business/autos-transportation/chinese-ev-makers-step-up-price-cuts-ahead-mid-year-sales-2026-06-08/')[1],
    ).toBe('2026-06-09');
    // The slug says 06-07 (UTC); the story is 07:18 on 06-08 in Beijing.
    expect(
      day('/business/finance/goldman-sachs-pushes-fed-rate-cut-call-2027-strong-us-jobs-data-2026-06-07/'),
    ).toEqual(['2026-06-07T23:18:42.517Z', '2026-06-08']);
  });

  it('gives the slug date only as a last-resort day candidate of kind url', () => {
    const goldman = records(ALL).find((r) => r.url.includes('goldman-sachs-pushes'))!;
    expect(goldman.dates.map((d) => [d.kind, d.at, d.precision])).toEqual([
      ['sitemap', '2026-06-07T23:18:42.517Z', 'second'],
      ['url', '2026-06-07T00:00:00Z', 'day'],
    ]);
  });

  it('finds the 52 English stories of the digest day, 24 of them only through size=100', () => {
    const onDay = records(ALL).filter((r) => shanghaiDay(published(r).publishedAt!) === '2026-06-08');
    expect(onDay).toHaveLength(52);
    const hidden = expected.filter(
      (e) =>
        e.kept &&
        e.publishedDate === '2026-06-08' &&
        (e.sitemap as { visibleWithoutSize100?: boolean } | null)?.visibleWithoutSize100 === false,
    );
    expect(hidden).toHaveLength(24);
    const withoutSize = [SLICE, `${SLICE}&from=100`, `${SLICE}&from=200`].flatMap(
      (u) => reutersParser.discover(served(u), ALL).records ?? [],
    );
    const seenWithout = new Set(withoutSize.map((r) => r.url));
    expect(hidden.filter((e) => seenWithout.has(e.url))).toEqual([]);
  });

  it('drops entries older than since', () => {
    const beijing0609 = new Date('2026-06-08T16:00:00Z');
    const late = records({ ...ALL, since: beijing0609 });
    expect(late).toHaveLength(17);
    expect(late.every((r) => Date.parse(published(r).publishedAt!) >= beijing0609.getTime())).toBe(true);
    expect(records({ ...ALL, since: new Date('2026-06-07T16:00:00Z') })).toHaveLength(52 + 17);
  });

  it('yields no records from a slice wholly older than since, but still counts its entries', () => {
    const oldest = reutersParser.discover(served(`${SLICE}&from=200&size=100`), {
      ...ALL,
      since: new Date('2026-06-08T21:40:00Z'),
    });
    expect([oldest.itemsFound, oldest.records, oldest.next]).toEqual([15, [], []]);
  });

  it('decodes entities and keeps CDATA literal in titles', () => {
    const all = records(ALL);
    expect(all.map((r) => r.title)).toContain("Germany's industrial output falls more than expected in April");
    expect(all.map((r) => r.title)).toContain('US Senate advances stopgap farm bill extension');
    const xml = `${URLSET}${entry('https://www.reuters.com/markets/us/sp-500-nasdaq-2026-06-08/', 'S&amp;P 500 &amp; Nasdaq slip; AT&#38;T&#8217;s &quot;deal&quot; &lt;off&gt;')}${entry(
      'https://www.reuters.com/business/att-2026-06-08/',
      '<![CDATA[AT&T <beats> forecasts]]>',
    )}${entry('https://www.reuters.com/world/2027-2026-06-08/', '2027')}</urlset>`;
    const found = reutersParser.discover(xmlDoc(xml), ALL);
    expect(found.records?.map((r) => r.title)).toEqual([
      'S&P 500 & Nasdaq slip; AT&T’s "deal" <off>',
      'AT&T <beats> forecasts',
      '2027',
    ]);
  });

  it('reads a one-entry sitemap and takes the language from the path, not news:language', () => {
    const one = `${URLSET}${entry('https://www.reuters.com/world/china/one-2026-06-08/', 'One')}</urlset>`;
    expect(reutersParser.discover(xmlDoc(one), ALL).records?.map((r) => r.nativeId)).toEqual([
      '/world/china/one-2026-06-08/',
    ]);
    const foreign = [
      'fr/world/x-2026-06-08/',
      'zh/china/x-2026-06-08/',
      'br/negocio/x-2026-06-08/',
      'ru/world/6T32DZDS7VOLTKN7AXYUQ46EN4-2026-06-08/',
    ];
    const xml = `${URLSET}${foreign.map((p) => entry(`https://www.reuters.com/${p}`, 'Foreign')).join('')}${entry('https://example.com/world/x-2026-06-08/', 'Off host')}</urlset>`;
    const found = reutersParser.discover(xmlDoc(xml), ALL);
    expect([found.itemsFound, found.records]).toEqual([5, []]);
  });

  it('yields itemsFound 0 from a sitemap with no <url> elements', () => {
    for (const xml of [`${URLSET}</urlset>`, `${URLSET}\n</urlset>`, '<urlset/>']) {
      expect(reutersParser.discover(xmlDoc(xml), ALL)).toEqual({ articles: [], next: [], records: [], itemsFound: 0 });
    }
  });

  it('rejects a page that is no sitemap (the DataDome interstitial) as a layout change', () => {
    const page = fixtureDoc(SLICE, { file: '_datadome/401.html', contentType: 'text/html' });
    expect(() => reutersParser.discover(page, ALL)).toThrow(LayoutChangedError);
  });
});

describe('reuters article pages (browser path)', () => {
  const real = expected.filter((e) => e.provenance === 'real');

  it('parses the 2024 page: JSON-LD datePublished, never the Fusion creation time', () => {
    const e = real.find((x) => x.url.includes('2024-03-07'))!;
    const a = reutersParser.article(realPageDoc(e.url, 'reuters/Reuters_2024_03_07.html.gz'));
    expect([a.nativeId, a.url, a.title]).toEqual([e.nativeId, e.url, e.title]);
    expect(a.dates.map((d) => [d.kind, d.at])).toEqual([
      ['jsonld', '2024-03-07T07:55:25Z'],
      ['meta', '2024-03-07T07:55:25Z'],
      ['url', '2024-03-07T00:00:00Z'],
    ]);
    expect(published(a)).toMatchObject({ publishedAt: '2024-03-07T07:55:25Z', precision: 'second' });
    const lines = a.bodyText.split('\n');
    expect(lines).toHaveLength(30);
    expect(lines[0]).toMatch(/^BEIRUT\/THE HAGUE, March 7 \(Reuters\) - /);
    expect([a.originalOutlet, a.language, a.docNumber]).toEqual(['Reuters', 'en', null]);
  });

  it('parses the 2023 page through the older body layout', () => {
    const e = real.find((x) => x.url.includes('2023-04-25'))!;
    const a = reutersParser.article(realPageDoc(e.url, 'reuters/Reuters_2023_05_16.html.gz'));
    expect([a.nativeId, a.title, published(a).publishedAt, shanghaiDay(published(a).publishedAt!)]).toEqual([
      e.nativeId,
      e.title,
      '2023-04-25T12:26:15Z',
      e.publishedDate,
    ]);
    const lines = a.bodyText.split('\n');
    expect(lines).toHaveLength(8);
    expect(lines[0]).toMatch(/^KATHMANDU, April 25 \(Reuters\) - /);
  });

  it('raises a bot wall on the DataDome interstitial and a layout change on a bare page', () => {
    const url = 'https://www.reuters.com/world/china/x-2026-06-08/';
    const wall = fixtureDoc(url, { file: '_datadome/401.html', contentType: 'text/html' });
    expect(() => reutersParser.article(wall)).toThrow(BotWallError);
    const bare = makeDocument(
      url,
      200,
      { 'content-type': 'text/html' },
      Buffer.from('<html><body><h1 data-testid="Heading">T</h1></body></html>'),
    );
    expect(() => reutersParser.article(bare)).toThrow(/no body paragraphs/);
  });
});
