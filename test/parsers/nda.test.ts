import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LayoutChangedError } from '../../crawlers/errors.js';
import { makeDocument } from '../../crawlers/extract/document.js';
import type { DiscoverContext, RequestData } from '../../crawlers/extract/types.js';
import { folderDate, ndaParser } from '../../crawlers/parsers/nda.js';
import { nda } from '../../crawlers/sources/nda.js';
import { sourceSchema } from '../../crawlers/sources/schema.js';
import { shanghaiDay } from '../../pipeline/dates/candidates.js';
import { chooseDate } from '../../pipeline/dates/choose.js';
import { expectedArticles, fixtureDoc } from './fixture-doc.js';

const HOST = 'www.nda.gov.cn';
const SITE = new URL(`../fixtures/sites/${HOST}/`, import.meta.url).pathname;
const ALL: DiscoverContext = { since: new Date('2000-01-01T00:00:00Z'), maxPages: 50 };
const list = (path: string) => fixtureDoc(`https://${HOST}${path}`);

/** Every list page in the fixture, as real URLs. */
function listUrls(): string[] {
  return readdirSync(`${SITE}sjj`, { recursive: true, encoding: 'utf8' })
    .filter((f) => /list\/index_pc_\d+\.html$/.test(f))
    .map((f) => `https://${HOST}/sjj/${f}`);
}

/** What the lists tell each article (list date and title), as discover hands it on. */
function listData(): Map<string, RequestData> {
  const data = new Map<string, RequestData>();
  for (const url of listUrls()) {
    for (const req of ndaParser.discover(fixtureDoc(url), ALL).articles) data.set(req.url, req.userData ?? {});
  }
  return data;
}

describe('nda source file', () => {
  it('satisfies the schema and starts at page 1 of each column list, never at the JS shell', () => {
    expect(sourceSchema.safeParse(nda).success).toBe(true);
    const start = ndaParser.start(ALL);
    expect(start).toHaveLength(9);
    expect(
      start.every((r) => r.label === 'LIST' && r.userData?.page === 1 && r.url.endsWith('/list/index_pc_1.html')),
    ).toBe(true);
    expect(start.map((r) => r.url)).toContain('https://www.nda.gov.cn/sjj/zwgk/zcfb/list/index_pc_1.html');
    expect(start.some((r) => new URL(r.url).pathname === '/')).toBe(false);
  });
});

describe('nda list pages', () => {
  it('reads 20 rows from a full page with full titles from a[title] and list dates', () => {
    const found = ndaParser.discover(list('/sjj/zwgk/zcfb/list/index_pc_1.html'), ALL);
    expect(found.itemsFound).toBe(20);
    expect(found.articles).toHaveLength(20);
    const row = found.articles.find((a) => a.url.includes('20260602195929773670995'));
    expect(row?.url).toBe('https://www.nda.gov.cn/sjj/zwgk/zcfb/0602/20260602195929773670995_pc.html');
    expect(row?.label).toBe('ARTICLE');
    expect(row?.userData?.listTitle).toBe('国家数据局关于印发《公共数据资源授权运营实施规范（试行）》的通知');
    expect(row?.userData?.listDate).toMatchObject({ kind: 'list', at: '2026-06-02T00:00:00+08:00', precision: 'day' });
  });

  it('follows to page N+1 while the page is inside the window and below maxPages', () => {
    const found = ndaParser.discover(list('/sjj/zwgk/zcfb/list/index_pc_1.html'), ALL);
    expect(found.next).toEqual([
      expect.objectContaining({
        url: 'https://www.nda.gov.cn/sjj/zwgk/zcfb/list/index_pc_2.html',
        label: 'LIST',
        userData: expect.objectContaining({ page: 2 }),
      }),
    ]);
    expect(ndaParser.discover(list('/sjj/zwgk/zcfb/list/index_pc_2.html'), ALL).next[0]?.url).toMatch(
      /index_pc_3\.html$/,
    );
  });

  it('stops at maxPages', () => {
    expect(ndaParser.discover(list('/sjj/zwgk/zcfb/list/index_pc_1.html'), { ...ALL, maxPages: 1 }).next).toEqual([]);
    expect(ndaParser.discover(list('/sjj/zwgk/zcfb/list/index_pc_2.html'), { ...ALL, maxPages: 2 }).next).toEqual([]);
  });

  it('stops once the oldest row is older than since, and requests only rows inside the window', () => {
    // Page 1 of zcfb runs from 2026-07-04 down to 2026-03-10.
    const ctx = { since: new Date('2026-05-31T16:00:00Z'), maxPages: 50 }; // 2026-06-01 00:00 Beijing
    const found = ndaParser.discover(list('/sjj/zwgk/zcfb/list/index_pc_1.html'), ctx);
    expect(found.next).toEqual([]);
    expect(found.itemsFound).toBe(20);
    expect(found.articles.map((a) => a.userData?.listDate?.at.slice(0, 10))).toEqual([
      '2026-07-04',
      '2026-06-05',
      '2026-06-02',
    ]);
    // A since on the oldest row's day still follows: that day may continue on the next page.
    const sameDay = { since: new Date('2026-03-10T05:00:00Z'), maxPages: 50 };
    expect(ndaParser.discover(list('/sjj/zwgk/zcfb/list/index_pc_1.html'), sameDay).next).toHaveLength(1);
  });

  it('asks for no page after the last one (totalData), on short and on full last pages', () => {
    const last = ndaParser.discover(list('/sjj/zwgk/zcfb/list/index_pc_3.html'), ALL);
    expect(last.itemsFound).toBe(1);
    expect(last.next).toEqual([]);
    expect(ndaParser.discover(list('/sjj/swdt/xwfb/list/index_pc_2.html'), ALL).next).toEqual([]);
    // zjjd holds 8 items: one page, no probe of index_pc_2 (which is a 404).
    const single = ndaParser.discover(list('/sjj/zwgk/zjjd/list/index_pc_1.html'), ALL);
    expect([single.itemsFound, single.next.length]).toEqual([8, 0]);
  });

  it('finds every labelled article on the lists (the unlisted mobile twins aside)', () => {
    const listed = new Set(listData().keys());
    const missing = expectedArticles(HOST)
      .flatMap((a) => [a.url, ...a.aliasUrls])
      .filter((u) => !u.endsWith('_mobile.html') && !listed.has(u));
    expect(missing).toEqual([]);
    // The listed 0116 item has no page (a 404) and no label; it is still a request.
    expect(listed.has('https://www.nda.gov.cn/sjj/swdt/xwfb/0116/20260116201825208855621_pc.html')).toBe(true);
  });

  it('counts no items on a page without the list', () => {
    const doc = makeDocument(
      'https://www.nda.gov.cn/sjj/zwgk/zcfb/list/index_pc_1.html',
      200,
      {},
      Buffer.from('<html><body><p>改版</p></body></html>'),
    );
    expect(ndaParser.discover(doc, ALL)).toEqual({ articles: [], next: [], itemsFound: 0 });
  });
});

