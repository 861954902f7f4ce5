import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LayoutChangedError } from '../../crawlers/errors.js';
import { makeDocument } from '../../crawlers/extract/document.js';
import type { DiscoverContext, RequestData } from '../../crawlers/extract/types.js';
import { meeParser } from '../../crawlers/parsers/mee.js';
import { articleUrl } from '../../crawlers/parsers/mee-list.js';
import { mee } from '../../crawlers/sources/mee.js';
import { sourceSchema } from '../../crawlers/sources/schema.js';
import { shanghaiDay } from '../../pipeline/dates/candidates.js';
import { chooseDate } from '../../pipeline/dates/choose.js';
import { expectedArticles, fixtureDoc, realPageDoc } from './fixture-doc.js';

const HOST = 'www.mee.gov.cn';
const SITE = new URL(`../fixtures/sites/${HOST}/`, import.meta.url).pathname;
const ALL: DiscoverContext = { since: new Date('2000-01-01T00:00:00Z'), maxPages: 50 };
const YJZJ = 'https://www.mee.gov.cn/hdjl/yjzj/';
const GWYWJ = 'https://www.mee.gov.cn/zcwj/gwywj/';
const GWYWJ_2 = 'https://www.mee.gov.cn/zcwj/gwywj/index_1.shtml';

function listData(): Map<string, RequestData> {
  const data = new Map<string, RequestData>();
  for (const url of [YJZJ, GWYWJ, GWYWJ_2]) {
    for (const req of meeParser.discover(fixtureDoc(url), ALL).articles) data.set(req.url, req.userData ?? {});
  }
  return data;
}

describe('mee source file and lists', () => {
  it('satisfies the schema and starts at page 1 of both lists', () => {
    expect(sourceSchema.safeParse(mee).success).toBe(true);
    expect(meeParser.start(ALL).map((r) => [r.url, r.label, r.userData?.page])).toEqual([
      [YJZJ, 'LIST', 1],
      [GWYWJ, 'LIST', 1],
    ]);
  });

  it('reads the dated rows of a column list with ./ and ../../ links, skipping the navigation row', () => {
    const found = meeParser.discover(fixtureDoc(GWYWJ), ALL);
    expect(found.itemsFound).toBe(10);
    expect(found.articles[2]).toMatchObject({
      url: 'https://www.mee.gov.cn/zcwj/gwywj/202606/t20260603_1153841.shtml',
      label: 'ARTICLE',
      userData: {
        listTitle: '国务院关于印发《城市更新“十五五”规划》的通知',
        listDate: { kind: 'list', at: '2026-06-03T00:00:00+08:00' },
      },
    });
    const page2 = meeParser.discover(fixtureDoc(GWYWJ_2), ALL);
    expect(page2.articles[0]?.url).toBe('https://www.mee.gov.cn/xxgk2018/xxgk/xxgk10/202604/t20260417_1148120.html');
    expect(page2.itemsFound).toBe(4);
  });

  it('pages index.html → index_1.shtml → index_2.shtml (a 404 ends the run)', () => {
    expect(meeParser.discover(fixtureDoc(GWYWJ), ALL).next).toEqual([
      { url: GWYWJ_2, label: 'LIST', userData: { page: 2, extra: {} } },
    ]);
    expect(meeParser.discover(fixtureDoc(GWYWJ_2), ALL).next[0]).toMatchObject({
      url: 'https://www.mee.gov.cn/zcwj/gwywj/index_2.shtml',
      userData: { page: 3 },
    });
  });

  it('stops paging at maxPages and once rows are older than since', () => {
    expect(meeParser.discover(fixtureDoc(GWYWJ), { ...ALL, maxPages: 1 }).next).toEqual([]);
    expect(meeParser.discover(fixtureDoc(GWYWJ_2), { ...ALL, maxPages: 2 }).next).toEqual([]);
    const recent = meeParser.discover(fixtureDoc(GWYWJ), { since: new Date('2026-06-01T16:00:00Z'), maxPages: 50 });
    expect(recent.next).toEqual([]);
    expect(recent.articles.map((a) => a.userData?.listDate?.raw)).toEqual([
      '2026-06-05',
      '2026-06-04',
      '2026-06-03',
      '2026-06-02',
    ]);
  });

  it('resolves live-site hrefs by the HTML rules and root-written copies against the root', () => {
    expect(articleUrl('./zjyj/202609/t20260914_1166201.shtml', YJZJ)).toBe(
      'https://www.mee.gov.cn/hdjl/yjzj/zjyj/202609/t20260914_1166201.shtml',
    );
    expect(articleUrl('../../xxgk2018/xxgk/xxgk06/202609/t20260911_1165826.html', YJZJ)).toBe(
      'https://www.mee.gov.cn/xxgk2018/xxgk/xxgk06/202609/t20260911_1165826.html',
    );
    expect(articleUrl('hdjl/yjzj/zjyj/202609/t20260914_1166201.shtml', YJZJ)).toBe(
      'https://www.mee.gov.cn/hdjl/yjzj/zjyj/202609/t20260914_1166201.shtml',
    );
    expect(articleUrl('202609/t20260914_1166201.shtml', YJZJ)).toBe(
      'https://www.mee.gov.cn/hdjl/yjzj/202609/t20260914_1166201.shtml',
    );
    expect(articleUrl('https://www.gov.cn/zhengce/content/202605/content_7070539.htm', YJZJ)).toBeUndefined();
    expect(articleUrl('./wqzj_1/', YJZJ)).toBeUndefined();
  });
});

