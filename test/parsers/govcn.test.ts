import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LayoutChangedError } from '../../crawlers/errors.js';
import { makeDocument } from '../../crawlers/extract/document.js';
import type { DiscoverContext, RequestData } from '../../crawlers/extract/types.js';
import { govcnParser } from '../../crawlers/parsers/govcn.js';
import { govcn } from '../../crawlers/sources/govcn.js';
import { sourceSchema } from '../../crawlers/sources/schema.js';
import { shanghaiDay } from '../../pipeline/dates/candidates.js';
import { chooseDate } from '../../pipeline/dates/choose.js';
import { expectedArticles, fixtureDoc } from './fixture-doc.js';

const HOST = 'www.gov.cn';
const SITE = new URL(`../fixtures/sites/${HOST}/`, import.meta.url).pathname;
const FEED = 'https://www.gov.cn/zhengce/zuixin/ZUIXINZHENGCE.json';
const ALL: DiscoverContext = { since: new Date('2000-01-01T00:00:00Z'), maxPages: 50 };
const json = (body: string) => makeDocument(FEED, 200, { 'content-type': 'application/json' }, Buffer.from(body));

function feedData(): Map<string, RequestData> {
  const found = govcnParser.discover(fixtureDoc(FEED), ALL);
  return new Map(found.articles.map((r) => [r.url, r.userData ?? {}]));
}

describe('govcn feed', () => {
  it('satisfies the schema and starts with one API request for the feed', () => {
    expect(sourceSchema.safeParse(govcn).success).toBe(true);
    expect(govcnParser.start(ALL)).toEqual([{ url: FEED, label: 'API', userData: { page: 1 } }]);
  });

  it('turns every row into an article request with its DOCRELPUBTIME as an api date', () => {
    const found = govcnParser.discover(fixtureDoc(FEED), ALL);
    expect([found.itemsFound, found.articles.length, found.next.length]).toEqual([13, 13, 0]);
    const plan = found.articles.find((a) => a.url === 'https://www.gov.cn/zhengce/content/202605/content_7070539.htm');
    expect(plan?.label).toBe('ARTICLE');
    expect(plan?.userData?.listTitle).toBe('国务院关于印发《城市更新“十五五”规划》的通知');
    expect(plan?.userData?.listDate).toMatchObject({
      kind: 'api',
      raw: '2026-05-28',
      at: '2026-05-28T00:00:00+08:00',
      precision: 'day',
    });
    expect(found.articles.every((a) => new URL(a.url).hostname === HOST && a.url.endsWith('.htm'))).toBe(true);
  });

  it('requests only rows on or after the first day of the window', () => {
    const found = govcnParser.discover(fixtureDoc(FEED), { since: new Date('2026-06-01T16:00:00Z'), maxPages: 1 });
    expect(found.itemsFound).toBe(13);
    expect(found.articles.map((a) => a.userData?.listDate?.raw)).toEqual([
      '2026-06-08',
      '2026-06-08',
      '2026-06-02',
      '2026-06-02',
    ]);
  });

  it('skips rows off www.gov.cn, rows that are no article page, and rows without a URL', () => {
    const rows = [
      { TITLE: 'a', URL: 'https://www.gov.cn/zhengce/content/202606/content_1.htm', DOCRELPUBTIME: '2026-06-08' },
      {
        TITLE: 'b',
        URL: 'https://sousuo.www.gov.cn/zhengce/content/202606/content_2.htm',
        DOCRELPUBTIME: '2026-06-08',
      },
      { TITLE: 'c', URL: 'https://www.gov.cn/zhengce/zhengceku/', DOCRELPUBTIME: '2026-06-08' },
      { TITLE: 'd' },
    ];
    const found = govcnParser.discover(json(`\uFEFF${JSON.stringify(rows)}`), ALL);
    expect(found.articles.map((a) => a.url)).toEqual(['https://www.gov.cn/zhengce/content/202606/content_1.htm']);
    expect(found.itemsFound).toBe(1);
  });

  it('decodes the feed as UTF-8 with or without a charset in the header', () => {
    const body = JSON.stringify([
      { TITLE: '国务院文件', URL: 'https://www.gov.cn/zhengce/content/202606/content_1.htm' },
    ]);
    for (const type of ['application/json', 'application/json;charset=UTF-8']) {
      const doc = makeDocument(FEED, 200, { 'content-type': type }, Buffer.from(body));
      expect(govcnParser.discover(doc, ALL).articles[0]?.userData?.listTitle).toBe('国务院文件');
    }
  });

  it('reports a feed that is not a JSON array as a layout change', () => {
    expect(() => govcnParser.discover(json('<html>403 Forbidden</html>'), ALL)).toThrow(LayoutChangedError);
    expect(() => govcnParser.discover(json('{"rows":[]}'), ALL)).toThrow(LayoutChangedError);
  });
});

