import { describe, expect, it } from 'vitest';
import { LayoutChangedError } from '../../crawlers/errors.js';
import { makeDocument } from '../../crawlers/extract/document.js';
import type { DiscoverContext, RequestData } from '../../crawlers/extract/types.js';
import { cnrParser } from '../../crawlers/parsers/cnr.js';
import { cnr } from '../../crawlers/sources/cnr.js';
import { sourceSchema } from '../../crawlers/sources/schema.js';
import { shanghaiDay } from '../../pipeline/dates/candidates.js';
import { chooseDate } from '../../pipeline/dates/choose.js';
import { expectedArticles, fixtureDoc } from './fixture-doc.js';

const HOST = 'www.cnr.cn';
const LIST = 'https://www.cnr.cn/newscenter/native/gd/';
const ALL: DiscoverContext = { since: new Date('2000-01-01T00:00:00Z'), maxPages: 10 };

describe('cnr source file', () => {
  it('satisfies the source schema, says its markup is unverified, and starts from the 时政 list', () => {
    expect(sourceSchema.safeParse(cnr).success).toBe(true);
    expect(cnr.quirks.map((q) => q.name)).toContain('unverified-article-markup');
    expect(cnrParser.start(ALL)).toEqual([{ url: LIST, label: 'LIST', method: 'GET', userData: { page: 1 } }]);
  });
});

describe('cnr list', () => {
  it('finds the ten articles with list-relative URLs, titles and minute list dates; no next page', () => {
    const got = cnrParser.discover(fixtureDoc(LIST), ALL);
    expect(got.itemsFound).toBe(10);
    expect(got.next).toEqual([]);
    expect(got.articles[0]).toEqual({
      url: 'https://www.cnr.cn/newscenter/native/gd/20260609/t20260609_527668474.shtml',
      label: 'ARTICLE',
      userData: {
        listTitle: '全国麦收进度过半 夏粮收获有序推进',
        listDate: expect.objectContaining({ kind: 'list', at: '2026-06-09T07:45:00+08:00', precision: 'minute' }),
      },
    });
    expect(got.articles.map((a) => a.url).sort()).toEqual(
      expectedArticles(HOST)
        .map((e) => e.url)
        .sort(),
    );
  });

  it('drops rows older than since, and ignores links that are not article URLs', () => {
    const got = cnrParser.discover(fixtureDoc(LIST), { since: new Date('2026-06-08T12:00:00+08:00'), maxPages: 10 });
    expect(got.articles.map((a) => a.url.split('/').pop())).toEqual([
      't20260609_527668474.shtml',
      't20260608_527667914.shtml',
      't20260608_527667777.shtml',
    ]);
    const html =
      '<ul><li><a href="/x/20260608/t20260607_1.shtml">bad date</a></li><li><a href="https://evil.cn/a/20260608/t20260608_1.shtml">off host</a></li></ul>';
    expect(cnrParser.discover(makeDocument(LIST, 200, {}, Buffer.from(html)), ALL).itemsFound).toBe(0);
  });
});

describe('cnr articles against _expected.json', () => {
  const listed = new Map(cnrParser.discover(fixtureDoc(LIST), ALL).articles.map((a) => [a.url, a.userData ?? {}]));
  const cases = expectedArticles(HOST);

  it.each(cases.map((c) => [c.url, c] as const))('%s', (url, want) => {
    const userData: RequestData = listed.get(url) ?? {};
    const got = cnrParser.article(fixtureDoc(url, { userData }));
    expect(got.title).toBe(want.title);
    expect(got.nativeId).toBe(want.nativeId);
    expect(got.originalOutlet).toBe(want.originalSource);
    expect(got.issuer).toBe(want.issuer);
    expect(got.docNumber).toBe(want.docNumber);
    const chosen = chooseDate(got.dates, cnr.datePrecedence);
    expect(chosen.publishedAt).toBe(want.publishedAt);
    expect(chosen.precision).toBe(want.datePrecision);
    expect(shanghaiDay(chosen.publishedAt!)).toBe(want.publishedDate);
    expect(got.dates.map((d) => d.kind)).toEqual(['page', 'list', 'url']);
    expect(got.bodyText).not.toMatch(/央广网版权所有|央广网首页/);
  });

  it('keeps the editor line of the 五大任务 original (the CAC repost lacks it)', () => {
    const got = cnrParser.article(
      fixtureDoc('https://www.cnr.cn/newscenter/native/gd/20260608/t20260608_527667185.shtml'),
    );
    expect(got.bodyText.split('\n').at(-1)).toBe('编辑：王佳');
    expect(got.bodyText).toContain('76.7%提高到80%以上');
  });

  it('throws LayoutChangedError without div.article-content', () => {
    const html =
      '<html><head><title>x_央广网</title></head><body><h1>标题</h1><div class="content">正文</div></body></html>';
    const doc = makeDocument(
      'https://www.cnr.cn/newscenter/native/gd/20260608/t20260608_527667185.shtml',
      200,
      {},
      Buffer.from(html),
    );
    expect(() => cnrParser.article(doc)).toThrow(LayoutChangedError);
  });
});
