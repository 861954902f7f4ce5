import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BadInputError } from '../../core/errors.js';
import { bearerToken, isLoopbackHost, resolveToken, tokenMatches } from '../../web/token.js';
import { postForm, rawRequest, startTestServer, storyRows, type TestServer } from './harness.js';

const TOKEN = 'correct-horse-battery-staple';

describe('the write token', () => {
  it('knows loopback hosts', () => {
    for (const h of ['127.0.0.1', '127.8.9.1', '::1', '[::1]', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1', 'localhost'])
      expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ['0.0.0.0', '::', '192.168.1.10', '10.0.0.1', 'example.com', '::ffff:10.0.0.1', '128.0.0.1'])
      expect(isLoopbackHost(h), h).toBe(false);
  });

  it('compares tokens exactly', () => {
    expect(tokenMatches(TOKEN, TOKEN)).toBe(true);
    expect(tokenMatches(TOKEN, `${TOKEN} `)).toBe(false);
    expect(tokenMatches(TOKEN, TOKEN.slice(0, -1))).toBe(false);
    expect(tokenMatches(TOKEN, '')).toBe(false);
    expect(tokenMatches(TOKEN, null)).toBe(false);
    expect(bearerToken(`Bearer ${TOKEN}`)).toBe(TOKEN);
    expect(bearerToken('Basic abc')).toBeNull();
  });

  it('is required off loopback, from the flag or the environment', () => {
    expect(resolveToken('127.0.0.1', undefined, {})).toBeUndefined();
    expect(() => resolveToken('0.0.0.0', undefined, {})).toThrow(BadInputError);
    expect(() => resolveToken('0.0.0.0', undefined, {})).toThrow(/--token or set SOURCECHECK_WEB_TOKEN/);
    expect(resolveToken('0.0.0.0', undefined, { SOURCECHECK_WEB_TOKEN: TOKEN })).toBe(TOKEN);
    expect(resolveToken('0.0.0.0', TOKEN, {})).toBe(TOKEN);
    expect(() => resolveToken('0.0.0.0', 'short', {})).toThrow(/at least 12/);
  });
});

describe('a server bound to 0.0.0.0', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ host: '0.0.0.0', token: TOKEN });
  });
  afterAll(() => t?.close());
  const reviews = async () => (await t.handle.db.selectFrom('reviews').select('id').execute()).length;

  it('refuses every POST without the right token and takes one with it', async () => {
    const [row] = storyRows((await rawRequest(`${t.base}/candidates`)).body);
    const fields = { storyId: row!.id, decision: 'accept' };
    expect((await postForm(`${t.base}/reviews`, fields)).status).toBe(403);
    expect((await postForm(`${t.base}/reviews`, { ...fields, token: 'wrong-token-123' })).status).toBe(403);
    expect((await postForm(`${t.base}/digest`, { digest: '# x' })).status).toBe(403);
    expect((await postForm(`${t.base}/reviewer`, { reviewer: 'x' })).status).toBe(403);
    expect(await reviews()).toBe(0);
    expect((await postForm(`${t.base}/reviews`, { ...fields, token: TOKEN })).status).toBe(303);
    const bearer = await postForm(`${t.base}/reviews`, fields, { authorization: `Bearer ${TOKEN}` });
    expect(bearer.status).toBe(303);
    expect(await reviews()).toBe(2);
  });

  it('remembers a token entered once as ?token= and fills the forms with it', async () => {
    expect((await rawRequest(`${t.base}/candidates?token=nope`)).status).toBe(403);
    const page = await rawRequest(`${t.base}/candidates`);
    expect(page.body).toContain('Decisions need the write token');
    const entered = await rawRequest(`${t.base}/candidates?source=nda&token=${TOKEN}`);
    expect(entered.status).toBe(303);
    expect(entered.headers.location).toBe('/candidates?source=nda');
    const setCookie = String(entered.headers['set-cookie']);
    expect(setCookie).toMatch(/sc_token=.*HttpOnly/);
    expect(setCookie).toContain('SameSite=Strict');
    const withCookie = await rawRequest(`${t.base}/candidates?source=nda`, {
      headers: { cookie: setCookie.split(';')[0]! },
    });
    expect(withCookie.body).not.toContain('Decisions need the write token');
    expect(withCookie.body).toMatch(new RegExp(`<input type="hidden" name="token" value="${TOKEN}" />`));
  });
});
