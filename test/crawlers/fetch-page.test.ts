import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BodyTooLargeError, FetchTimeoutError, RedirectError } from '../../crawlers/fetch/errors.js';
import { fetchPage } from '../../crawlers/fetch/fetch-page.js';
import { parseHostMap, type HostMap } from '../../crawlers/fetch/host-map.js';
import { startReplay, type Replay } from '../replay/server.js';

const SITES = new URL('../fixtures/replay-selftest/', import.meta.url).pathname;

describe('fetchPage through the host map', () => {
  let replay: Replay;
  let hostMap: HostMap;
  beforeAll(async () => {
    replay = await startReplay({
      sitesDir: SITES,
      hosts: ['a.example.cn'],
      routes: {
        'a.example.cn': [
          { path: '/loop-a', redirect: '/loop-b' },
          { path: '/loop-b', redirect: '/loop-a' },
          { path: '/away', redirect: 'https://elsewhere.example.com/x' },
          { path: '/big', body: 'x'.repeat(5000) },
          { path: '/slow', delayMs: 2000, body: 'late' },
        ],
      },
    });
    hostMap = parseHostMap(replay.hostMap);
  });
  afterAll(() => replay.close());

  it('fetches from the mirror but reports the real URL', async () => {
    const page = await fetchPage('https://a.example.cn/gbk.html', { hostMap });
    expect(page.status).toBe(200);
    expect(page.finalUrl).toBe('https://a.example.cn/gbk.html');
    expect(page.body.toString('latin1')).toContain('charset=GB2312');
    expect(replay.hits.at(-1)?.url).toBe('/gbk.html');
  });

  it('follows redirects as real URLs', async () => {
    const page = await fetchPage('https://a.example.cn/moved', { hostMap });
    expect(page.finalUrl).toBe('https://a.example.cn/sub/');
    expect(page.redirects).toEqual(['https://a.example.cn/sub/']);
    expect(page.body.toString()).toBe('<p>index</p>');
  });

  it('stops redirect loops and redirects off the allowed hosts', async () => {
    await expect(fetchPage('https://a.example.cn/loop-a', { hostMap })).rejects.toThrow(RedirectError);
    await expect(
      fetchPage('https://a.example.cn/away', { hostMap, allowedHosts: new Set(['a.example.cn']) }),
    ).rejects.toThrow(/another host: https:\/\/elsewhere.example.com\/x/);
  });

  it('caps the body size and bounds the time', async () => {
    await expect(fetchPage('https://a.example.cn/big', { hostMap, maxBodyBytes: 1000 })).rejects.toThrow(
      BodyTooLargeError,
    );
    await expect(fetchPage('https://a.example.cn/slow', { hostMap, timeoutMs: 300 })).rejects.toThrow(
      FetchTimeoutError,
    );
  });

  it('posts form bodies', async () => {
    const page = await fetchPage('https://a.example.cn/cms/JsonList', {
      hostMap,
      method: 'POST',
      body: 'channelCode=A1&perPage=20&pageno=2',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(JSON.parse(page.body.toString())).toEqual({ list: [{ topic: 'p2' }] });
  });
});
