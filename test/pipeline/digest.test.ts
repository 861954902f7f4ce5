import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { BadInputError } from '../../core/errors.js';
import { chineseNumber, extractClaims, type ExtractedClaim } from '../../pipeline/digest/claims.js';
import { assertReferenceTitles, DigestParseError, parseDigest } from '../../pipeline/digest/parse.js';
import { cleanTitle, parseReferenceDate, splitOutlets } from '../../pipeline/digest/references.js';
import type { Digest, DigestSection } from '../../pipeline/verify/types.js';

const REAL = new URL('../../digests/2026-06-09.md', import.meta.url).pathname;
const real: Digest = parseDigest(REAL, readFileSync(REAL));

/** A small digest: a title, a dateline, one section and the given reference lines. */
function mini(body: string, refs: string): string {
  return `# 测试日报\n\n2026 年 6 月 9 日\n\n## 一、测试\n\n${body}\n\n## 参考文献\n\n${refs}\n`;
}
const parse = (text: string, path = 'mini.md'): Digest => parseDigest(path, Buffer.from(text));

/** The error `fn` throws, checked to be a DigestParseError. */
function parseError(fn: () => unknown): DigestParseError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DigestParseError);
    return error as DigestParseError;
  }
  throw new Error('expected a DigestParseError');
}

const section = (heading: string): DigestSection => {
  const found = real.sections.find((s) => s.heading.startsWith(heading));
  if (!found) throw new Error(`no section ${heading}`);
  return found;
};
const values = (claims: ExtractedClaim[], kind: ExtractedClaim['kind']) =>
  claims.filter((c) => c.kind === kind).map((c) => c.value);

describe('the 2026-06-09 digest', () => {
  it('reads the title and the issue date written with spaces', () => {
    expect(real.title).toBe('新质生产力每日动态');
    expect(real.issueDate).toBe('2026-06-09');
    expect(real.path).toBe(REAL);
  });

  it('finds the six body sections, not the summary, the contents block or the footer', () => {
    expect(real.sections.map((s) => [s.line, s.heading])).toEqual([
      [26, '一、国家数据局发文，高质量行业数据集成为“人工智能+”底座'],
      [34, '二、重点领域覆盖工业、能源、低空经济、具身智能和生物制造'],
      [40, '三、国家数据集管理服务系统推动“物理分散、逻辑集中”'],
      [46, '四、《数字中国发展报告（2025 年）》发布，数字基础设施进入复盘与升级阶段'],
      [56, '五、农业新质生产力进入“科技 + 装备”强化阶段'],
      [62, '六、全球财经波动提醒：新质生产力建设要重视成本与周期'],
    ]);
    expect(real.sections.map((s) => s.paragraphs[0]?.line)).toEqual([28, 36, 42, 48, 58, 64]);
    expect(real.sections[0]?.paragraphs[0]?.text).toMatch(/^国家数据局 6 月 8 日发布《关于推进/);
    expect(real.sections[4]?.paragraphs[0]?.text).toMatch(/^中央网信办转发的央广网文章聚焦农业新质生产力/);
    expect(real.sections[5]?.paragraphs.map((p) => p.line)).toEqual([64, 66]);
    const all = JSON.stringify(real.sections);
    for (const stray of ['今天新质生产力方向', '二维码', 'gyznsw', '参考文献', '\t']) expect(all).not.toContain(stray);
  });

  it('joins a paragraph the PDF conversion broke, keeping one \\n per file line', () => {
    const four = section('四').paragraphs;
    expect(four.map((p) => p.line)).toEqual([48, 50, 52]);
    expect(four[2]?.text).toBe(
      '从新质生产力角度看，数字中国建设正在从“基础设施铺开”走向\n\n“数据、算力、产业、治理协同”。这会直接影响人工智能、工业互联网、智慧城市、低空经济和数字金融等领域的落地速度。',
    );
  });

  it('reads all 11 references with their file lines, across the blank line and before the footer', () => {
    expect(real.references.map((r) => [r.index, r.line])).toEqual([
      [1, 70],
      [2, 71],
      [3, 73],
      [4, 74],
      [5, 75],
      [6, 76],
      [7, 77],
      [8, 78],
      [9, 79],
      [10, 80],
      [11, 81],
    ]);
    expect(real.references[10]?.raw).toBe(
      '11. 来源：Reuters；标题：Oil market volatility and supply risk analysis；日期：2026-06-08；用途：观察能源价格对产业成本环境的影响。',
    );
  });

  it('splits the outlets of each reference', () => {
    expect(real.references.map((r) => r.outlets)).toEqual([
      ['国家数据局'],
      ['国家数据局'],
      ['国家数据局'],
      ['国家数据局'],
      ['中央网信办', '央广网'],
      ['生态环境部', '国务院'],
      ['上海市相关规划信息'],
      ['人民日报'],
      ['Reuters'],
      ['Reuters'],
      ['Reuters'],
    ]);
  });

  it('reads titles, dates at their precision and purposes', () => {
    expect(real.references.map((r) => r.title)).toEqual([
      '关于推进行业高质量数据集建设行动的实施方案',
      '行业高质量数据集建设专家解读',
      '《数字中国发展报告（2025 年）》发布',
      '2026 年数字经济发展工作要点',
      '发展农业新质生产力！五大任务强化农业科技和装备支撑',
      '城市更新“十五五”规划',
      '服务业“十五五”规划相关内容',
      '做强做优做大实体经济',
      'Tech stocks dive as Fed bets rattle AI rally',
      'Goldman pushes Fed rate-cut call to 2027',
      'Oil market volatility and supply risk analysis',
    ]);
    expect(real.references.map((r) => r.date?.value)).toEqual([
      ...['2026-06-08', '2026-06-08', '2026-06-08', '2026-05-19', '2026-06-08', '2026-06', '2026-06', '2026-05'],
      ...['2026-06-08', '2026-06-08', '2026-06-08'],
    ]);
    expect(real.references[5]?.date).toEqual({ text: '2026-06', precision: 'month', value: '2026-06' });
    expect(real.references[7]?.date).toEqual({ text: '2026-05', precision: 'month', value: '2026-05' });
    expect(real.references[0]?.date?.precision).toBe('day');
    expect(real.references[0]?.purpose).toBe('核验高质量数据集政策主线');
    expect(real.references[8]?.purpose).toBe('观察全球科技股和 AI 资产波动');
    expect(real.references.every((r) => r.purpose !== null)).toBe(true);
  });
});