describe('nda articles match _expected.json', () => {
  const data = listData();
  for (const label of expectedArticles(HOST)) {
    it(`${label.nativeId} ${label.title.slice(0, 24)}`, () => {
      const extract = ndaParser.article(fixtureDoc(label.url, { userData: data.get(label.url) ?? {} }));
      expect(extract.title).toBe(label.title);
      expect(extract.nativeId).toBe(label.nativeId);
      expect(extract.originalOutlet).toBe(label.originalSource);
      expect(extract.issuer).toBe(label.issuer);
      expect(extract.docNumber).toBe((label as { docNumber?: string }).docNumber ?? null);
      expect(extract.bodyText).not.toBe('');
      const chosen = chooseDate(extract.dates, nda.datePrecedence);
      expect(chosen.publishedAt).toBe(label.publishedAt);
      expect(chosen.precision).toBe(label.datePrecision);
      expect(shanghaiDay(chosen.publishedAt!)).toBe(label.publishedDate);
      for (const alias of label.aliasUrls) {
        const twin = ndaParser.article(fixtureDoc(alias, { userData: data.get(alias) ?? {} }));
        expect([twin.nativeId, twin.title]).toEqual([label.nativeId, label.title]);
      }
    });
  }
});

describe('nda article details', () => {
  const url = 'https://www.nda.gov.cn/sjj/swdt/xwfb/0519/20260519194643007508935_pc.html';

  it('lists attachments as absolute URLs and keeps the attachment list out of the body', () => {
    const extract = ndaParser.article(fixtureDoc(url));
    expect(extract.attachments).toEqual([
      {
        url: 'https://www.nda.gov.cn/sjj/swdt/xwfb/0519/ff808081-9b5e8626-019e-40100fdf-1439.pdf',
        name: '2026年数字经济发展工作要点',
      },
    ]);
    expect(extract.bodyText).not.toContain('附件：');
    expect(extract.bodyText).not.toContain('分享到');
    expect(extract.bodyText.startsWith('为全面贯彻落实')).toBe(true);
  });

  it('dates a page without PubDate by its list date, then by the folder, never by the id', () => {
    const file = `${SITE}sjj/zwgk/zcfb/0112/20260107214358696030895_pc.html`;
    const html = readFileSync(file, 'utf8').replace(/<meta name="PubDate"[^>]*>/, '');
    const pageUrl = 'https://www.nda.gov.cn/sjj/zwgk/zcfb/0112/20260107214358696030895_pc.html';
    const bare = ndaParser.article(makeDocument(pageUrl, 200, {}, Buffer.from(html)));
    expect(chooseDate(bare.dates, nda.datePrecedence).publishedAt).toBe('2026-01-12T00:00:00+08:00');
    const listed = ndaParser.article(makeDocument(pageUrl, 200, {}, Buffer.from(html), listData().get(pageUrl)));
    expect(chooseDate(listed.dates, nda.datePrecedence).evidence.chosen?.kind).toBe('list');
  });

  it('takes the folder year from the id, rolling over from a December id to a January folder', () => {
    expect(folderDate('https://www.nda.gov.cn/sjj/zwgk/zcfb/0704/20260703230745065425855_pc.html')?.at).toBe(
      '2026-07-04T00:00:00+08:00',
    );
    expect(folderDate('https://www.nda.gov.cn/sjj/zwgk/zcfb/0102/20251231230745065425855_pc.html')?.at).toBe(
      '2026-01-02T00:00:00+08:00',
    );
    expect(folderDate('https://www.nda.gov.cn/sjj/zwgk/zcfb/list/index_pc_1.html')).toBeUndefined();
  });

  it('throws LayoutChangedError when the body is missing', () => {
    const html = readFileSync(`${SITE}sjj/swdt/xwfb/0519/20260519194643007508935_pc.html`, 'utf8').replace(
      '<div class="article">',
      '<div class="gone">',
    );
    expect(() => ndaParser.article(makeDocument(url, 200, {}, Buffer.from(html)))).toThrow(LayoutChangedError);
  });
});
