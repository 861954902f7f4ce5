import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LayoutChangedError } from '../../crawlers/errors.js';
import { makeDocument } from '../../crawlers/extract/document.js';
import type { CrawlRequest, DiscoverContext, RequestData } from '../../crawlers/extract/types.js';
import { cacParser } from '../../crawlers/parsers/cac.js';
import { cac } from '../../crawlers/sources/cac.js';
import { sourceSchema } from '../../crawlers/sources/schema.js';
import { shanghaiDay } from '../../pipeline/dates/candidates.js';
import { chooseDate } from '../../pipeline/dates/choose.js';
import { expectedArticles, fixtureDoc, realPageDoc } from './fixture-doc.js';

const HOST = 'www.cac.gov.cn';
const ROOT = `https://${HOST}/`;
const JSON_LIST = `${ROOT}cms/JsonList`;
const JSON_TYPE = 'application/json;charset=UTF-8';
const ALL: DiscoverContext = { since: new Date('2000-01-01T00:00:00Z'), maxPages: 10 };
const COLUMNS = ['wxzw/wxfb/A093702index_1.htm', 'wxzw/zcfg/A093703index_1.htm', 'hdfw/wxan/A093802index_1.htm'];

/** A JsonList answer from the fixture, as the engine hands it back for page `page` of `channel`. */
function jsonListDoc(file: string, channelCode: string, page: number, contentType = JSON_TYPE) {
  const userData: RequestData = { page, extra: { channelCode, referer: `${ROOT}x` } };
  return fixtureDoc(JSON_LIST, { file: `_api/jsonlist/${file}`, userData, contentType });
}

/** The userData the engine would carry to each article, collected by running discovery over the fixture lists. */
function listData(): Map<string, RequestData> {
  const found: CrawlRequest[] = [];
  for (const c of COLUMNS) found.push(...cacParser.discover(fixtureDoc(`${ROOT}${c}`), ALL).articles);
  for (const ch of ['A093702', 'A093703']) {
    for (const p of [1, 2]) found.push(...cacParser.discover(jsonListDoc(`${ch}-p20-${p}.json`, ch, p), ALL).articles);
  }
  // The API page (pubtime with seconds) is the better list date; the engine keeps the first it sees.
  return new Map(found.reverse().map((r) => [r.url, r.userData ?? {}]));
}

describe('cac source file', () => {
  it('satisfies the source schema and starts from the three column pages', () => {
    expect(sourceSchema.safeParse(cac).success).toBe(true);
    expect(cacParser.start(ALL).map((r) => [r.url, r.label, r.method])).toEqual([
      [`${ROOT}wxzw/wxfb/A093702index_1.htm`, 'LIST', 'GET'],
      [`${ROOT}wxzw/zcfg/A093703index_1.htm`, 'LIST', 'GET'],
      [`${ROOT}hdfw/wxan/A093802index_1.htm`, 'LIST', 'GET'],
    ]);
  });
});

describe('cac articles against _expected.json', () => {
  const data = listData();
  const cases = expectedArticles(HOST);
  it('has list data for every synthetic article and the 51 labels', () => {
    expect(cases).toHaveLength(51);
    for (const c of cases.filter((x) => x.provenance === 'synthetic')) expect(data.has(c.url), c.url).toBe(true);
  });

  it.each(cases.map((c) => [c.url, c] as const))('%s', (url, want) => {
    const got = cacParser.article(fixtureDoc(url, { userData: data.get(url) ?? {} }));
    expect(got.title).toBe(want.title);
    expect(got.nativeId).toBe(want.nativeId);
    expect(got.originalOutlet).toBe(want.originalSource);
    expect(got.issuer).toBe(want.issuer);
    expect(got.docNumber).toBe(want.docNumber);
    const chosen = chooseDate(got.dates, cac.datePrecedence);
    expect(chosen.publishedAt).toBe(want.publishedAt);
    expect(chosen.precision).toBe(want.datePrecision);
    expect(shanghaiDay(chosen.publishedAt!)).toBe(want.publishedDate);
    expect(chosen.evidence.chosen?.kind).toBe('page');
    expect(got.bodyText).not.toMatch(/pagestat|分享到|版权所有/);
    expect(got.bodyText.length).toBeGreaterThan(40);
  });
});

