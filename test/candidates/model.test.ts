import { describe, expect, it } from 'vitest';
import { RelevanceModel, type Example } from '../../pipeline/candidates/model.js';
import { referenceLine } from '../../pipeline/candidates/reference-line.js';
import { segment } from '../../pipeline/candidates/segment.js';
import { topicsOf } from '../../pipeline/candidates/topics.js';

const rel = (text: string): Example => ({ tokens: segment(text), label: 'relevant' });
const off = (text: string): Example => ({ tokens: segment(text), label: 'irrelevant' });

describe('segmentation and topics', () => {
  it('joins the lone characters ICU leaves of words missing from its dictionary', () => {
    expect(segment('推进算力网络建设 足球联赛第十轮')).toEqual(expect.arrayContaining(['算力', '联赛']));
    expect(segment('国家数据局')).toEqual(['国家', '数据']); // 局 alone is a remnant
  });

  it('splits Chinese into words and drops function words, numbers and lone characters', () => {
    const words = segment('国家数据局关于印发《数据要素×三年行动计划（2024—2026年）》的通知 Reuters AI chips');
    expect(words).toEqual(expect.arrayContaining(['数据', '要素', '行动', '计划', 'reuters', 'ai', 'chips']));
    for (const dropped of ['关于', '的', '通知', '2024', '局', '年']) expect(words).not.toContain(dropped);
  });

  it('matches English topic keywords only as words', () => {
    expect(topicsOf('Reuters said the EU plans AI rules')).toEqual(['data', 'world']);
    expect(topicsOf('he said nothing')).toEqual([]);
    expect(topicsOf('国家数据局发布数据要素政策')).toEqual(['data', 'governance']);
  });
});

describe('the relevance model', () => {
  const model = RelevanceModel.train([
    rel('国家数据局推进数据要素市场化配置改革'),
    rel('数据要素×行动计划 数据产权登记'),
    rel('算力网络与数据基础设施建设'),
    off('足球联赛冠军争夺战进入白热化'),
    off('篮球明星转会 球迷热议'),
    off('电影票房创新高 暑期档观众'),
    off('足球世界杯预选赛 国足比赛'),
  ]);

  it('ranks a story on the beat above one off it, explaining the score by its words', () => {
    const data = model.score(segment('国家数据局发布数据产权登记工作指引'));
    const sport = model.score(segment('足球联赛第十轮比赛结果'));
    expect(data.score).toBeGreaterThan(0.8);
    expect(sport.score).toBeLessThan(0.2);
    expect(data.topTerms.map((t) => t.term)).toContain('数据');
    expect(data.topTerms.every((t) => t.weight > 0)).toBe(true);
    expect(sport.topTerms.map((t) => t.term)).not.toContain('足球'); // only words that push towards relevant
    expect(data.logOdds).toBeGreaterThan(sport.logOdds);
  });

  it('falls back to the topic-keyword rule, showing the keywords, when nothing has been taught', () => {
    const empty = RelevanceModel.train([]);
    expect(empty.summary).toEqual({ examples: 0, relevant: 0, irrelevant: 0, method: 'topic-keywords' });
    const data = empty.score(segment('国家数据局推进算力网络建设'));
    expect(data.topTerms.map((t) => t.term)).toEqual(expect.arrayContaining(['数据', '算力']));
    expect(data.score).toBeGreaterThanOrEqual(0.5);
    expect(data.score).toBeLessThan(1);
    expect(empty.score(segment('足球联赛第十轮比赛结果'))).toMatchObject({ score: 0, topTerms: [] });
  });

  it('scores by word ratios when only one class was taught, never crashing', () => {
    const one = RelevanceModel.train([rel('数据要素市场化配置改革'), rel('数据产权登记制度')]);
    expect(one.summary.method).toBe('word-ratios');
    expect(one.score(segment('数据要素登记')).score).toBeGreaterThan(one.score(segment('足球联赛')).score);
    expect(model.summary.method).toBe('naive-bayes');
  });
});

describe('the reference line', () => {
  const base = { title: '行业高质量数据集建设专家解读', date_precision: 'minute' as const };
  it('names the source, or the source and the outlet it reposted', () => {
    const at = new Date('2026-06-07T17:30:00Z'); // 01:30 on 06-08 in Beijing
    expect(referenceLine({ ...base, source_id: 'nda', original_outlet: '国家数据局', published_at: at })).toBe(
      '来源：国家数据局；标题：行业高质量数据集建设专家解读；日期：2026-06-08；用途：',
    );
    expect(
      referenceLine({
        ...base,
        title: '发展农业新质生产力',
        source_id: 'cac',
        original_outlet: '央广网',
        published_at: at,
      }),
    ).toBe('来源：中央网信办 / 央广网；标题：发展农业新质生产力；日期：2026-06-08；用途：');
  });

  it('gives only the month when that is all that is known, and keeps ； out of the title', () => {
    const line = referenceLine({
      source_id: 'rmrb',
      original_outlet: null,
      title: '做强做优；做大实体经济',
      published_at: new Date('2026-05-01T00:00:00+08:00'),
      date_precision: 'month',
    });
    expect(line).toBe('来源：人民日报；标题：做强做优 做大实体经济；日期：2026-05；用途：');
  });
});