describe('claims of the 2026-06-09 digest', () => {
  it('section 五: the plan title, the 2030 target and every percentage with its clause', () => {
    const claims = extractClaims(section('五'));
    expect(values(claims, 'title')).toEqual(['加快农业农村现代化“十五五”规划']);
    expect(values(claims, 'figure')).toEqual(['64%', '67%', '76.7%', '80%以上', '81%', '85%左右']);
    expect(claims.filter((c) => c.kind === 'figure').map((c) => c.figure?.amount)).toEqual([64, 67, 76.7, 80, 81, 85]);
    expect(values(claims, 'date')).toEqual(['2030']);
    expect(claims.every((c) => c.line === 58)).toBe(true);
    const eighty = claims.find((c) => c.value === '80%以上');
    expect(eighty?.text).toBe('农作物耕种收综合机械化率由 76.7% 提高到 80% 以上');
    expect(eighty?.figure).toEqual({ amount: 80, unit: '%', qualifier: '以上', written: '80%以上' });
  });

  it('section 一: the plan title, 6 月 8 日, 六项 and 2028 年底, each on its line', () => {
    const claims = extractClaims(section('一'));
    expect(claims.map((c) => [c.line, c.kind, c.text, c.value])).toEqual([
      [28, 'date', '6 月 8 日', '06-08'],
      [28, 'title', '《关于推进行业高质量数据集建设行动的实施方案》', '关于推进行业高质量数据集建设行动的实施方案'],
      [30, 'figure', '方案提出六项专项行动', '6项'],
      [30, 'date', '2028 年底', '2028'],
    ]);
  });

  it('takes no claim from words that only look like numbers or from the names of periods', () => {
    // 一批, 千行百业, 十五五, the 2025/2026 of a report's scope are no claims.
    expect(extractClaims(section('二'))).toEqual([]);
    expect(extractClaims(section('三'))).toEqual([]);
    const four = extractClaims(section('四'));
    expect(four.map((c) => [c.line, c.kind, c.value])).toEqual([
      [48, 'date', '06-08'],
      [48, 'title', '数字中国发展报告（2025 年）'],
    ]);
    expect(extractClaims(section('六')).map((c) => [c.line, c.value])).toEqual([[64, '06-08']]);
  });

  it('takes every claim from the body lines only', () => {
    const lines = real.sections.flatMap((s) => extractClaims(s).map((c) => c.line));
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.every((l) => l >= 26 && l <= 66)).toBe(true);
  });
});

