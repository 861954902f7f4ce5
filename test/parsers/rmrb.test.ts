import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LayoutChangedError } from '../../crawlers/errors.js';
import { makeDocument } from '../../crawlers/extract/document.js';
import type { CrawlRequest, DiscoverContext } from '../../crawlers/extract/types.js';
import { rmrbParser } from '../../crawlers/parsers/rmrb.js';
import { rmrb } from '../../crawlers/sources/rmrb.js';
import { sourceSchema } from '../../crawlers/sources/schema.js';
import { shanghaiDay } from '../../pipeline/dates/candidates.js';
import { chooseDate } from '../../pipeline/dates/choose.js';
import { readManifest } from '../replay/routes.js';
import { SITES_DIR } from '../replay/server.js';
import { expectedArticles, fixtureDoc, realPageDoc } from './fixture-doc.js';

const PAPER = 'https://paper.people.com.cn/rmrb/pc/';
const INDEX = `${PAPER}layout/index.html`;
const PEOPLE_URL = 'http://politics.people.com.cn/n1/2024/0424/c1001-40223222.html';
const PEOPLE_TITLE =
  '促进航天技术更好惠及人民——习近平主席向首届“中国－拉美和加勒比国家航天合作论坛”致贺信为中拉深化航天合作指明方向';
const ALL: DiscoverContext = { since: new Date('2000-01-01T00:00:00Z'), maxPages: 3 };
/** Where the replayed index redirects to (the latest issue's page 01), read from `_replay.json`. */
const LATEST_NODE01 = `${PAPER}layout/202606/08/node_01.html`;
const AS_INDEX = { extra: { role: 'index' } };
/** The two answers the index may give: 302 to the latest page 01 (the replay, as sources.md §4.3 says) or a 200 copy. */
const INDEX_ANSWERS = {
  '302 to node_01': () => fixtureDoc(LATEST_NODE01, { userData: AS_INDEX }),
  '200 copy': () => fixtureDoc(INDEX, { file: '_variants/layout-index-200.html', userData: AS_INDEX }),
};

/** The replay's redirects of the e-paper host, path → Location resolved against the site. */
const REDIRECTS = new Map(
  readManifest(`${SITES_DIR}paper.people.com.cn`)
    .filter((r) => r.redirect)
    .map((r) => [new URL(r.path, PAPER).href, new URL(r.redirect!, PAPER).href]),
);

/** The path of a paper URL after /rmrb/pc/. */
const rel = (r: CrawlRequest) => r.url.slice(PAPER.length);

/** Crawl the replayed e-paper breadth-first as the engine would, skipping URLs the fixture lacks (404). */
function crawl(ctx: DiscoverContext): { lists: string[]; articles: CrawlRequest[] } {
  const queue: CrawlRequest[] = rmrbParser.start(ctx);
  const lists: string[] = [];
  const articles = new Map<string, CrawlRequest>();
  for (let req = queue.shift(); req; req = queue.shift()) {
    if (lists.includes(req.url)) continue;
    let doc;
    try {
      // As the engine does: follow the redirect, keep the request's userData, hand the final URL over.
      doc = fixtureDoc(REDIRECTS.get(req.url) ?? req.url, { userData: req.userData ?? {} });
    } catch {
      continue; // a day without an issue in the fixture: 404
    }
    lists.push(req.url);
    const found = rmrbParser.discover(doc, ctx);
    for (const a of found.articles) if (!articles.has(a.url)) articles.set(a.url, a);
    queue.push(...found.next);
  }
  return { lists: lists.map((u) => u.slice(PAPER.length)), articles: [...articles.values()] };
}

describe('rmrb source file', () => {
  it('satisfies the source schema, starts from the layout index, and ranks url before meta', () => {
    expect(sourceSchema.safeParse(rmrb).success).toBe(true);
    expect(rmrbParser.start(ALL)).toEqual([
      { url: INDEX, label: 'LIST', method: 'GET', userData: { page: 1, extra: { role: 'index' } } },
    ]);
    const order = rmrb.datePrecedence as readonly string[];
    expect(order.indexOf('url')).toBeLessThan(order.indexOf('meta'));
  });
});

