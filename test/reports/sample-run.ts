/**
 * One realistic `sourcecheck verify` run for the report tests: the references of the 2026-06-09
 * digest (`digests/2026-06-09.md`, lines as in that file) checked against the articles
 * of the replayed sites (`test/fixtures/sites/<host>/_expected.json`), covering every status, plus
 * one digest that failed to parse. Hand-written, not produced by the verifier, so report tests do
 * not move when scoring changes; the Reuters date mismatch (an evening UTC story that is the next
 * day in Beijing) and the not-found Oil title are invented in the style of the real ones.
 */
import type {
  ClaimCheck,
  MatchScores,
  MatchedArticle,
  ReferenceCheck,
  VerificationStatus,
  VerifyRun,
} from '../../pipeline/verify/types.js';

const DIGEST = 'digests/2026-06-09.md';
const SECTION_1 = '一、国家数据局发文，高质量行业数据集成为“人工智能+”底座';
const SECTION_4 = '四、《数字中国发展报告（2025 年）》发布，数字基础设施进入复盘与升级阶段';
const SECTION_5 = '五、农业新质生产力进入“科技 + 装备”强化阶段';
const AGRI_STORY = '5b0e2c7a-3f1d-4e8b-9a61-2d4c8f0e7b13';

function article(
  source: string,
  url: string,
  title: string,
  outlet: string,
  publishedAt: string,
  credits: { originalSource?: string; issuer?: string } = {},
): MatchedArticle {
  // The Beijing-time day, as the date pipeline stores it (UTC evening → next day).
  const publishedDate = new Date(Date.parse(publishedAt) + 8 * 3600_000).toISOString().slice(0, 10);
  const { originalSource = null, issuer = null } = credits;
  return { source, url, title, outlet, originalSource, issuer, publishedAt, publishedDate, storyId: null };
}

function scores(title: number, date: number, outlet: number, total: number): MatchScores {
  return { title, date, outlet, total };
}

type Check = Omit<ReferenceCheck, 'match' | 'scores' | 'runnerUp' | 'outletMatch'> & Partial<ReferenceCheck>;

/** A check; a match answers its outlet through its own source unless the fields say otherwise. */
function check(fields: Check): ReferenceCheck {
  const outletMatch = fields.match ? { by: 'source' as const, name: fields.match.outlet } : null;
  return { match: null, scores: null, runnerUp: null, outletMatch, ...fields };
}

const NDA = 'https://www.nda.gov.cn/sjj';

