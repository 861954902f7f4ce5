import { describe, expect, it } from 'vitest';
import type { ArticleRow } from '../../db/tables/article.table.js';
import { decide, total, type Scored } from '../../pipeline/verify/decide.js';
import { outletMatch } from '../../pipeline/verify/outlet-match.js';
import { resolveOutlets } from '../../pipeline/verify/outlets.js';
import { dateAgreement, titleScore } from '../../pipeline/verify/similarity.js';
import { sourceRegistry } from '../../crawlers/sources/index.js';

const day = (value: string) => ({ text: value, precision: 'day' as const, value });

describe('title similarity', () => {
  it('ignores quotes, brackets, spaces and width', () => {
    expect(titleScore('《数字中国发展报告（2025 年）》', '数字中国发展报告(2025年)')).toBe(1);
  });
  it('scores a shortened title by containment', () => {
    expect(
      titleScore(
        'Goldman pushes Fed rate-cut call to 2027',
        'Goldman Sachs pushes Fed rate-cut call to 2027 on strong US jobs data',
      ),
    ).toBeGreaterThanOrEqual(0.9);
    expect(titleScore('城市更新“十五五”规划', '国务院关于印发《城市更新“十五五”规划》的通知')).toBeGreaterThanOrEqual(
      0.8,
    );
  });
  it('keeps a draft or an interpretation apart from the document', () => {
    expect(
      titleScore('关于促进人工智能与能源双向赋能的行动方案', '关于促进人工智能与能源双向赋能的行动方案（征求意见稿）'),
    ).toBeLessThan(0.8);
    expect(titleScore('城市更新“十五五”规划', '四部门解读《城市更新“十五五”规划》')).toBeLessThan(0.8);
  });
  it('does not take a description reusing the words in another order for the title', () => {
    expect(
      titleScore('行业高质量数据集建设专家解读', '专家解读｜以管理服务体系为支撑 推动行业高质量数据集建设提质增效'),
    ).toBeLessThan(0.8);
    expect(
      titleScore('推进行业高质量数据集建设行动的实施方案', '关于推进行业高质量数据集建设行动的实施方案'),
    ).toBeGreaterThanOrEqual(0.8);
  });

  it('does not match different headlines', () => {
    expect(
      titleScore(
        'Oil market volatility and supply risk analysis',
        'Philippines and Japan hold joint coast guard drills',
      ),
    ).toBeLessThan(0.3);
  });
});

describe('date agreement at the reference precision, in Beijing time', () => {
  it('compares days in Beijing and accepts the UTC day with its own kind', () => {
    expect(dateAgreement(day('2026-06-08'), '2026-06-07T23:18:42Z').kind).toBe('same-day');
    expect(dateAgreement(day('2026-06-07'), '2026-06-07T23:18:42Z', true).kind).toBe('utc-day');
    // A Chinese day-only date (Beijing midnight) is never matched by the day before.
    expect(dateAgreement(day('2026-06-07'), '2026-06-08T00:00:00+08:00').kind).toBe('different');
    expect(dateAgreement(day('2026-06-05'), '2026-06-07T23:18:42Z').score).toBe(0);
    expect(
      dateAgreement({ text: '2026-06', precision: 'month', value: '2026-06' }, '2026-06-03T10:00:00+08:00').score,
    ).toBe(1);
    expect(dateAgreement({ text: '2026-06', precision: 'month', value: '2026-06' }, '2026-05-31T17:00:00Z').kind).toBe(
      'same-month',
    );
  });
});

describe('outlet resolution', () => {
  it('maps digest outlets to sources, and leaves unknown ones uncovered', () => {
    const { covered, uncovered } = resolveOutlets(
      ['中央网信办', '央广网', '路透', '上海市相关规划信息'],
      sourceRegistry,
    );
    expect(covered.map((c) => c.sourceIds[0])).toEqual(['cac', 'cnr', 'reuters']);
    expect(uncovered).toEqual(['上海市相关规划信息']);
  });
});

describe('outlet match: the source, the page’s 来源, or the document’s issuer', () => {
  const registry = sourceRegistry;
  const repost = { source_id: 'mee', original_outlet: '中国政府网', issuer: '国务院' };
  it('says which field answered, the crawled source first', () => {
    expect(outletMatch(repost, ['mee', 'govcn'], [], registry)).toEqual({ by: 'source', name: '生态环境部' });
    expect(outletMatch(repost, ['govcn'], ['国务院', '中国政府网'], registry)).toEqual({
      by: 'originalSource',
      name: '中国政府网',
    });
    expect(outletMatch(repost, ['govcn'], ['国务院'], registry)).toEqual({ by: 'issuer', name: '国务院' });
    expect(outletMatch({ ...repost, issuer: null }, ['govcn'], ['国务院'], registry)).toBeNull();
    expect(outletMatch(repost, ['cac'], ['中央网信办'], registry)).toBeNull();
  });
});

describe('decisions', () => {
  const article = (id: string, story: string | null) => ({ id, story_id: story, title: `t${id}` }) as ArticleRow;
  const scored = (id: string, story: string | null, title: number, date: number, outlet = 1): Scored => ({
    article: article(id, story),
    title,
    date: { score: date, kind: date === 1 ? 'same-day' : 'different' },
    outlet,
    total: total(title, date, outlet),
  });

  it('verifies only with title, date and outlet all agreeing', () => {
    expect(decide([scored('1', null, 0.95, 1)], []).status).toBe('verified');
    expect(decide([scored('1', null, 0.95, 0)], []).status).toBe('date_mismatch');
    expect(decide([scored('1', null, 0.6, 1)], []).status).toBe('title_mismatch');
    expect(decide([], [scored('1', null, 0.95, 1, 0)]).status).toBe('outlet_mismatch');
    expect(decide([scored('1', null, 0.3, 1)], []).status).toBe('not_found');
  });

  it('calls two different stories that fit equally ambiguous, but not two copies of one story', () => {
    expect(decide([scored('1', 's1', 0.95, 1), scored('2', 's2', 0.95, 1)], []).status).toBe('ambiguous');
    expect(decide([scored('1', 's1', 0.95, 1), scored('2', 's1', 0.95, 1)], []).status).toBe('verified');
  });
});

describe('claim check', async () => {
  const { checkSection } = await import('../../pipeline/verify/claims-check.js');
  const section = {
    heading: '五、农业',
    line: 56,
    paragraphs: [{ line: 58, text: '规划提出到 2030 年农业科技进步贡献率从 64% 提升到 67%，方案提出六项专项行动。' }],
  };
  const source = (body: string) => [
    { referenceIndex: 5, title: '发展农业新质生产力', body, publishedDate: '2026-06-08' },
  ];

  it('supports figures the source states, in figures or in words', () => {
    const checks = checkSection(section, [5], source('到2030年，农业科技进步贡献率从64%提升到67%。部署六项专项行动。'));
    expect(checks.filter((c) => c.kind === 'figure').map((c) => c.status)).toEqual([
      'supported',
      'supported',
      'supported',
    ]);
  });

  it('contradicts a figure the source gives differently for the same quantity', () => {
    const checks = checkSection(section, [5], source('到2030年，农业科技进步贡献率从64%提升到70%。'));
    const claim = checks.find((c) => c.kind === 'figure' && c.status === 'contradicted');
    expect(claim?.evidence).toMatch(/贡献率/);
  });

  it('leaves claims without a source unsupported', () => {
    expect(checkSection(section, [], []).every((c) => c.status === 'unsupported')).toBe(true);
  });
});