describe('rmrb e-paper discovery', () => {
  it('the replayed index redirects to the latest issue’s node_01, as the real one does', () => {
    expect([...REDIRECTS]).toEqual([[INDEX, LATEST_NODE01]]);
  });

  it.each(Object.entries(INDEX_ANSWERS))('reads the index (%s) as the latest issue: pages, page 01 articles without 本版责编, earlier issues', (answer, load) => {
    const got = rmrbParser.discover(load(), { since: new Date('2026-06-05T00:00:00+08:00'), maxPages: 10 });
    expect(got.articles.map(rel)).toEqual([
      'content/202606/08/content_30161655.html',
      'content/202606/08/content_30161656.html',
    ]);
    // After the redirect the index is page 01 itself, so page 01 is not asked for again.
    const page01 = answer === '200 copy' ? [['layout/202606/08/node_01.html', 'page']] : [];
    expect(got.next.map((r) => [rel(r), r.userData?.extra?.role])).toEqual([
      ...page01,
      ['layout/202606/08/node_02.html', 'page'],
      ['layout/202606/08/node_03.html', 'page'],
      ['layout/202606/08/node_04.html', 'page'],
      ['layout/202606/07/node_01.html', 'issue'],
      ['layout/202606/06/node_01.html', 'issue'],
      ['layout/202606/05/node_01.html', 'issue'],
    ]);
    expect(got.itemsFound).toBe(7);
  });

  it('decides the role from the request, not the URL: the same node_01 as an issue page adds no earlier issues', () => {
    const asIssue = rmrbParser.discover(fixtureDoc(LATEST_NODE01, { userData: { extra: { role: 'issue' } } }), ALL);
    const asIndex = rmrbParser.discover(INDEX_ANSWERS['302 to node_01'](), ALL);
    expect(asIssue.next.filter((r) => r.userData?.extra?.role === 'issue')).toEqual([]);
    expect(asIndex.next.filter((r) => r.userData?.extra?.role === 'issue').map(rel)).toEqual([
      'layout/202606/07/node_01.html',
      'layout/202606/06/node_01.html',
    ]);
    // A request without a role is an issue page: nothing guessed from its URL.
    expect(rmrbParser.discover(fixtureDoc(LATEST_NODE01), ALL).next).toEqual(asIssue.next);
  });

  it('caps earlier issues at maxPages - 1 and follows none when the latest issue is older than since', () => {
    const capped = rmrbParser.discover(INDEX_ANSWERS['200 copy'](), { since: ALL.since, maxPages: 3 });
    expect(capped.next.filter((r) => r.userData?.extra?.role === 'issue').map(rel)).toEqual([
      'layout/202606/07/node_01.html',
      'layout/202606/06/node_01.html',
    ]);
    const late = rmrbParser.discover(INDEX_ANSWERS['200 copy'](), { since: new Date('2026-06-09T00:00:00+08:00'), maxPages: 10 });
    expect(late).toEqual({ articles: [], next: [], itemsFound: 7 });
  });

  it('lists a page’s articles and skips 本版责编 links; a page reached from the index does not re-list pages', () => {
    const url = `${PAPER}layout/202606/08/node_02.html`;
    const got = rmrbParser.discover(fixtureDoc(url, { userData: { extra: { role: 'page' } } }), ALL);
    expect(got.articles.map(rel)).toEqual([
      'content/202606/08/content_30161658.html',
      'content/202606/08/content_30161659.html',
    ]);
    expect(got.articles.map((a) => a.userData?.listTitle)).toEqual([
      '多地推进“人工智能+”行动落地见效',
      '行业高质量数据集建设提速',
    ]);
    expect(got.next).toEqual([]);
  });

  it('follows an earlier issue’s pages from its node_01', () => {
    const url = `${PAPER}layout/202605/16/node_01.html`;
    const got = rmrbParser.discover(fixtureDoc(url, { userData: { extra: { role: 'issue' } } }), ALL);
    expect(got.next.map(rel)).toEqual(['layout/202605/16/node_02.html', 'layout/202605/16/node_03.html']);
    expect(got.articles.map(rel)).toEqual([
      'content/202605/16/content_30157206.html',
      'content/202605/16/content_30157207.html',
    ]);
  });

  it('reaches every labelled article and no 本版责编 page in a crawl from the index back to 2026-05-16', () => {
    const { lists, articles } = crawl({ since: new Date('2026-05-16T00:00:00+08:00'), maxPages: 30 });
    const expected = expectedArticles('paper.people.com.cn').map((e) => e.url);
    expect(articles.map((a) => a.url).sort()).toEqual([...expected].sort());
    expect(lists).toContain('layout/202605/16/node_03.html');
    // The index (ending at the latest node_01), its other 3 pages, and the earlier issues' 3 + 3.
    expect(lists).toHaveLength(1 + 3 + 3 + 3);
  });

  it('reports zero items on a page without the issue markup', () => {
    const doc = makeDocument(INDEX, 200, {}, Buffer.from('<html><body><p>维护中</p></body></html>'));
    expect(rmrbParser.discover(doc, ALL)).toEqual({ articles: [], next: [], itemsFound: 0 });
  });
});

