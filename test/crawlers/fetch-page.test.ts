import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BodyTooLargeError, FetchNetworkError, FetchTimeoutError, RedirectError } from '../../crawlers/fetch/errors.js';
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

describe('fetchPage content codings and headers', () => {
  const page = '<html><body><p>国家数据局 新闻发布</p></body></html>'.repeat(50);
  const encoders: Record<string, (b: Buffer) => Buffer> = {
    gzip: gzipSync,
    deflate: deflateSync,
    br: brotliCompressSync,
  };
  const seen: (string | undefined)[] = [];
  let server: Server;
  let hostMap: HostMap;
  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(req.headers['accept-encoding']);
      const coding = req.url!.slice(1).split('?')[0]!;
      if (coding === 'cookies') {
        res.setHeader('set-cookie', ['a=1; Expires=Wed, 09 Jun 2027 10:18:14 GMT; Path=/', 'b=2; Path=/']);
        res.end('ok');
      } else if (coding === 'bomb') {
        res.setHeader('content-encoding', 'gzip');
        res.end(gzipSync(Buffer.alloc(5_000_000))); // 5 MB of zeros in about 5 KB
      } else if (coding === 'raw-deflate') {
        res.setHeader('content-encoding', 'deflate'); // as some old servers send it: no zlib wrapper
        res.end(deflateRawSync(Buffer.from(page)));
      } else if (coding === 'corrupt') {
        res.setHeader('content-encoding', 'gzip');
        res.end('not gzip at all');
      } else {
        res.setHeader('content-encoding', coding);
        res.setHeader('content-type', 'text/html; charset=utf-8');
        res.end(encoders[coding]!(Buffer.from(page)));
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    hostMap = parseHostMap(`a.example.cn=http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it.each(['gzip', 'deflate', 'br'])('asks for compressed bodies and decodes %s', async (coding) => {
    const got = await fetchPage(`https://a.example.cn/${coding}`, { hostMap });
    expect(got.body.toString('utf8')).toBe(page);
    expect(got.headers['content-encoding']).toBe(coding); // the archive keeps what the server said
    expect(seen.at(-1)).toBe('gzip, deflate, br');
  });

  it('decodes a deflate body sent raw, without the zlib wrapper, as fetch does', async () => {
    const got = await fetchPage('https://a.example.cn/raw-deflate', { hostMap });
    expect(got.body.toString('utf8')).toBe(page);
  });

  it('caps the decoded size, so a small compressed bomb is stopped', async () => {
    await expect(fetchPage('https://a.example.cn/bomb', { hostMap, maxBodyBytes: 1_000_000 })).rejects.toThrow(
      BodyTooLargeError,
    );
    const whole = await fetchPage('https://a.example.cn/bomb', { hostMap });
    expect(whole.body.length).toBe(5_000_000);
  });

  it('fails a body that does not decode, naming the URL', async () => {
    const failure = fetchPage('https://a.example.cn/corrupt', { hostMap });
    await expect(failure).rejects.toThrow(FetchNetworkError);
    await expect(failure).rejects.toMatchObject({ url: 'https://a.example.cn/corrupt' });
  });

  it('keeps every Set-Cookie, one per line (their values hold commas)', async () => {
    const got = await fetchPage('https://a.example.cn/cookies', { hostMap });
    expect(got.headers['set-cookie']).toBe('a=1; Expires=Wed, 09 Jun 2027 10:18:14 GMT; Path=/\nb=2; Path=/');
  });

  it('names the network failure when nothing listens', async () => {
    const closed = parseHostMap('a.example.cn=http://127.0.0.1:9');
    await expect(fetchPage('https://a.example.cn/x', { hostMap: closed })).rejects.toThrow(
      /request failed: ECONNREFUSED/,
    );
  });
});
