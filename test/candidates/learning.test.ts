import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/connect.js';
import { upsertArticle } from '../../db/repositories/article.repository.js';
import { addReview } from '../../db/repositories/review.repository.js';
import { defaultSince, listCandidates } from '../../pipeline/candidates/list.js';
import { FEW_REJECTIONS, trainingExamples } from '../../pipeline/candidates/training.js';
import type { CandidateList } from '../../pipeline/candidates/types.js';
import { clusterStories } from '../../pipeline/stories.js';
import { openReady, testBackends } from '../db/backends.js';
import { article, storeDigest } from './helpers.js';

const SINCE = new Date('2000-01-01T00:00:00Z');
const SPORTS = [
  ['足球联赛第十轮战罢 冠军悬念延续', '足球联赛第十轮比赛昨晚结束，球迷热议冠军归属。'],
  ['篮球联赛总决赛门票开售', '篮球联赛总决赛将于下周开打，球迷抢购门票。'],
  ['全国体育大会开幕 运动员入场', '全国体育大会今日开幕，各地运动员参加比赛。'],
  ['马拉松比赛交通管制公告', '马拉松比赛当天部分道路实行交通管制，请运动员和市民注意。'],
  ['乒乓球世界杯中国队夺冠', '乒乓球世界杯决赛中国队夺冠，体育迷庆祝。'],
] as const;
const DATA_REFS = ['数据要素市场化配置改革', '数据产权登记制度', '公共数据资源开发利用', '数据要素×三年行动计划'];