describe('mee articles match _expected.json', () => {
  const data = listData();
  for (const label of expectedArticles(HOST)) {
    it(`${label.nativeId} ${label.title.slice(0, 24)}`, () => {
      const extract = meeParser.article(fixtureDoc(label.url, { userData: data.get(label.url) ?? {} }));
      expect(extract.title).toBe(label.title);
      expect(extract.nativeId).toBe(label.nativeId);
      expect(extract.originalOutlet).toBe(label.originalSource);
      expect(extract.issuer).toBe(label.issuer);
      expect(extract.docNumber).toBe((label as { docNumber?: string }).docNumber ?? null);
      expect(extract.bodyText).not.toBe('');
      const chosen = chooseDate(extract.dates, mee.datePrecedence);
      expect(chosen.publishedAt).toBe(label.publishedAt);
      expect(chosen.precision).toBe(label.datePrecision);
      expect(shanghaiDay(chosen.publishedAt!)).toBe(label.publishedDate);
    });
  }

  it('throws LayoutChangedError when the body is missing', () => {
    const url = 'https://www.mee.gov.cn/zcwj/gwywj/202606/t20260603_1153841.shtml';
    const html = readFileSync(`${SITE}zcwj/gwywj/202606/t20260603_1153841.shtml`, 'utf8')
      .replace('content_body_box', 'gone')
      .replace('Custom_UnionStyle', 'gone');
    expect(() => meeParser.article(makeDocument(url, 200, {}, Buffer.from(html)))).toThrow(LayoutChangedError);
  });
});

