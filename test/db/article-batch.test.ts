import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/connect.js';
import { migrateToLatest } from '../../db/migrate.js';
import { upsertArticles } from '../../db/repositories/article-batch.repository.js';
import { upsertArticle, type ArticleInput, type UpsertOutcome } from '../../db/repositories/article.repository.js';
import { upsertSources } from '../../db/repositories/source.repository.js';
import { sourceRegistry } from '../../crawlers/sources/index.js';
import { testBackends } from './backends.js';

const base: ArticleInput = {
  sourceId: 'nda',
  nativeId: '1',
  url: 'https://www.nda.gov.cn/sjj/zwgk/zcfb/0601/1_pc.html',
  aliasUrls: [],
  title: '关于数据要素的通知',
  publishedAt: '2026-06-01T00:00:00+08:00',
  datePrecision: 'day',
  dateEvidence: {},
  originalOutlet: '国家数据局', issuer: null,
  docNumber: null,
  bodyText: '正文',
  language: 'zh',
  attachments: [],
  pageId: null,
};
const at = (over: Partial<ArticleInput>): ArticleInput => ({ ...base, ...over });

/** A night's copies: twins under two columns, a changed body, a stored row seen again, a new id. */
const stored: ArticleInput[] = [at({ nativeId: '1' }), at({ nativeId: '2', title: '旧标题' }), at({ nativeId: '3' })];
const night: ArticleInput[] = [
  at({ nativeId: '1' }), // unchanged
  at({ nativeId: '2', title: '新标题' }), // content changed
  at({ nativeId: '2', title: '新标题', url: 'https://www.nda.gov.cn/sjj/zwgk/tzgg/0601/2_pc.html' }), // then an alias
  at({ nativeId: '3', url: 'https://www.nda.gov.cn/sjj/swdt/xwfb/0601/3_pc.html' }), // alias only
  at({ nativeId: '4' }), // new
  at({ nativeId: '4', url: 'https://www.nda.gov.cn/sjj/zwgk/zcjd/0601/4_pc.html' }), // its twin
  at({ nativeId: '5' }), // new
  at({ nativeId: '5', bodyText: '改过的正文' }), // changed before it was ever written
];

const snapshot = (h: DatabaseHandle) =>
  h.db
    .selectFrom('articles')
    .select(['native_id', 'canonical_url', 'alias_urls', 'title', 'body_text'])
    .orderBy('native_id')
    .execute();

describe.each(testBackends())('batched article upsert ($name)', (backend) => {
  const handles: DatabaseHandle[] = [];
  beforeAll(async () => {
    for (let i = 0; i < 2; i++) {
      const h = await backend.open();
      await migrateToLatest(h.db);
      await upsertSources(h.db, sourceRegistry);
      for (const input of stored) await upsertArticle(h.db, input);
      handles.push(h);
    }
  });
  afterAll(async () => {
    for (const h of handles) await h.close();
  });

  it('decides and stores exactly what one-by-one upserts do', async () => {
    const [sequentialDb, batchDb] = handles as [DatabaseHandle, DatabaseHandle];
    const sequential: UpsertOutcome[] = [];
    for (const input of night) sequential.push((await upsertArticle(sequentialDb.db, input)).outcome);
    const batched = await batchDb.db.transaction().execute((trx) => upsertArticles(trx, night));
    expect(sequential).toEqual(['unchanged', 'updated', 'updated', 'updated', 'new', 'updated', 'new', 'updated']);
    expect(batched).toEqual(sequential);
    expect(await snapshot(batchDb)).toEqual(await snapshot(sequentialDb));
  });

  it('agrees again when the night is replayed over what it stored', async () => {
    const [sequentialDb, batchDb] = handles as [DatabaseHandle, DatabaseHandle];
    const replay = night.slice(2);
    const sequential: UpsertOutcome[] = [];
    for (const input of replay) sequential.push((await upsertArticle(sequentialDb.db, input)).outcome);
    const batched = await batchDb.db.transaction().execute((trx) => upsertArticles(trx, replay));
    expect(sequential).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged', 'updated', 'updated']);
    expect(batched).toEqual(sequential);
    expect(await snapshot(batchDb)).toEqual(await snapshot(sequentialDb));
  });
});