describe('claims in small sections', () => {
  const claimsOf = (text: string, line = 10) =>
    extractClaims({ heading: '一、测试', line: 8, paragraphs: [{ line, text }] });

  it('normalises Chinese numerals and reads units, multipliers and qualifiers', () => {
    const text =
      '共有十二项任务、两个平台、二十余家企业，发布20条措施，投入1.2 万亿元，覆盖1,200 家机构，提高3 个百分点。';
    expect(values(claimsOf(text), 'figure')).toEqual([
      '12项',
      '2个',
      '20余家',
      '20条',
      '1.2万亿元',
      '1200家',
      '3个百分点',
    ]);
  });

  it('leaves out articles, idioms, ordinals and non-quantities', () => {
    const text =
      '建设一批数据集，赋能千行百业，惠及千家万户，第六项任务，依据第3条，支持二次开发和三元锂电池，坚持三位一体，落实“十四五”规划。';
    expect(claimsOf(text)).toEqual([]);
  });

  it('reads dates with and without a year, and years only as deadlines or periods', () => {
    const text =
      '2026 年 6 月 8 日发布，6 月 9 日实施，2026-06-10 解读，2026 年 7 月起试点；截至 2025 年，2026 年数字经济要点，2027 年以来。';
    expect(values(claimsOf(text), 'date')).toEqual(['2026-06-08', '06-09', '2026-06-10', '2026-07', '2025', '2027']);
  });

  it('gives a claim on a broken paragraph the line it is on', () => {
    const claims = claimsOf('方案提出到 2030 年\n\n贡献率从 64% 提升到 67%。', 20);
    expect(claims.map((c) => [c.line, c.value, c.text])).toEqual([
      [20, '2030', '2030 年'],
      [22, '64%', '方案提出到 2030 年贡献率从 64% 提升到 67%'],
      [22, '67%', '方案提出到 2030 年贡献率从 64% 提升到 67%'],
    ]);
  });

  it('adds the heading claims the body does not repeat', () => {
    const claims = extractClaims({
      heading: '二、《甲方案》与 3 项任务',
      line: 5,
      paragraphs: [{ line: 7, text: '《甲方案》发布。' }],
    });
    expect(claims.map((c) => [c.line, c.value])).toEqual([
      [5, '3项'],
      [7, '甲方案'],
    ]);
  });

  it('reads Chinese numerals', () => {
    expect([chineseNumber('六'), chineseNumber('十二'), chineseNumber('二十'), chineseNumber('三百五十')]).toEqual([
      6, 12, 20, 350,
    ]);
    expect([chineseNumber('两万'), chineseNumber('一百零五'), chineseNumber('十')]).toEqual([20000, 105, 10]);
  });
});