describe('govcn articles match _expected.json', () => {
  const data = feedData();
  for (const label of expectedArticles(HOST)) {
    it(`${label.nativeId} ${label.title.slice(0, 24)}`, () => {
      const extract = govcnParser.article(fixtureDoc(label.url, { userData: data.get(label.url) ?? {} }));
      expect(extract.title).toBe(label.title);
      expect(extract.nativeId).toBe(label.nativeId);
      expect(extract.originalOutlet).toBe(label.originalSource);
      expect(extract.issuer).toBe(label.issuer);
      expect(extract.docNumber).toBe((label as { docNumber?: string }).docNumber ?? null);
      expect(extract.bodyText).not.toBe('');
      const chosen = chooseDate(extract.dates, govcn.datePrecedence);
      expect(chosen.publishedAt).toBe(label.publishedAt);
      expect(chosen.precision).toBe(label.datePrecision);
      expect(shanghaiDay(chosen.publishedAt!)).toBe(label.publishedDate);
      // The 政策文件库 copy is the same article: same native id, title and 文号.
      for (const alias of label.aliasUrls) {
        const twin = govcnParser.article(fixtureDoc(alias));
        expect([twin.nativeId, twin.url, twin.title, twin.docNumber]).toEqual([
          label.nativeId,
          alias,
          extract.title,
          extract.docNumber,
        ]);
      }
    });
  }
});

describe('govcn article details', () => {
  const url = 'https://www.gov.cn/zhengce/content/202605/content_7070539.htm';
  const page = () => readFileSync(`${SITE}zhengce/content/202605/content_7070539.htm`, 'utf8');

  it('keeps the body text and not the info table or editor line', () => {
    const extract = govcnParser.article(fixtureDoc(url));
    expect(extract.bodyText.split('\n')[0]).toBe('国发〔2026〕12号');
    expect(extract.bodyText).toContain('现将《城市更新“十五五”规划》印发给你们');
    expect(extract.bodyText).not.toContain('索引号');
    expect(extract.bodyText).not.toContain('责任编辑');
  });

  it('falls back from firstpublishedtime to the feed day, then to the minute on the page', () => {
    const html = page().replace(/<meta name="firstpublishedtime"[^>]*>/, '');
    const feedDay = feedData().get(url)?.listDate;
    const withFeed = govcnParser.article(makeDocument(url, 200, {}, Buffer.from(html), { listDate: feedDay! }));
    expect(chooseDate(withFeed.dates, govcn.datePrecedence).publishedAt).toBe('2026-05-28T00:00:00+08:00');
    const alone = govcnParser.article(makeDocument(url, 200, {}, Buffer.from(html)));
    expect(chooseDate(alone.dates, govcn.datePrecedence)).toMatchObject({
      publishedAt: '2026-05-28T17:08:00+08:00',
      precision: 'minute',
    });
  });

  it('takes manuscriptId as the native id, and the URL id when the meta is missing', () => {
    const other = page().replace('content="7070539"', 'content="9070539"');
    expect(govcnParser.article(makeDocument(url, 200, {}, Buffer.from(other))).nativeId).toBe('9070539');
    const html = page().replace(/<meta name="manuscriptId"[^>]*>/, '');
    expect(govcnParser.article(makeDocument(url, 200, {}, Buffer.from(html))).nativeId).toBe('7070539');
  });

  it('keeps the own id of a 政策文件库 page whose issuer is a department (no twin)', () => {
    const dept = govcnParser.article(fixtureDoc('https://www.gov.cn/zhengce/zhengceku/202606/content_7070873.htm'));
    expect(dept.nativeId).toBe('7070873');
  });

  it('throws LayoutChangedError when the body is missing', () => {
    const html = page()
      .replace('id="UCAP-CONTENT"', '')
      .replace('TRS_UEDITOR', '')
      .replace('pages_content', 'x')
      .replace('trs_editor_view', 'y');
    expect(() => govcnParser.article(makeDocument(url, 200, {}, Buffer.from(html)))).toThrow(LayoutChangedError);
  });
});
