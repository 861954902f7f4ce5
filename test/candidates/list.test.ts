import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/connect.js';
import { upsertArticle, type ArticleInput } from '../../db/repositories/article.repository.js';
import { addReview } from '../../db/repositories/review.repository.js';
import { renderCandidates } from '../../pipeline/candidates/format.js';
import { defaultSince, listCandidates } from '../../pipeline/candidates/list.js';
import { clusterStories } from '../../pipeline/stories.js';
import { BadInputError } from '../../core/errors.js';
import { openReady, testBackends } from '../db/backends.js';
import { article as baseArticle } from './helpers.js';

const SINCE = new Date('2000-01-01T00:00:00Z');
let n = 0;
/** Publication days spread over the week, so "newest first" has something to order. */
const article = (sourceId: string, title: string, body: string, extra: Partial<ArticleInput> = {}): ArticleInput =>
  baseArticle(sourceId, title, body, { publishedAt: `2026-06-0${(++n % 8) + 1}T10:00:00+08:00`, ...extra });

const STORIES = [
  article('nda', '国家数据局发布数据产权登记工作指引', '为规范数据产权登记，保护数据要素市场各方权益。'),
  article('cnr', '足球联赛第十轮战罢 冠军悬念延续', '足球联赛第十轮比赛昨晚结束，球迷热议。'),
  article('cac', '网络数据安全标签标识指南公开征求意见', '为指导网络数据处理者规范开展数据安全工作。', {
    originalOutlet: '央广网',
  }),
  article('mee', '<script>alert(1)</script> 生态环境 & 碳排放', '碳排放权交易市场扩围。'),
];

describe.each(testBackends())('candidates ($name)', (backend) => {
  let h: DatabaseHandle;
  const titles = async (filter = {}) =>
    (await listCandidates(h.db, { since: SINCE, ...filter })).candidates.map((c) => c.title);

  beforeAll(async () => {
    h = await openReady(backend);
  });
  afterAll(() => h?.close());

  it('says the database is empty and points to crawl', async () => {
    const list = await listCandidates(h.db, { since: SINCE });
    expect(list).toMatchObject({ candidates: [], emptyReason: 'no-articles' });
    expect(renderCandidates(list, 'md')).toContain('run `sourcecheck crawl`');
    const before = Date.now();
    expect((await defaultSince(h.db, new Date(before))).getTime()).toBe(before - 86_400_000);
  });

  it('lists one row per story, ranked by what past digests cited, with the reference line', async () => {
    for (const a of STORIES) await upsertArticle(h.db, a);
    await clusterStories(h.db);
    const digest = await h.db
      .insertInto('digests')
      .values({ path: 'd.md', sha256: 'x', title: '日报', issue_date: '2026-06-09' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await h.db
      .insertInto('digest_references')
      .values(
        ['数据要素市场化配置改革', '数据产权登记制度', '网络数据安全管理条例'].map((title, index) => ({
          digest_id: digest.id,
          index,
          line: index + 1,
          outlets: ['国家数据局'],
          title,
          date_text: '2026-06-08',
          purpose: null,
          raw: title,
        })),
      )
      .execute();
    const list = await listCandidates(h.db, { since: SINCE });
    expect(list.candidates).toHaveLength(4);
    expect(list.model.relevant).toBe(3);
    const first = list.candidates[0]!;
    expect(first.title).toMatch(/数据/);
    expect(first.topTerms.map((t) => t.term)).toContain('数据');
    expect(list.candidates.at(-1)!.title).toMatch(/足球|script/);
    const cac = list.candidates.find((c) => c.sourceId === 'cac')!;
    expect(cac.referenceLine).toMatch(
      /^来源：中央网信办 \/ 央广网；标题：网络数据安全标签标识指南公开征求意见；日期：2026-06-\d\d；用途：$/,
    );
    expect((await defaultSince(h.db, new Date('2026-06-10T00:00:00Z'))).toISOString()).toBe('2026-06-08T16:00:00.000Z');
  });

  it('learns from the desk: a rejected story drops, an accepted one rises', async () => {
    const before = await listCandidates(h.db, { since: SINCE });
    const football = before.candidates.find((c) => c.title.includes('足球'))!;
    const nda = before.candidates.find((c) => c.sourceId === 'nda')!;
    await addReview(h.db, { storyId: football.storyId, decision: 'accept', reviewer: '编辑甲', note: '体育也要' });
    await addReview(h.db, { storyId: nda.storyId, decision: 'reject', reviewer: '编辑甲', note: null });
    const after = await listCandidates(h.db, { since: SINCE });
    expect(after.candidates.find((c) => c.storyId === football.storyId)!.score).toBeGreaterThan(football.score);
    expect(after.candidates.find((c) => c.storyId === nda.storyId)!.score).toBeLessThan(nda.score);
    expect(after.candidates.find((c) => c.storyId === football.storyId)!.review).toMatchObject({
      decision: 'accept',
      reviewer: '编辑甲',
    });
  });

  it('filters by source, topic and decision', async () => {
    expect(await titles({ sourceIds: ['cac'] })).toEqual(['网络数据安全标签标识指南公开征求意见']);
    expect((await titles({ topic: 'ecology' })).every((t) => t.includes('碳'))).toBe(true);
    expect(await titles({ decision: 'reject' })).toEqual(['国家数据局发布数据产权登记工作指引']);
    expect((await titles({ decision: 'none' })).sort()).toEqual(
      ['<script>alert(1)</script> 生态环境 & 碳排放', '网络数据安全标签标识指南公开征求意见'].sort(),
    );
  });

  it('refuses a review of an unknown story or decision with one line, storing nothing', async () => {
    const count = async () => (await h.db.selectFrom('reviews').select('id').execute()).length;
    const stored = await count();
    await expect(addReview(h.db, { storyId: '999999', decision: 'accept', reviewer: 'x', note: null })).rejects.toThrow(
      BadInputError,
    );
    await expect(
      addReview(h.db, { storyId: '1', decision: 'maybe' as 'accept', reviewer: 'x', note: null }),
    ).rejects.toThrow(/unknown decision "maybe"/);
    expect(await count()).toBe(stored);
  });

  it('escapes crawled text in the HTML report', async () => {
    const html = renderCandidates(await listCandidates(h.db, { since: SINCE }), 'html');
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; 生态环境 &amp; 碳排放');
  });
});
