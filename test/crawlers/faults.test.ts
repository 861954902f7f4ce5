import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReplayRoute } from '../replay/routes.js';
import { runCli } from '../cli/run-cli.js';
import { startReplay } from '../replay/server.js';
import { crawlReplay, type CrawlRun } from './crawl-harness.js';

const SITE = new URL('../fixtures/sites/www.nda.gov.cn', import.meta.url).pathname;
const listPage = readFileSync(`${SITE}/sjj/zwgk/zcfb/list/index_pc_1.html`, 'utf8');
/** Article paths of 政策发布 page 1, newest first, as the real list links them. */
const paths = [...listPage.matchAll(/href="(\/sjj\/zwgk\/zcfb\/\d{4}\/\d{23}_pc\.html)"/g)].map((m) => m[1]!);
const url = (path: string) => `https://www.nda.gov.cn${path}`;
const file = (path: string) => readFileSync(`${SITE}${path}`);
const emptyList = listPage.replace(/<ul class="u-list">[\s\S]*?<\/ul>/, '<ul class="u-list"></ul>');
const dataDome =
  '<html><body><p id="cmsg">Please enable JS and disable any ad blocker</p><script>var dd={"host":"geo.captcha-delivery.com"}</script></body></html>';
const challenge412 =
  '<html><head><script>document.cookie="FSSBBIl1UgzbN7N80S=x";location.reload()</script></head></html>';

/** One fault per article of the list, plus an empty list page (see FAULTS below). */
const FAULTS: Record<string, { route: Omit<ReplayRoute, 'path'>; kind?: string }> = {
  notFound: { route: { status: 404 }, kind: 'HTTP 404' },
  serverError: { route: { status: 500, body: 'oops' }, kind: 'HTTP 500' },
  unavailableOnce: { route: { status: 503, headers: { 'retry-after': '1' }, times: 1 } },
  throttledOnce: { route: { status: 429, headers: { 'retry-after': '1' }, times: 1 } },
  slow: { route: { delayMs: 4000, body: 'late' }, kind: 'timeout' },
  loop: { route: { status: 302 }, kind: 'redirect' },
  offHost: { route: { status: 301, redirect: 'https://elsewhere.example.com/x' }, kind: 'redirect' },
  dataDome: {
    route: { status: 401, body: dataDome, headers: { 'x-datadome': 'protected' } },
    kind: 'bot wall (HTTP 401)',
  },
  jsChallenge: { route: { status: 412, body: challenge412 }, kind: 'bot wall (HTTP 412)' },
  truncated: { route: {} },
  huge: { route: { body: 'x'.repeat(50 * 1024 * 1024) }, kind: 'body too large' },
  wrongCharset: { route: { headers: { 'content-type': 'text/html; charset=GBK' } } },
};
const names = Object.keys(FAULTS);

function routes(): ReplayRoute[] {
  return names.map((name, i) => {
    const path = paths[i]!;
    const { route } = FAULTS[name]!;
    if (name === 'loop') return { path, ...route, redirect: path };
    if (name === 'truncated') {
      const html = file(path).toString('utf8');
      return { path, body: html.slice(0, html.indexOf('<div class="article">') + 400) };
    }
    if (name === 'wrongCharset') return { path, ...route, file: path.slice(1) };
    return { path, ...route };
  });
}
const tzgg = { path: '/sjj/zwgk/tzgg/list/index_pc_1.html', body: emptyList };

describe('a crawl through faults', () => {
  let run: CrawlRun;
  beforeAll(async () => {
    expect(paths.length).toBeGreaterThanOrEqual(names.length);
    run = await crawlReplay({
      hosts: ['www.nda.gov.cn'],
      sources: ['nda'],
      since: '2026-01-01T00:00:00+08:00',
      routes: { 'www.nda.gov.cn': [...routes(), tzgg] },
      config: { requestTimeoutMs: 1500, maxRetries: 2 },
    });
  }, 120_000);
  afterAll(() => run?.close());

  it('records each failed URL once, with the reason', () => {
    const errors = run.results[0]!.errors;
    for (const [i, name] of names.entries()) {
      const kind = FAULTS[name]!.kind;
      const found = errors.filter((e) => e.url === url(paths[i]!));
      if (kind)
        expect(
          found.map((e) => e.kind),
          name,
        ).toEqual([kind]);
      else expect(found, name).toEqual([]);
    }
  });

  it('goes on: the rest of the source is stored, transient failures recovered after their Retry-After', async () => {
    const stored = new Map((await run.articles()).map((a) => [a.url, a]));
    expect(stored.size).toBeGreaterThan(80);
    for (const name of ['unavailableOnce', 'throttledOnce', 'truncated', 'wrongCharset']) {
      expect(stored.has(url(paths[names.indexOf(name)]!)), name).toBe(true);
    }
    const hits = (name: string) => run.replay.hits.filter((h) => h.url === paths[names.indexOf(name)]).map((h) => h.at);
    for (const name of ['unavailableOnce', 'throttledOnce']) {
      const [first, second] = hits(name);
      expect(second! - first!, name).toBeGreaterThanOrEqual(950);
    }
    expect(hits('notFound')).toHaveLength(1); // a 404 is not retried
    expect(hits('serverError')).toHaveLength(3); // 1 + maxRetries
  });

  it('decodes a page whose header names the wrong charset', async () => {
    const page = (await run.articles()).find((a) => a.url === url(paths[names.indexOf('wrongCharset')]!))!;
    expect(page.title).toMatch(/[\u4e00-\u9fa5]{4}/);
    expect(page.title).not.toMatch(/\ufffd/);
  });

  it('reports a list whose selectors match nothing as "layout changed?" with the URL and the saved page', () => {
    const result = run.results[0]!;
    const layout = result.errors.find((e) => e.kind === 'layout changed?');
    expect(layout?.url).toBe('https://www.nda.gov.cn/sjj/zwgk/tzgg/list/index_pc_1.html');
    expect(layout?.message).toMatch(/saved page \d+/);
    expect(result.status).toBe('failed');
  });

  it('exits 2 from the CLI when a source failed, with valid JSON naming it', async () => {
    const replay = await startReplay({ hosts: ['www.nda.gov.cn'], routes: { 'www.nda.gov.cn': [tzgg] } });
    try {
      const cli = await runCli(
        ['crawl', '--source', 'nda', '--since', '2026-06-01', '--json', '--data-dir', 'memory://'],
        {
          SOURCECHECK_HOST_MAP: replay.hostMap,
          SOURCECHECK_DELAY_MS: '0',
        },
      );
      expect(cli.code).toBe(2);
      const out = JSON.parse(cli.stdout) as { ok: boolean; sources: { sourceId: string; status: string }[] };
      expect(out.ok).toBe(false);
      expect(out.sources).toEqual([expect.objectContaining({ sourceId: 'nda', status: 'failed' })]);
      expect(cli.stderr).toMatch(/crawl failed for: nda/);
    } finally {
      await replay.close();
    }
  });
});