describe('reference entries', () => {
  it('takes half-width separators and keys in any order', () => {
    const d = parse(
      mini(
        '正文。',
        '1. 来源:国家数据局;标题:关于X的通知;日期:2026.06.08;用途:核验\n2. 日期：2026年6月8日；标题：Y；来源：央广网',
      ),
    );
    expect(d.references.map((r) => [r.index, r.line, r.outlets, r.title, r.date?.value, r.purpose])).toEqual([
      [1, 11, ['国家数据局'], '关于X的通知', '2026-06-08', '核验'],
      [2, 12, ['央广网'], 'Y', '2026-06-08', null],
    ]);
    expect(d.references[0]?.date).toEqual({ text: '2026.06.08', precision: 'day', value: '2026-06-08' });
    expect(d.references[1]?.date).toEqual({ text: '2026年6月8日', precision: 'day', value: '2026-06-08' });
  });

  it('keeps an entry with no date or no title, and lets the caller refuse the untitled one', () => {
    const d = parse(mini('正文。', '1. 来源：国家数据局；标题：甲；用途：乙\n\n\n2. 来源：人民日报；日期：2026-05'));
    expect(d.references.map((r) => [r.line, r.title, r.date?.value ?? null])).toEqual([
      [11, '甲', null],
      [14, null, '2026-05'],
    ]);
    const error = parseError(() => assertReferenceTitles(d));
    expect(error.message).toBe('mini.md:14: reference 2 has no title (标题)');
  });

  it('joins an entry wrapped onto the next line, and stops at text after a blank line', () => {
    const footer = '扫码关注我们\n联系电话：010-12345678';
    const d = parse(
      mini('正文。', `1. 来源：国家数据局；标题：关于推进\n行业数据集的方案；日期：2026-06-08\n\n${footer}`),
    );
    expect(d.references).toHaveLength(1);
    expect(d.references[0]?.raw).toBe('1. 来源：国家数据局；标题：关于推进行业数据集的方案；日期：2026-06-08');
    expect(d.references[0]?.title).toBe('关于推进行业数据集的方案');
    expect(d.references[0]?.date?.value).toBe('2026-06-08');
  });

  it('reads bold and bare headings, and a contents block without page numbers', () => {
    const text = [
      ...['# 日报', '', '2026年6月9日', '', '目录', '', '一、要闻', '二、观察', '参考文献', ''],
      ...[
        '摘要',
        '',
        '摘要里的 6 月 7 日。',
        '',
        '**一、要闻**',
        '',
        '正文一。',
        '',
        '<b>二、观察</b>',
        '',
        '正文二。',
        '',
      ],
      ...['参考文献', '', '1. 来源：甲；标题：乙；日期：2026-06-08'],
    ].join('\n');
    const d = parse(text);
    expect(d.sections.map((s) => [s.line, s.heading, s.paragraphs.map((p) => p.line)])).toEqual([
      [15, '一、要闻', [17]],
      [19, '二、观察', [21]],
    ]);
    expect(d.references.map((r) => [r.line, r.title])).toEqual([[25, '乙']]);
  });

  it('reads a reference list that has no heading', () => {
    const text = '# 日报\n\n2026年6月9日\n\n## 一、要闻\n\n正文。\n\n1. 来源：国家数据局；标题：甲；日期：2026-06-08\n';
    const d = parse(text);
    expect(d.sections[0]?.paragraphs).toEqual([{ line: 7, text: '正文。' }]);
    expect(d.references.map((r) => [r.line, r.title])).toEqual([[9, '甲']]);
  });

  it('splits outlets on separators, 和 and 转载, but not inside ministry names', () => {
    expect(splitOutlets('中央网信办／央广网、新华社')).toEqual(['中央网信办', '央广网', '新华社']);
    expect(splitOutlets('国家数据局和央广网')).toEqual(['国家数据局', '央广网']);
    expect(splitOutlets('工业和信息化部')).toEqual(['工业和信息化部']);
    expect(splitOutlets('住房和城乡建设部转载国务院文件')).toEqual(['住房和城乡建设部', '国务院']);
    expect(splitOutlets('《人民日报》')).toEqual(['人民日报']);
    expect(splitOutlets(undefined)).toEqual([]);
  });

  it('reads dates at day, month and year precision, and refuses impossible ones', () => {
    const read = (t: string) => {
      const d = parseReferenceDate(t);
      return d && [d.precision, d.value];
    };
    expect(read('2026 年 6 月')).toEqual(['month', '2026-06']);
    expect(read('2026')).toEqual(['year', '2026']);
    expect(read('20260608')).toEqual(['day', '2026-06-08']);
    expect(read('2026/6/8')).toEqual(['day', '2026-06-08']);
    expect(read('2026-02-30')).toBeNull();
    expect(read('近期')).toBeNull();
  });

  it('strips the marks around a whole title only', () => {
    expect(cleanTitle('《城市更新“十五五”规划》')).toBe('城市更新“十五五”规划');
    expect(cleanTitle('“《甲》”')).toBe('甲');
    expect(cleanTitle('《数字中国发展报告（2025 年）》发布')).toBe('《数字中国发展报告（2025 年）》发布');
    expect(cleanTitle('“甲”与“乙”')).toBe('“甲”与“乙”');
    expect(cleanTitle('  ')).toBeNull();
  });
});