describe('mee real pages (test/fixtures/real/mee)', () => {
  it('list: three dated rows, not the sample row inside the HTML comment nor the navigation rows', () => {
    const found = meeParser.discover(realPageDoc(YJZJ, 'mee/hdjl/yjzj/index.html'), ALL);
    expect(found.itemsFound).toBe(3);
    expect(found.articles.map((a) => [a.url, a.userData?.listDate?.raw])).toEqual([
      ['https://www.mee.gov.cn/hdjl/yjzj/zjyj/202609/t20260914_1166201.shtml', '2026-09-14'],
      ['https://www.mee.gov.cn/xxgk2018/xxgk/xxgk06/202609/t20260911_1165826.html', '2026-09-11'],
      ['https://www.mee.gov.cn/xxgk2018/xxgk/xxgk06/202609/t20260907_1165270.html', '2026-09-07'],
    ]);
  });

  it('hdjl template: h2 title, .xqLyPc date, no source, body with its attachment link', () => {
    const url = 'https://www.mee.gov.cn/hdjl/yjzj/zjyj/202609/t20260914_1166201.shtml';
    const extract = meeParser.article(realPageDoc(url, 'mee/hdjl/yjzj/zjyj/202609/t20260914_1166201.shtml'));
    expect(extract.title).toBe(
      '关于公开征求国家生态环境标准《生态环境影响评价技术导则 核动力厂（征求意见稿）》（修订HJ808-2016）意见的通知',
    );
    expect(extract.originalOutlet).toBeNull();
    expect(chooseDate(extract.dates, mee.datePrecedence).evidence.chosen).toMatchObject({
      kind: 'page',
      raw: '2026-09-14',
    });
    expect(extract.bodyText.startsWith('为了贯彻《中华人民共和国生态环境法典》')).toBe(true);
    expect(extract.bodyText).toContain('征求意见截止时间为{{CN_DATE+26}}');
    expect(extract.bodyText).not.toContain('fixture 快照');
    expect(extract.attachments).toEqual([
      {
        url: 'https://www.mee.gov.cn/hdjl/yjzj/zjyj/202609/W020260914597734431368.pdf',
        name: '《生态环境影响评价技术导则 核动力厂（征求意见稿）》（修订HJ808-2016)',
      },
    ]);
  });

  it('xxgk template: first h1 (not the leave-site dialog), 生成日期, 发布机关, 文号, attachments', () => {
    const url = 'https://www.mee.gov.cn/xxgk2018/xxgk/xxgk06/202609/t20260911_1165826.html';
    const extract = meeParser.article(realPageDoc(url, 'mee/xxgk2018/xxgk/xxgk06/202609/t20260911_1165826.html'));
    expect(extract.title).toBe('关于公开征求《沿海省（区、市）近岸海域重要物种名录》意见的函');
    // 发布机关 is the issuer; the page has no 来源 line, so no outlet is credited.
    expect([extract.issuer, extract.originalOutlet]).toEqual(['生态环境部办公厅', null]);
    expect(extract.docNumber).toBe('环办便函〔2026〕292号');
    expect(chooseDate(extract.dates, mee.datePrecedence)).toMatchObject({
      publishedAt: '2026-09-11T00:00:00+08:00',
      precision: 'day',
    });
    expect(extract.bodyText).not.toContain('即将离开');
    expect(extract.bodyText.split('\n').at(-2)).toBe('2026年9月4日'); // the sign-off, not the publish date
    expect(extract.attachments.map((a) => a.url.split('/').pop())).toEqual([
      'W020260911376190349380.pdf',
      'W020260911376192191513.pdf',
      'W020260911376193103433.pdf',
    ]);
    expect(extract.attachments[0]?.url).toBe(
      'https://www.mee.gov.cn/xxgk2018/xxgk/xxgk06/202609/W020260911376190349380.pdf',
    );
  });

  it('xxgk template without a 文号 field: no number, four linked attachments of five', () => {
    const url = 'https://www.mee.gov.cn/xxgk2018/xxgk/xxgk06/202609/t20260907_1165270.html';
    const extract = meeParser.article(realPageDoc(url, 'mee/xxgk2018/xxgk/xxgk06/202609/t20260907_1165270.html'));
    expect(extract.title).toBe(
      '关于公开征求《饮用水水源地基础信息数据元技术规范（征求意见稿）》等2项国家生态环境标准意见的通知',
    );
    expect([extract.nativeId, extract.issuer, extract.originalOutlet, extract.docNumber]).toEqual([
      't20260907_1165270',
      '生态环境部办公厅',
      null,
      null,
    ]);
    expect(chooseDate(extract.dates, mee.datePrecedence).publishedAt).toBe('2026-09-07T00:00:00+08:00');
    expect(extract.attachments).toHaveLength(4);
    expect(extract.bodyText).toContain('1.征求意见单位名单');
  });
});
