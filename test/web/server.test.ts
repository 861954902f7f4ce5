import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../web/server.js';
import { createLogger } from '../../core/log.js';
import { BusyError } from '../../core/errors.js';
import { HOSTILE_TITLE, postForm, rawRequest, startTestServer, storyRows, type TestServer } from './harness.js';

const ESCAPED_TITLE = '国家数据局发布&lt;script&gt;alert(1)&lt;/script&gt;数据集 &amp; 方案';
const DIGEST = `# 每日动态

2026 年 6 月 9 日

## 一、数据集

国家数据局发布方案。

## 参考文献

1. 来源：国家数据局；标题：${HOSTILE_TITLE}；日期：2026-06-08；用途：核验。
`;

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.close());

const get = (path: string, headers: Record<string, string> = {}) => rawRequest(`${t.base}${path}`, { headers });
const reviewCount = async () => (await t.handle.db.selectFrom('reviews').select('id').execute()).length;

describe('the editors’ page over HTTP', () => {
  it('escapes crawled text on every page and sends the security headers', async () => {
    const candidates = await get('/candidates');
    expect(candidates.status).toBe(200);
    expect(candidates.body).toContain(ESCAPED_TITLE);
    const sources = await get('/sources');
    expect(sources.body).toContain('layout changed?');
    expect(sources.body).toContain('&lt;img src=x onerror=alert(2)&gt;');
    for (const page of [candidates, sources, await get('/digest')]) {
      expect(page.body).not.toContain('<script>alert');
      expect(page.body).not.toContain('<img src=x');
      expect(page.headers['content-security-policy']).toContain("script-src 'self'");
      expect(page.headers['content-security-policy']).not.toContain('unsafe-inline');
      expect(page.headers['x-content-type-options']).toBe('nosniff');
      expect(page.headers['referrer-policy']).toBe('no-referrer');
    }
  });

  it('narrows the rows with the source, topic, decision and date filters', async () => {
    expect(storyRows((await get('/candidates')).body)).toHaveLength(3);
    const nda = await get('/candidates?source=nda');
    expect(storyRows(nda.body)).toHaveLength(1);
    expect(nda.body).toContain(ESCAPED_TITLE);
    expect(nda.body).toMatch(/<option value="nda"\s+selected>/);
    expect(storyRows((await get('/candidates?source=cac')).body)).toHaveLength(1);
    const cyber = await get('/candidates?topic=cyber');
    expect(storyRows(cyber.body)).toHaveLength(1);
    expect(cyber.body).toContain('中央网信办部署开展清朗专项行动');
    expect(storyRows((await get('/candidates?source=nda&topic=cyber')).body)).toHaveLength(0);
    expect((await get('/candidates?topic=sports')).status).toBe(400);
    expect(storyRows((await get('/candidates?since=2099-01-01')).body)).toHaveLength(0);
    expect((await get('/candidates?since=2099-01-01')).body).toContain('No story matches');
    expect((await get('/candidates?source=nope')).status).toBe(400);
    expect((await get('/candidates?since=yesterday')).body).toContain('expected a date as YYYY-MM-DD');
  });

  it('stores a decision with reviewer and note, redirects to the same filtered list, and shows it', async () => {
    const [row] = storyRows((await get('/candidates?source=cnr')).body);
    const res = await postForm(
      `${t.base}/reviews`,
      { storyId: row!.id, decision: 'shortlist', note: '<b>备选</b> & 再看', back: '/candidates?source=cnr' },
      { cookie: 'sc_reviewer=%E5%BC%A0%E4%B8%89' },
    );
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/candidates?source=cnr');
    const after = await get('/candidates?source=cnr');
    expect(storyRows(after.body)).toEqual([{ id: row!.id, decision: 'shortlist' }]);
    expect(after.body).toContain('&lt;b&gt;备选&lt;/b&gt; &amp; 再看');
    const stored = await t.handle.db.selectFrom('reviews').selectAll().where('story_id', '=', row!.id).execute();
    expect(stored.map((r) => [r.decision, r.reviewer, r.note])).toEqual([['shortlist', '张三', '<b>备选</b> & 再看']]);
    expect(storyRows((await get('/candidates?decision=shortlist')).body).map((r) => r.id)).toEqual([row!.id]);
    expect(storyRows((await get('/candidates?decision=none')).body)).toHaveLength(2);
  });

  it('refuses malformed, oversize and invalid bodies with a 400 and stores nothing', async () => {
    const [row] = storyRows((await get('/candidates?source=nda')).body);
    const before = await reviewCount();
    const post = (body: string | Buffer, type = 'application/x-www-form-urlencoded') =>
      rawRequest(`${t.base}/reviews`, { method: 'POST', headers: { 'content-type': type }, body });
    const cases: [Promise<{ status: number; body: string }>, RegExp][] = [
      [post(`storyId=${row!.id}&decision=accept&note=%E4%B8`), /broken %-escape/],
      [post(Buffer.from([0x73, 0x3d, 0xff, 0xfe])), /not valid UTF-8/],
      [post(JSON.stringify({ storyId: row!.id, decision: 'accept' }), 'application/json'), /expected a form/],
      [post(`storyId=${row!.id}&decision=accept&decision=reject`), /given twice/],
      [post(`storyId=${row!.id}&decision=publish`), /decision: expected one of/],
      [post('decision=accept'), /missing form field &quot;storyId&quot;/],
      [post('storyId=1%3Bdrop&decision=accept'), /expected a story number/],
      [post('storyId=999999&decision=accept'), /.+/], // unknown story: addReview refuses it
      [post(`storyId=${row!.id}&decision=accept&note=${'x'.repeat(100_000)}`), /too large/],
    ];
    for (const [response, message] of cases) {
      const res = await response;
      expect(res.status).toBe(400);
      expect(res.body).toMatch(message);
    }
    expect(await reviewCount()).toBe(before);
  });

  it('refuses cross-site posts and foreign Host names', async () => {
    const before = await reviewCount();
    const [row] = storyRows((await get('/candidates?source=nda')).body);
    const fields = { storyId: row!.id, decision: 'reject' };
    expect((await postForm(`${t.base}/reviews`, fields, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await postForm(`${t.base}/reviews`, fields, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await get('/candidates', { host: 'evil.example:8787' })).status).toBe(403);
    expect(await reviewCount()).toBe(before);
    // A same-origin browser post (Origin is "null" under no-referrer) is accepted.
    const ok = await postForm(`${t.base}/reviews`, fields, { 'sec-fetch-site': 'same-origin', origin: 'null' });
    expect(ok.status).toBe(303);
    expect(await reviewCount()).toBe(before + 1);
  });

  it('never redirects off the candidates page', async () => {
    const [row] = storyRows((await get('/candidates?source=nda')).body);
    for (const back of ['https://evil.example/', '//evil.example/candidates', '/candidates\r\nx: y', '/sources']) {
      const res = await postForm(`${t.base}/reviews`, { storyId: row!.id, decision: 'accept', back });
      expect(res.headers.location).toBe('/candidates');
    }
  });

  it('checks a pasted digest without storing it, and shows the escaped report in a frame', async () => {
    const res = await postForm(`${t.base}/digest`, { digest: DIGEST, lang: 'en' });
    expect(res.status).toBe(303);
    const location = res.headers.location as string;
    expect(location).toMatch(/^\/digest\/[0-9a-f]{24}$/);
    const page = await get(location);
    expect(page.body).toContain(`src="${location}/report"`);
    expect(page.body).toMatch(/<iframe[^>]*sandbox="allow-popups allow-popups-to-escape-sandbox"/);
    const report = await get(`${location}/report`);
    expect(report.status).toBe(200);
    expect(report.headers['content-security-policy']).toContain("frame-ancestors 'self'");
    expect(report.body).toContain('<base target="_blank">');
    expect(report.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(report.body).not.toContain('<script>');
    expect(report.body).toContain('href="https://example.invalid/nda/1001.html"');
    expect(await t.handle.db.selectFrom('digests').select('id').execute()).toHaveLength(0);
  });

  it('stores a checked digest when asked, takes an uploaded file as exact bytes, and reports an unreadable one', async () => {
    const upload = Buffer.from(DIGEST, 'utf8').toString('base64');
    const res = await postForm(`${t.base}/digest`, { upload, uploadName: 'C:\\drafts\\2026-06-09.md', store: '1' });
    const page = await get(res.headers.location as string);
    expect(page.body).toContain('2026-06-09.md');
    expect(page.body).toContain('stored in the database');
    expect(await t.handle.db.selectFrom('digests').select('path').execute()).toEqual([{ path: '2026-06-09.md' }]);
    const bad = await get(
      (await postForm(`${t.base}/digest`, { digest: '# 只有标题\n\n正文\n' })).headers.location as string,
    );
    expect(bad.body).toContain('exit 3');
    expect(bad.body).toContain('no reference section');
    expect((await postForm(`${t.base}/digest`, { digest: '  ' })).status).toBe(400);
    expect((await postForm(`${t.base}/digest`, { upload: 'not base64!' })).status).toBe(400);
    expect((await get('/digest/0123456789abcdef01234567')).status).toBe(404);
  });

  it('names the port when it is already in use', async () => {
    const second = startServer({
      db: t.handle.db,
      host: '127.0.0.1',
      port: t.server.port,
      log: createLogger('silent'),
    });
    await expect(second).rejects.toThrow(BusyError);
    await expect(second).rejects.toThrow(`port ${t.server.port} is already in use on 127.0.0.1`);
  });
});

describe('the editors’ page on an empty database', () => {
  let empty: TestServer;
  beforeAll(async () => {
    empty = await startTestServer({ seeded: false });
  });
  afterAll(() => empty?.close());

  it('says so on the candidates and sources pages and points to sourcecheck crawl', async () => {
    for (const path of ['/candidates', '/sources']) {
      const res = await rawRequest(`${empty.base}${path}`);
      expect(res.status).toBe(200);
      expect(res.body).toContain('no articles yet');
      expect(res.body).toContain('<code>sourcecheck crawl</code>');
    }
  });
});
