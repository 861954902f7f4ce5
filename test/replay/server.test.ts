import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReplay, type Replay } from './server.js';

const SITES = new URL('../fixtures/replay-selftest/', import.meta.url).pathname;

describe('replay server', () => {
  let replay: Replay;
  let base: string;
  beforeAll(async () => {
    replay = await startReplay({
      sitesDir: SITES,
      hosts: ['a.example.cn'],
      routes: { 'a.example.cn': [{ path: '/slow', delayMs: 300, body: 'late' }] },
    });
    base = replay.origins['a.example.cn']!;
  });
  afterAll(() => replay.close());

  it('serves files by URL path, directories by index.html, with no charset in Content-Type', async () => {
    const res = await fetch(`${base}/gbk.html?ignored=1`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html');
    expect(await (await fetch(`${base}/sub/`)).text()).toBe('<p>index</p>');
    expect(await (await fetch(`${base}/robots.txt`)).text()).toContain('Disallow: /private/');
  });

  it('answers 404 for missing files and never serves "_" folders', async () => {
    expect((await fetch(`${base}/list/index_pc_9.html`)).status).toBe(404);
    expect((await fetch(`${base}/_replay.json`)).status).toBe(404);
    expect((await fetch(`${base}/_api/p2.json`)).status).toBe(404);
  });

  it('matches POST routes on form parameters', async () => {
    const post = (body: string) =>
      fetch(`${base}/cms/JsonList`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    const hit = await post('channelCode=A1&perPage=20&pageno=2');
    expect(hit.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    expect(await hit.json()).toEqual({ list: [{ topic: 'p2' }] });
    expect((await post('channelCode=A1&perPage=20&pageno=3')).status).toBe(405);
  });

  it('applies a `times` route only to its first hits', async () => {
    const first = await fetch(`${base}/busy`);
    expect([first.status, first.headers.get('retry-after')]).toEqual([429, '1']);
    expect(await (await fetch(`${base}/busy`)).text()).toBe('ok now');
  });

  it('redirects, delays, and records every hit', async () => {
    const moved = await fetch(`${base}/moved`, { redirect: 'manual' });
    expect([moved.status, moved.headers.get('location')]).toEqual([301, '/sub/']);
    const started = Date.now();
    expect(await (await fetch(`${base}/slow`)).text()).toBe('late');
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(replay.hits.some((h) => h.url === '/moved' && h.status === 301)).toBe(true);
  });

  it('renders a host map for the crawler', () => {
    expect(replay.hostMap).toBe(`a.example.cn=${base}`);
  });
});