describe('cac article details', () => {
  it('names downloadfile.jsp attachments from fText, resolved against the root', () => {
    const got = cacParser.article(fixtureDoc(`${ROOT}2026-06/09/c_1782731255254731.htm`));
    expect(got.attachments.map((a) => a.name)).toEqual(['网络数据安全标签标识指南（征求意见稿）', '编制说明']);
    expect(got.attachments[0]?.url).toMatch(
      /^https:\/\/www\.cac\.gov\.cn\/cms\/pub\/interact\/downloadfile\.jsp\?filepath=NUtq.*&fText=/,
    );
  });

  it('keeps every date it finds as a candidate: #pubtime, the list date, the URL date', () => {
    const listDate = {
      kind: 'api',
      field: 'JsonList pubtime',
      raw: '2026-06-08 11:46:21',
      at: '2026-06-08T11:46:21+08:00',
      precision: 'second',
    } as const;
    const got = cacParser.article(fixtureDoc(`${ROOT}2026-06/08/c_1782648187262311.htm`, { userData: { listDate } }));
    expect(got.dates.map((d) => [d.kind, d.at, d.precision])).toEqual([
      ['page', '2026-06-08T11:46:00+08:00', 'minute'],
      ['api', '2026-06-08T11:46:21+08:00', 'second'],
      ['url', '2026-06-08T00:00:00+08:00', 'day'],
    ]);
    expect(got.originalOutlet).toBe('央广网');
    expect(got.bodyText).toContain('81%提高到85%左右');
  });

  it('throws LayoutChangedError when #BodyLabel is missing', () => {
    const url = `${ROOT}2026-06/08/c_1782663646467016.htm`;
    const html = readFileSync(
      new URL(`../fixtures/sites/${HOST}/2026-06/08/c_1782663646467016.htm`, import.meta.url),
      'utf8',
    );
    const broken = html.replace('id="BodyLabel"', 'id="Body"');
    expect(broken).not.toBe(html);
    const doc = makeDocument(url, 200, { 'content-type': 'text/html' }, Buffer.from(broken));
    expect(() => cacParser.article(doc)).toThrow(LayoutChangedError);
    expect(() => cacParser.article(doc)).toThrow(/no body/);
  });

  it('falls back to <title> without its site suffix when no h1 title is there', () => {
    const url = `${ROOT}2026-06/09/c_1782731255254731.htm`;
    const html = readFileSync(
      new URL(`../fixtures/sites/${HOST}/2026-06/09/c_1782731255254731.htm`, import.meta.url),
      'utf8',
    );
    const doc = makeDocument(
      url,
      200,
      {},
      Buffer.from(html.replace('<h1 class="title">', '<h2>').replace('</h1>', '</h2>')),
    );
    expect(cacParser.article(doc).title).toBe(
      '国家互联网信息办公室关于《网络数据安全标签标识指南（征求意见稿）》公开征求意见的通知',
    );
  });
});