function references(): ReferenceCheck[] {
  return [
    check({
      index: 1,
      line: 70,
      outlets: ['国家数据局'],
      title: '关于推进行业高质量数据集建设行动的实施方案',
      date: '2026-06-08',
      status: 'verified',
      match: article(
        'nda',
        `${NDA}/zwgk/tzgg/0608/20260608172117399715004_pc.html`,
        '关于推进行业高质量数据集建设行动的实施方案',
        '国家数据局',
        '2026-06-08T00:00:00+08:00',
      ),
      scores: scores(1, 1, 1, 1),
      runnerUp: {
        ...article(
          'cnr',
          'https://www.cnr.cn/newscenter/native/gd/20260608/t20260608_527667914.shtml',
          '国家数据局发布《关于推进行业高质量数据集建设行动的实施方案》',
          '央广网',
          '2026-06-08T21:30:05+08:00',
        ),
        scores: scores(0.81, 1, 0, 0.66),
      },
      reasons: ['标题、日期、来源一致'],
    }),
    check({
      index: 2,
      line: 71,
      outlets: ['国家数据局'],
      title: '行业高质量数据集建设专家解读',
      date: '2026-06-08',
      status: 'ambiguous',
      match: article(
        'nda',
        `${NDA}/zwgk/zjjd/0608/20260608180421563208817_pc.html`,
        '专家解读｜以管理服务体系为支撑 推动行业高质量数据集建设提质增效',
        '国家数据局',
        '2026-06-08T00:00:00+08:00',
      ),
      scores: scores(0.58, 1, 1, 0.79),
      runnerUp: {
        ...article(
          'nda',
          `${NDA}/zwgk/zcjd/0608/20260608173652118906423_pc.html`,
          '国家数据局有关负责同志就《关于推进行业高质量数据集建设行动的实施方案》答记者问',
          '国家数据局',
          '2026-06-08T00:00:00+08:00',
        ),
        scores: scores(0.52, 1, 1, 0.76),
      },
      reasons: ['两个候选得分接近（0.79 与 0.76）：同日、同来源，标题都只部分相符', '请在参考文献中写出解读的完整标题'],
    }),
    check({
      index: 3,
      line: 73,
      outlets: ['国家数据局'],
      title: '《数字中国发展报告（2025 年）》发布',
      date: '2026-06-08',
      status: 'verified',
      match: article(
        'nda',
        `${NDA}/ywpd/sjzg/0608/20260608193210077440494_pc.html`,
        '数字中国发展报告（2025年）',
        '国家数据局',
        '2026-06-08T00:00:00+08:00',
      ),
      scores: scores(0.92, 1, 1, 0.96),
      reasons: ['标题相符（不计书名号、空格和“发布”）；日期、来源一致'],
    }),
    check({
      index: 4,
      line: 74,
      outlets: ['国家数据局'],
      title: '2026 年数字经济发展工作要点',
      date: '2026-05-19',
      status: 'verified',
      match: article(
        'nda',
        `${NDA}/swdt/xwfb/0519/20260519194643007508935_pc.html`,
        '2026年数字经济发展工作要点',
        '国家数据局',
        '2026-05-19T19:46:00+08:00',
      ),
      scores: scores(1, 1, 1, 1),
      reasons: ['标题、日期、来源一致'],
    }),
    check({
      index: 5,
      line: 75,
      outlets: ['中央网信办', '央广网'],
      title: '发展农业新质生产力！五大任务强化农业科技和装备支撑',
      date: '2026-06-08',
      status: 'verified',
      match: {
        ...article(
          'cac',
          'https://www.cac.gov.cn/2026-06/08/c_1782648187262311.htm',
          '发展农业新质生产力！五大任务强化农业科技和装备支撑',
          '央广网',
          '2026-06-08T11:46:00+08:00',
        ),
        storyId: AGRI_STORY,
      },
      scores: scores(1, 1, 1, 1),
      // Same story as the match (the CNR original), so not ambiguous.
      runnerUp: {
        ...article(
          'cnr',
          'https://www.cnr.cn/newscenter/native/gd/20260608/t20260608_527667185.shtml',
          '发展农业新质生产力！五大任务强化农业科技和装备支撑',
          '央广网',
          '2026-06-08T08:15:00+08:00',
        ),
        storyId: AGRI_STORY,
        scores: scores(1, 1, 0.5, 0.88),
      },
      reasons: ['中央网信办转载、央广网原发；标题、日期一致'],
    }),
    check({
      index: 6,
      line: 76,
      outlets: ['生态环境部', '国务院'],
      title: '《城市更新“十五五”规划》',
      date: '2026-06',
      status: 'title_mismatch',
      match: article(
        'mee',
        'https://www.mee.gov.cn/zcwj/gwywj/202606/t20260603_1153841.shtml',
        '国务院关于印发《城市更新“十五五”规划》的通知',
        '中国政府网',
        '2026-06-03T16:40:00+08:00',
        { originalSource: '中国政府网', issuer: '国务院' },
      ),
      outletMatch: { by: 'source', name: '生态环境部' },
      scores: scores(0.62, 1, 0.8, 0.78),
      reasons: ['参考文献只写了文件名；来源标题为“国务院关于印发《城市更新“十五五”规划》的通知”（标题相似度 0.62）'],
    }),
    check({
      index: 7,
      line: 77,
      outlets: ['上海市相关规划信息'],
      title: '服务业“十五五”规划相关内容',
      date: '2026-06',
      status: 'unverifiable',
      reasons: ['“上海市相关规划信息”不是可核对的来源：没有对应的已抓取站点', '标题“……相关内容”不是一篇文章的标题'],
    }),
    check({
      index: 8,
      line: 78,
      outlets: ['人民日报'],
      title: '做强做优做大实体经济',
      date: '2026-05',
      status: 'outlet_mismatch',
      match: article(
        'rmrb',
        'https://paper.people.com.cn/rmrb/pc/content/202605/16/content_30157206.html',
        '做强做优做大实体经济',
        '新华社',
        '2026-05-16T00:00:00+08:00',
      ),
      scores: scores(1, 1, 0.4, 0.85),
      reasons: ['人民日报 2026-05-16 刊发，但署名来源为新华社：应写“新华社（人民日报刊发）”'],
    }),
    check({
      index: 9,
      line: 79,
      outlets: ['Reuters'],
      title: 'Tech stocks dive as Fed bets rattle AI rally',
      date: '2026-06-08',
      status: 'date_mismatch',
      match: article(
        'reuters',
        'https://www.reuters.com/markets/us/tech-stocks-dive-fed-bets-rattle-ai-rally-2026-06-08/',
        'Tech stocks dive as Fed bets rattle AI rally',
        'Reuters',
        '2026-06-08T20:47:10.512Z',
      ),
      scores: scores(1, 0.5, 1, 0.88),
      reasons: [
        '参考文献日期 2026-06-08 是 UTC 日期：Reuters 发布于 2026-06-08 20:47 UTC，即北京时间 2026-06-09 04:47',
        '本刊按北京时间记日期，应写 2026-06-09',
      ],
    }),
    check({
      index: 10,
      line: 80,
      outlets: ['Reuters'],
      title: 'Goldman pushes Fed rate-cut call to 2027',
      date: '2026-06-08',
      status: 'verified',
      match: article(
        'reuters',
        'https://www.reuters.com/business/finance/goldman-sachs-pushes-fed-rate-cut-call-2027-strong-us-jobs-data-2026-06-07/',
        'Goldman Sachs pushes Fed rate-cut call to 2027 on strong US jobs data',
        'Reuters',
        '2026-06-07T23:18:42.517Z',
      ),
      scores: scores(0.84, 1, 1, 0.92),
      reasons: ['标题为来源标题的缩写（相似度 0.84）', '发布于 2026-06-07 23:18 UTC，即北京时间 2026-06-08，日期一致'],
    }),
    check({
      index: 11,
      line: 81,
      outlets: ['Reuters'],
      title: 'Oil market volatility and supply risk analysis',
      date: '2026-06-08',
      status: 'not_found',
      reasons: [
        'Reuters 2026-06-07 至 2026-06-09 没有标题相近的文章；最接近的是“Oil prices rise as OPEC+ output increase falls short of expectations”（标题相似度 0.21）',
        '标题像是概括而非原标题，请核对这篇报道是否存在',
      ],
    }),
  ];
}