describe('rmrb e-paper articles against _expected.json', () => {
  const cases = expectedArticles('paper.people.com.cn');
  it.each(cases.map((c) => [c.url, c] as const))('%s', (url, want) => {
    const got = rmrbParser.article(fixtureDoc(url));
    expect(got.title).toBe(want.title);
    expect(got.nativeId).toBe(want.nativeId);
    expect(got.originalOutlet).toBe(want.originalSource);
    expect(got.issuer).toBe(want.issuer);
    expect(got.docNumber).toBe(want.docNumber ?? null);
    const chosen = chooseDate(got.dates, rmrb.datePrecedence);
    expect(chosen.publishedAt).toBe(want.publishedAt);
    expect(chosen.precision).toBe(want.datePrecision);
    expect(shanghaiDay(chosen.publishedAt!)).toBe(want.publishedDate);
    expect(got.bodyText.length).toBeGreaterThan(10);
  });

  it('keeps the stale publishdate meta as a meta candidate that loses to the URL date', () => {
    const url = `${PAPER}content/202605/16/content_30157206.html`;
    const html = readFileSync(
      new URL('../fixtures/sites/paper.people.com.cn/rmrb/pc/content/202605/16/content_30157206.html', import.meta.url),
      'utf8',
    );
    const noNewstime = html.replace(/<span class="date">.*?版）<\/span>/, '');
    expect(noNewstime).not.toBe(html);
    const got = rmrbParser.article(makeDocument(url, 200, {}, Buffer.from(noNewstime)));
    expect(got.dates.map((d) => [d.kind, d.at])).toEqual([
      ['url', '2026-05-16T00:00:00+08:00'],
      ['meta', '2013-07-17T00:00:00+08:00'],
    ]);
    expect(chooseDate(got.dates, rmrb.datePrecedence).publishedAt).toBe('2026-05-16T00:00:00+08:00');
  });

  it('throws LayoutChangedError when #ozoom is missing', () => {
    const html = '<html><body><div class="article"><h1>标题</h1><div class="text">正文</div></div></body></html>';
    const doc = makeDocument(`${PAPER}content/202606/08/content_30161655.html`, 200, {}, Buffer.from(html));
    expect(() => rmrbParser.article(doc)).toThrow(LayoutChangedError);
  });
});

describe('rmrb people.com.cn article', () => {
  const want = expectedArticles('politics.people.com.cn')[0]!;

  it('decodes the GBK fixture from its <meta> charset and matches _expected.json', () => {
    const got = rmrbParser.article(fixtureDoc(PEOPLE_URL));
    expect(got.title).toBe(want.title);
    expect(got.title).toBe(PEOPLE_TITLE);
    expect(got.nativeId).toBe(want.nativeId);
    expect(got.originalOutlet).toBe(want.originalSource);
    expect(got.issuer).toBe(want.issuer);
    expect(got.docNumber).toBe(want.docNumber ?? null);
    const chosen = chooseDate(got.dates, rmrb.datePrecedence);
    expect(chosen.publishedAt).toBe(want.publishedAt);
    expect(chosen.precision).toBe(want.datePrecision);
    expect(shanghaiDay(chosen.publishedAt!)).toBe(want.publishedDate);
    expect(got.bodyText.endsWith('（记者宋晨、田中全、胡喆、侯文坤）')).toBe(true);
    expect(got.bodyText).not.toMatch(/责编|分享让更多人看到/);
    expect(got.bodyText.startsWith('新华社北京4月24日电')).toBe(true);
    expect(got.dates.map((d) => [d.kind, d.at])).toEqual([
      ['page', '2024-04-24T23:52:00+08:00'],
      ['meta', '2024-04-24T00:00:00+08:00'],
      ['url', '2024-04-24T00:00:00+08:00'],
    ]);
  });

  it('reads the shared real page (UTF-8 bytes despite the GB2312 meta) the same way', () => {
    const got = rmrbParser.article(
      realPageDoc(PEOPLE_URL, 'people/People_2024_04_24.html.gz', 'text/html; charset=utf-8'),
    );
    // That copy was decoded with a strict GB2312 codec: U+2015 dashes and U+FFFD damage are in its text.
    expect(got.title).toBe(PEOPLE_TITLE.replace('——', '――'));
    expect(got.nativeId).toBe('40223222');
    expect(got.originalOutlet).toBe('新华网');
    expect(chooseDate(got.dates, rmrb.datePrecedence).publishedAt).toBe('2024-04-24T23:52:00+08:00');
    expect(got.bodyText).toContain('（记者宋晨、田中全、胡\uFFFD');
    expect(got.bodyText).not.toContain('责编');
  });

  it('throws LayoutChangedError when .rm_txt has no title', () => {
    const doc = makeDocument(
      PEOPLE_URL,
      200,
      {},
      Buffer.from('<html><body><h1><img src="logo.png"></h1><div class="rm_txt_con">x</div></body></html>'),
    );
    expect(() => rmrbParser.article(doc)).toThrow(LayoutChangedError);
  });
});