describe('cac column pages', () => {
  const wxfb = () => fixtureDoc(`${ROOT}wxzw/wxfb/A093702index_1.htm`);

  it('reads 20 rows with full titles, root-resolved URLs and list dates, and asks for JsonList page 2', () => {
    const got = cacParser.discover(wxfb(), ALL);
    expect(got.itemsFound).toBe(20);
    expect(got.articles).toHaveLength(20);
    const rootRelative = got.articles[1]!;
    expect(rootRelative.url).toBe(`${ROOT}2026-06/08/c_1782681085180818.htm`);
    const truncated = got.articles.find((a) => a.url.endsWith('c_1782426060497802.htm'));
    expect(truncated?.userData?.listTitle).toBe(
      '中央网信办 工业和信息化部 公安部关于印发《网络数据安全风险评估实施指引》的通知',
    );
    expect(got.articles[0]?.userData?.listDate).toMatchObject({
      kind: 'list',
      at: '2026-06-09T00:00:00+08:00',
      precision: 'day',
    });
    expect(got.articles.every((a) => a.label === 'ARTICLE' && a.url.startsWith(`${ROOT}20`))).toBe(true);
    expect(got.next).toEqual([
      expect.objectContaining({
        url: JSON_LIST,
        label: 'API',
        method: 'POST',
        form: { channelCode: 'A093702', perPage: '20', pageno: '2' },
        userData: expect.objectContaining({
          page: 2,
          extra: expect.objectContaining({ channelCode: 'A093702', total: '29' }),
        }),
      }),
    ]);
  });

  it('stops at the since cutoff and at maxPages, and drops rows older than since', () => {
    const since = new Date('2026-05-20T12:00:00+08:00');
    const got = cacParser.discover(wxfb(), { since, maxPages: 10 });
    expect(got.next).toEqual([]);
    // 2026-05-20 rows stay (their day reaches since), 2026-05-13 and older go.
    expect(got.articles.map((a) => a.url.slice(ROOT.length, ROOT.length + 10))).toContain('2026-05/20');
    expect(got.articles).toHaveLength(14);
    expect(cacParser.discover(wxfb(), { since: ALL.since, maxPages: 1 }).next).toEqual([]);
  });

  it('reads the 政策法规 column (total 22) and its channel code', () => {
    const got = cacParser.discover(fixtureDoc(`${ROOT}wxzw/zcfg/A093703index_1.htm`), ALL);
    expect(got.articles).toHaveLength(20);
    expect(got.next[0]?.form).toEqual({ channelCode: 'A093703', perPage: '20', pageno: '2' });
  });

  it('reports zero items on a page without rows', () => {
    const doc = makeDocument(
      `${ROOT}wxzw/wxfb/A093702index_1.htm`,
      200,
      {},
      Buffer.from('<html><body><div id="main"></div></body></html>'),
    );
    expect(cacParser.discover(doc, ALL)).toEqual({ articles: [], next: [], itemsFound: 0 });
  });
});

describe('cac JsonList paging', () => {
  it('turns rows into ARTICLE requests with api dates and follows to the next page', () => {
    const got = cacParser.discover(jsonListDoc('A093702-p20-1.json', 'A093702', 1), ALL);
    expect(got.itemsFound).toBe(20);
    expect(got.articles[0]).toMatchObject({
      url: `${ROOT}2026-06/09/c_1782729121314085.htm`,
      label: 'ARTICLE',
      userData: { listDate: { kind: 'api', precision: 'second' } },
    });
    expect(got.next.map((r) => r.form)).toEqual([{ channelCode: 'A093702', perPage: '20', pageno: '2' }]);
  });

  it('stops on the last page by totalRec (29 rows: page 2 is the last), reaching the 2020 page', () => {
    const got = cacParser.discover(jsonListDoc('A093702-p20-2.json', 'A093702', 2), ALL);
    expect(got.itemsFound).toBe(9);
    expect(got.articles.map((a) => a.url)).toContain(`${ROOT}2020-02/20/c_1583807394317246.htm`);
    expect(got.next).toEqual([]);
  });

  it('stops on an empty list past the end', () => {
    const got = cacParser.discover(jsonListDoc('A093702-empty.json', 'A093702', 3), ALL);
    expect(got).toEqual({ articles: [], next: [], itemsFound: 0 });
  });

  it('stops when the oldest row is older than since, and at maxPages', () => {
    const since = new Date('2026-05-01T00:00:00+08:00');
    const cut = cacParser.discover(jsonListDoc('A093703-p20-1.json', 'A093703', 1), { since, maxPages: 10 });
    expect(cut.next).toEqual([]);
    expect(cut.articles.length).toBeGreaterThan(0);
    expect(cut.articles.every((a) => a.userData!.listDate!.at >= '2026-05-01')).toBe(true);
    expect(
      cacParser.discover(jsonListDoc('A093703-p20-1.json', 'A093703', 1), { since: ALL.since, maxPages: 1 }).next,
    ).toEqual([]);
  });

  it('stops when page × perPage reaches totalRec even if the list is full', () => {
    const list = Array.from({ length: 20 }, (_, i) => ({
      topic: `t${i}`,
      infourl: `//www.cac.gov.cn/2026-06/0${1 + (i % 9)}/c_17826${String(i).padStart(10, '0')}.htm`,
      pubtime: '2026-06-01 10:00:00',
    }));
    const userData = { page: 1, extra: { channelCode: 'A093702' } };
    const body = (totalRec: number) => Buffer.from(JSON.stringify({ list, totalRec }));
    // No charset in the header: JSON is still read as UTF-8.
    const doc = (totalRec: number) =>
      makeDocument(JSON_LIST, 200, { 'content-type': 'application/json' }, body(totalRec), userData);
    expect(cacParser.discover(doc(20), ALL).next).toEqual([]);
    expect(cacParser.discover(doc(21), ALL).next).toHaveLength(1);
  });

  it('reads Chinese titles from an answer without a charset header', () => {
    const got = cacParser.discover(jsonListDoc('A093702-p20-1.json', 'A093702', 1, 'application/json'), ALL);
    expect(got.articles[0]?.userData?.listTitle).toBe(
      '中央网信办部署开展2026年“清朗·暑期未成年人网络环境整治”专项行动',
    );
  });

  it('throws LayoutChangedError when the answer is not JsonList-shaped', () => {
    const doc = makeDocument(JSON_LIST, 200, { 'content-type': JSON_TYPE }, Buffer.from('{"rows":[]}'), { page: 1 });
    expect(() => cacParser.discover(doc, ALL)).toThrow(LayoutChangedError);
  });
});

