import { request as httpRequest } from 'node:http';
import type { DatabaseHandle } from '../../db/connect.js';
import { createLogger } from '../../core/log.js';
import { migrateToLatest } from '../../db/migrate.js';
import { upsertArticle, type ArticleInput } from '../../db/repositories/article.repository.js';
import { article as baseArticle } from '../candidates/helpers.js';
import { finishCrawlRun, startCrawlRun } from '../../db/repositories/crawl-run.repository.js';
import { upsertSources } from '../../db/repositories/source.repository.js';
import { sourceRegistry } from '../../crawlers/sources/index.js';
import { clusterStories } from '../../pipeline/stories.js';
import { startServer, type RunningServer } from '../../web/server.js';
import { testBackends } from '../db/backends.js';

/** The hostile crawled title every page must show as text. */
export const HOSTILE_TITLE = '国家数据局发布<script>alert(1)</script>数据集 & 方案';
/** A hostile crawl error message (shown on the source health page). */
export const HOSTILE_ERROR = 'the list matched no items <img src=x onerror=alert(2)>';

/** A stored article with a chosen native id (the pages link to `…/<id>.html`). */
const article = (sourceId: string, nativeId: string, title: string, body: string): ArticleInput =>
  baseArticle(sourceId, title, body, { nativeId, url: `https://example.invalid/${sourceId}/${nativeId}.html` });

/** Three unrelated articles from three sources, clustered into three stories, and a broken cac crawl. */
export async function seed(h: DatabaseHandle): Promise<void> {
  await upsertArticle(
    h.db,
    article('nda', '1001', HOSTILE_TITLE, '国家数据局印发实施方案，推进行业高质量数据集建设，到2028年建成一批数据集。'),
  );
  await upsertArticle(
    h.db,
    article(
      'cac',
      'c_2002',
      '中央网信办部署开展清朗专项行动',
      '中央网信办近日印发通知，部署开展网络生态治理专项行动，整治短视频乱象。',
    ),
  );
  await upsertArticle(
    h.db,
    article(
      'cnr',
      't20260608_3003',
      '低空经济试点城市名单公布',
      '央广网消息，低空经济试点城市名单公布，无人机物流和空中交通将率先落地。',
    ),
  );
  await clusterStories(h.db);
  // A successful nda crawl from before the articles' date, so a digest citing them can be verified.
  const nda = await startCrawlRun(h.db, 'nda', new Date('2026-06-01T00:00:00+08:00'), {});
  await finishCrawlRun(h.db, nda, 'succeeded', { pages: 3, articles: 1, new: 1 }, []);
  const run = await startCrawlRun(h.db, 'cac', new Date(), {});
  await finishCrawlRun(h.db, run, 'failed', { pages: 1 }, [
    {
      url: 'https://www.cac.gov.cn/wxzw/A0937index_1.htm',
      kind: 'layout changed?',
      message: HOSTILE_ERROR,
      at: new Date().toISOString(),
    },
  ]);
}

/** A server on a fresh in-memory PGlite database. */
export interface TestServer {
  handle: DatabaseHandle;
  server: RunningServer;
  /** `http://127.0.0.1:PORT` (no trailing slash). */
  base: string;
  close(): Promise<void>;
}

/** Start the editors' page on a fresh, migrated database (seeded unless `seeded: false`). */
export async function startTestServer(
  options: { seeded?: boolean; host?: string; token?: string } = {},
): Promise<TestServer> {
  const handle = await testBackends()[0]!.open();
  await migrateToLatest(handle.db);
  await upsertSources(handle.db, sourceRegistry);
  if (options.seeded !== false) await seed(handle);
  const server = await startServer({
    db: handle.db,
    host: options.host ?? '127.0.0.1',
    port: 0,
    token: options.token,
    log: createLogger('silent'),
  });
  return {
    handle,
    server,
    base: `http://127.0.0.1:${server.port}`,
    close: async () => (await server.close(), await handle.close()),
  };
}

/** What a raw request returned. */
export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request with full control of the headers (fetch will not send a foreign Host). */
export function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** POST a urlencoded form without following the redirect. */
export function postForm(
  url: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  return rawRequest(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

/** The story ids of the rows on a candidates page, in order. */
export function storyRows(html: string): { id: string; decision: string }[] {
  return [...html.matchAll(/<tr data-story-id="(\d+)" data-decision="([a-z]+)">/g)].map((m) => ({
    id: m[1]!,
    decision: m[2]!,
  }));
}