function claim(fields: Omit<ClaimCheck, 'evidence'> & { evidence?: string }): ClaimCheck {
  return { ...fields, evidence: fields.evidence ?? null };
}

function claims(): ClaimCheck[] {
  const s1 = { section: SECTION_1, referenceIndex: 1 };
  const s5 = { section: SECTION_5, referenceIndex: 5 };
  return [
    claim({
      ...s1,
      line: 28,
      kind: 'title',
      text: '《关于推进行业高质量数据集建设行动的实施方案》',
      status: 'supported',
      evidence: '国家数据局关于推进行业高质量数据集建设行动的实施方案',
    }),
    claim({
      ...s1,
      line: 28,
      kind: 'date',
      text: '国家数据局 6 月 8 日发布',
      status: 'supported',
      evidence: '发布时间：2026-06-08',
    }),
    claim({
      ...s1,
      line: 30,
      kind: 'figure',
      text: '到 2028 年底，我国将建设一批高质量数据集',
      status: 'supported',
      evidence: '到2028年底，建设一批高质量数据集，打造一批典型AI应用场景',
    }),
    claim({
      section: SECTION_4,
      referenceIndex: 3,
      line: 48,
      kind: 'title',
      text: '《数字中国发展报告（2025 年）》',
      status: 'supported',
      evidence: '数字中国发展报告（2025年）',
    }),
    claim({
      ...s5,
      line: 58,
      kind: 'figure',
      text: '主要农作物自主选育品种面积占比由 81% 提高到 85% 左右',
      status: 'contradicted',
      evidence: '主要农作物自主选育品种面积占比由81%提高到85%以上',
    }),
    claim({
      ...s5,
      line: 58,
      kind: 'figure',
      text: '农业科技进步贡献率从 64% 提升到 67%',
      status: 'supported',
      evidence: '到2030年，农业科技进步贡献率由64%提高到67%',
    }),
    claim({
      ...s5,
      line: 58,
      kind: 'figure',
      text: '农作物耕种收综合机械化率由 76.7% 提高到 80% 以上',
      status: 'unsupported',
    }),
  ];
}

function counts(refs: readonly ReferenceCheck[]): Record<VerificationStatus, number> {
  const out: Record<VerificationStatus, number> = {
    verified: 0,
    date_mismatch: 0,
    title_mismatch: 0,
    outlet_mismatch: 0,
    ambiguous: 0,
    not_found: 0,
    unverifiable: 0,
  };
  for (const ref of refs) out[ref.status] += 1;
  return out;
}

/** A fresh copy of the sample run (tests may mutate it). */
export function sampleRun(): VerifyRun {
  const refs = references();
  return {
    schemaVersion: 1,
    generatedAt: '2026-06-09T01:30:00.000Z',
    lang: 'zh',
    strict: false,
    digests: [
      {
        path: DIGEST,
        title: '新质生产力每日动态',
        issueDate: '2026-06-09',
        references: refs,
        claims: claims(),
        unsupportedSections: ['二、重点领域覆盖工业、能源、低空经济、具身智能和生物制造'],
        counts: counts(refs),
      },
    ],
    errors: [{ path: 'digests/2026-06-10.md', line: 74, message: '参考文献第 3 条缺少“标题：”，无法核对' }],
    exitCode: 3,
  };
}