describe('cac real pages (test/fixtures/real/cac)', () => {
  it('reads the real 网信@你 column: root-relative hrefs, full titles, no JsonList for 4 rows', () => {
    const got = cacParser.discover(
      realPageDoc(`${ROOT}hdfw/wxan/A093802index_1.htm`, 'cac/hdfw/wxan/A093802index_1.htm'),
      ALL,
    );
    expect(got.itemsFound).toBe(4);
    expect(got.articles.map((a) => a.url)).toEqual([
      `${ROOT}2026-09/18/c_1791482017777471.htm`,
      `${ROOT}2026-06/26/c_1784217637474922.htm`,
      `${ROOT}2026-07/29/c_1787072711938509.htm`,
      `${ROOT}2026-09/03/c_1790185079976128.htm`,
    ]);
    expect(got.articles.map((a) => shanghaiDay(a.userData!.listDate!.at))).toEqual([
      '2026-09-18',
      '2026-06-26',
      '2026-07-29',
      '2026-09-03',
    ]);
    expect(got.articles[0]?.userData?.listTitle).toBe(
      '国家互联网信息办公室关于《国务院关于保障未成年人健康安全使用网络的规定（征求意见稿）》公开征求意见的通知',
    );
    expect(got.next).toEqual([]);
  });

  const real = [
    ['2026-09/18/c_1791482017777471.htm', '2026-09-18T17:00:00+08:00', 0],
    ['2026-06/26/c_1784217637474922.htm', '2026-06-26T18:25:00+08:00', 3],
    ['2026-07/29/c_1787072711938509.htm', '2026-07-29T18:00:00+08:00', 0],
  ] as const;
  it.each(real)('reads the real notice %s and ignores the snapshot comment', (path, at, attachmentCount) => {
    const got = cacParser.article(realPageDoc(`${ROOT}${path}`, `cac/${path}`));
    expect(got.nativeId).toBe(/c_(\d+)/.exec(path)![1]);
    expect(got.originalOutlet).toBeNull();
    expect(got.dates.map((d) => d.at)).toEqual([at, `${at.slice(0, 10)}T00:00:00+08:00`]);
    expect(got.dates.some((d) => d.raw.includes('2026-09-21'))).toBe(false);
    expect(got.bodyText).not.toMatch(/_snapshot|capturedAt/);
    expect(got.bodyText).toMatch(/征求意见/);
    expect(got.attachments).toHaveLength(attachmentCount);
  });

  it('names the real attachments from fText and resolves their relative links against the root', () => {
    const got = cacParser.article(
      realPageDoc(`${ROOT}2026-06/26/c_1784217637474922.htm`, 'cac/2026-06/26/c_1784217637474922.htm'),
    );
    expect(got.attachments.map((a) => a.name)).toEqual([
      '政务移动互联网应用程序管理要求（征求意见稿）',
      '编制说明',
      '强制性国家标准反馈意见表',
    ]);
    expect(got.attachments.every((a) => a.url.startsWith(`${ROOT}cms/pub/interact/downloadfile.jsp?filepath=`))).toBe(
      true,
    );
    expect(got.title).toBe('关于征求《政务移动互联网应用程序管理要求》强制性国家标准（征求意见稿）意见的通知');
  });
});