describe.each(testBackends())('the desk teaches the ranking ($name)', (backend) => {
  let h: DatabaseHandle;
  let cut: Date;
  const rank = (list: CandidateList, title: string) => list.candidates.findIndex((c) => c.title === title);
  const row = (list: CandidateList, title: string) => list.candidates.find((c) => c.title === title)!;

  beforeAll(async () => {
    h = await openReady(backend);
  });
  afterAll(() => h?.close());

  it('with nothing stored: the window is the last 24 hours', async () => {
    const now = new Date('2026-06-09T06:00:00+08:00');
    expect((await defaultSince(h.db, now)).toISOString()).toBe('2026-06-07T22:00:00.000Z');
  });

  it('ranks a 数据 story above a sports story after references about 数据要素 and rejections about 体育', async () => {
    for (const [title, body] of SPORTS) await upsertArticle(h.db, article('cnr', title, body));
    await clusterStories(h.db);
    const old = await listCandidates(h.db, { since: SINCE });
    for (const c of old.candidates)
      await addReview(h.db, { storyId: c.storyId, decision: 'reject', reviewer: '编辑甲', note: '体育不在本刊范围' });
    await storeDigest(
      h.db,
      '2026-06-09',
      DATA_REFS.map((title) => ({ title })),
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    cut = new Date();
    await upsertArticle(
      h.db,
      article('nda', '国家数据局推进数据要素市场建设', '数据要素市场建设取得进展，数据产权登记试点扩大。'),
    );
    await upsertArticle(h.db, article('cnr', '足球联赛第十一轮赛程公布', '足球联赛第十一轮比赛本周末进行，球迷期待。'));
    await upsertArticle(
      h.db,
      article('cnr', '国际电影节开幕 百部影片展映', '国际电影节今日开幕，百部影片将在影院展映。'),
    );
    await upsertArticle(h.db, article('cnr', '城市公园数据看板上线', '城市公园上线客流看板，市民可查询入园人数。'));
    await clusterStories(h.db);

    const list = await listCandidates(h.db, { since: cut });
    expect(list.model).toMatchObject({ relevant: DATA_REFS.length, irrelevant: SPORTS.length, method: 'naive-bayes' });
    expect(list.candidates).toHaveLength(4); // the window holds only the stories first seen after `cut`
    const data = row(list, '国家数据局推进数据要素市场建设');
    const sport = row(list, '足球联赛第十一轮赛程公布');
    expect(rank(list, data.title)).toBe(0);
    expect(data.score).toBeGreaterThan(0.8);
    expect(sport.score).toBeLessThan(0.2);
    expect(data.topTerms.map((t) => t.term)).toEqual(expect.arrayContaining(['数据', '要素']));
    expect(sport.topTerms.map((t) => t.term)).not.toContain('足球');
  });

  it('moves a story up on the next listing once an editor accepts it', async () => {
    const before = await listCandidates(h.db, { since: cut });
    const film = row(before, '国际电影节开幕 百部影片展映');
    const park = row(before, '城市公园数据看板上线');
    expect(rank(before, film.title)).toBeGreaterThan(rank(before, park.title));
    expect(film.topTerms).toEqual([]); // no word of it was ever marked relevant
    await addReview(h.db, { storyId: film.storyId, decision: 'accept', reviewer: '编辑乙', note: '文化政策相关' });
    const after = await listCandidates(h.db, { since: cut });
    expect(row(after, film.title).score).toBeGreaterThan(film.score);
    expect(rank(after, film.title)).toBeLessThan(rank(after, park.title)); // it overtook a story it trailed
    expect(row(after, film.title).topTerms.map((t) => t.term)).toContain('电影');
    expect(after.model.relevant).toBe(before.model.relevant + 1);
  });

  it('learns from the text of the articles a reference was verified against', async () => {
    const { id } = await upsertArticle(
      h.db,
      article('nda', '专家解读｜公共数据授权运营', '公共数据授权运营规范落地，授权运营机构须备案。'),
    );
    await clusterStories(h.db);
    await storeDigest(h.db, '2026-06-10', [{ title: '授权运营专家解读', articleId: id }]);
    const words = (await trainingExamples(h.db)).filter((e) => e.label === 'relevant').flatMap((e) => e.tokens);
    expect(words).toEqual(expect.arrayContaining(['授权', '运营', '备案']));
  });

  it('starts the default window at the newest digest issued by now (Beijing day)', async () => {
    const now = new Date('2026-06-10T09:00:00+08:00');
    expect((await defaultSince(h.db, now)).toISOString()).toBe('2026-06-09T16:00:00.000Z');
    const earlier = new Date('2026-06-09T12:00:00+08:00'); // the 06-10 digest is not issued yet
    expect((await defaultSince(h.db, earlier)).toISOString()).toBe('2026-06-08T16:00:00.000Z');
  });
});

describe.each(testBackends())('a desk with few rejections ($name)', (backend) => {
  let h: DatabaseHandle;
  beforeAll(async () => {
    h = await openReady(backend);
  });
  afterAll(() => h?.close());

  it('stands in unlabelled stories for "off the beat", the same sample every time, never a decided one', async () => {
    for (const [title, body] of SPORTS) await upsertArticle(h.db, article('cnr', title, body));
    await upsertArticle(h.db, article('nda', '数据产权登记工作指引', '规范数据产权登记。'));
    await clusterStories(h.db);
    expect(await trainingExamples(h.db)).toEqual([]); // nothing taught, nothing made up
    await storeDigest(h.db, '2026-06-09', [{ title: '数据要素市场化配置改革' }]);
    const list = await listCandidates(h.db, { since: SINCE });
    const nda = list.candidates.find((c) => c.sourceId === 'nda')!;
    await addReview(h.db, { storyId: nda.storyId, decision: 'accept', reviewer: '编辑甲', note: null });
    const first = await trainingExamples(h.db);
    expect(first).toEqual(await trainingExamples(h.db));
    const offBeat = first.filter((e) => e.label === 'irrelevant');
    expect(offBeat).toHaveLength(SPORTS.length); // every undecided story, none of the accepted one
    expect(offBeat.flatMap((e) => e.tokens)).not.toContain('登记');
    expect(FEW_REJECTIONS).toBeGreaterThan(0);
  });
});