describe('input the parser refuses', () => {
  const refused = (bytes: Buffer, path = 'bad.md') => parseError(() => parseDigest(path, bytes));

  it('refuses an empty file and a file of blank lines, at line 1', () => {
    expect(refused(Buffer.alloc(0)).message).toBe('bad.md:1: empty file');
    expect(refused(Buffer.from('\uFEFF\n  \n')).message).toBe('bad.md:1: empty file');
  });

  it('refuses binary bytes at the line of the first NUL', () => {
    const error = refused(Buffer.concat([Buffer.from('# 日报\n\n正文\n'), Buffer.from([0x89, 0x50, 0x00, 0x01])]));
    expect(error.message).toBe('bad.md:4: binary file, not a text digest');
    expect(error.line).toBe(4);
    // No NUL, but control bytes no text holds (terminal escapes): binary all the same.
    expect(refused(Buffer.from('# 日报\n' + '\x1b[0m\x07'.repeat(50))).message).toBe(
      'bad.md:2: binary file, not a text digest',
    );
  });

  it('refuses a digest with no reference section at the line where the body ended', () => {
    const error = refused(Buffer.from('# 日报\n\n2026年6月9日\n\n## 一、要闻\n\n正文。\n\n第二段。\n\n\n'));
    expect(error.message).toBe('bad.md:9: no reference section (参考文献) after the body, which ends here');
    expect([error.path, error.line]).toEqual(['bad.md', 9]);
  });

  it('refuses a reference heading with no entries under it', () => {
    const error = refused(Buffer.from(mini('正文。', '以下无内容')));
    expect(error.message).toBe('bad.md:9: the reference section has no numbered entries');
  });

  it('reads a GB18030 digest, and refuses mixed encodings at the first line that is not UTF-8', () => {
    const text = mini(
      '国家数据局 6 月 8 日发布六项措施。',
      '1. 来源：国家数据局；标题：关于推进的方案；日期：2026-06-08',
    );
    const d = parseDigest('gb.md', iconv.encode(text, 'gb18030'));
    expect([d.title, d.issueDate, d.references[0]?.title]).toEqual(['测试日报', '2026-06-09', '关于推进的方案']);
    const lines = text.split('\n');
    const mixed = Buffer.concat([
      Buffer.from(lines.slice(0, 6).join('\n') + '\n'),
      iconv.encode(lines.slice(6).join('\n'), 'gbk'),
    ]);
    expect(refused(mixed).message).toBe(
      'bad.md:7: not UTF-8 from this line, and not GB18030 Chinese either (mixed encodings?)',
    );
    // UTF-8 Chinese that also decodes as GB18030 without error: told apart by its character mix.
    const lookalike = Buffer.concat([
      Buffer.from('中文中文中文\n'.repeat(3)),
      iconv.encode('国家数据局发布六项措施。\n', 'gbk'),
    ]);
    expect(new TextDecoder('gb18030', { fatal: true }).decode(lookalike)).toBeTruthy();
    expect(refused(lookalike).message).toBe(
      'bad.md:4: not UTF-8 from this line, and not GB18030 Chinese either (mixed encodings?)',
    );
  });

  it('refuses input over 5 MB, naming the line the limit falls on', () => {
    const error = refused(Buffer.alloc(10 * 1024 * 1024, '正文。\n'));
    expect(error.message).toMatch(/^bad\.md:\d+: too large: 10\.0 MB, over the 5 MB limit/);
    expect(error.line).toBeGreaterThan(1);
  });

  it('stays linear on a large digest of broken lines (no re-reading of the growing paragraph)', () => {
    const lines = '到 2028 年底，6 月 8 日发布\n'.repeat(50_000);
    const started = Date.now();
    const d = parse(mini(lines, '1. 来源：甲；标题：乙；日期：2026-06-08'));
    const claims = extractClaims(d.sections[0]!);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(d.sections[0]?.paragraphs).toHaveLength(1);
    expect(claims).toHaveLength(100_000);
    expect(claims.at(-1)).toMatchObject({ line: 50_006, value: '06-08' });
  });

  it('refuses UTF-16 with a hint', () => {
    expect(refused(Buffer.from([0xff, 0xfe, 0x23, 0x00])).message).toBe(
      'bad.md:1: UTF-16 text (byte-order mark); save the digest as UTF-8',
    );
  });

  it('is a bad-input error (exit 3) the verifier can report', () => {
    const error = refused(Buffer.alloc(0), 'x.md');
    expect(error).toBeInstanceOf(BadInputError);
    expect(error.exitCode).toBe(3);
    expect(error.toDigestError()).toEqual({ path: 'x.md', line: 1, message: 'x.md:1: empty file' });
  });

  it('strips a UTF-8 BOM and reads CRLF line endings', () => {
    const d = parseDigest(
      'crlf.md',
      Buffer.from('\uFEFF' + mini('正文。', '1. 来源：甲；标题：乙').replaceAll('\n', '\r\n')),
    );
    expect([d.title, d.references[0]?.line]).toEqual(['测试日报', 11]);
  });
});
