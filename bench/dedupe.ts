import { findDuplicates, type DedupeOptions } from '../pipeline/dedupe/find-duplicates.js';
import type { DedupeItem, DuplicatePair } from '../pipeline/dedupe/types.js';
import { clusters } from '../pipeline/dedupe/union-find.js';

/**
 * `npm run bench -- dedupe`: findDuplicates on 10k and then 100k synthetic Chinese articles in
 * one process, with ~5 % injected near duplicates and ~1 % exact duplicates. Prints time, pairs,
 * recall of the injected pairs (per kind) and precision, peak RSS and the 100k/10k time ratio.
 * Targets (issue #4): 100k < 60 s, RSS < 1.5 GB, ratio ≤ 12. A benchmark, not a test.
 */
export async function benchDedupe(sizes: readonly number[] = [10_000, 100_000]): Promise<void> {
  const seconds: number[] = [];
  for (const n of sizes) {
    const corpus = makeCorpus(n, 20260609 + n);
    const run = measure(corpus);
    seconds.push(run.seconds);
    report(n, corpus, run);
    if (n === sizes[0]) report(n, corpus, measure(corpus, { threshold: 0.7 }), ' (threshold 0.7, for comparison)');
  }
  const ratio = seconds.length === 2 ? (seconds[1]! / seconds[0]!).toFixed(1) : 'n/a';
  process.stdout.write(`  time ratio ${sizes.join('/')}: ${ratio}   (target ≤ 12)\n\n`);
}

/** How a copy was made (the injected duplicates), or 'original'. */
type Kind = 'original' | 'exact' | 'url-variant' | 'editor-line' | 'edited-line' | 'chars-1%' | 'chars-2%' | 'chars-3%';

interface Corpus {
  items: DedupeItem[];
  /** The truth: id → the id of the original it copies (itself for originals). */
  groupOf: Map<string, string>;
  kindOf: Map<string, Kind>;
}

interface Run {
  seconds: number;
  pairs: DuplicatePair[];
}

function measure(corpus: Corpus, options?: DedupeOptions): Run {
  const t0 = performance.now();
  const pairs = findDuplicates(corpus.items, options);
  return { seconds: (performance.now() - t0) / 1000, pairs };
}

function report(n: number, corpus: Corpus, run: Run, note = ''): void {
  const roots = clusters(run.pairs, corpus.groupOf.keys());
  const perKind = new Map<Kind, { found: number; all: number }>();
  for (const [id, kind] of corpus.kindOf) {
    if (kind === 'original') continue;
    const tally = perKind.get(kind) ?? { found: 0, all: 0 };
    tally.all++;
    if (roots.get(id) === roots.get(corpus.groupOf.get(id)!)) tally.found++;
    perKind.set(kind, tally);
  }
  const tallies = [...perKind.values()];
  const recall = sum(tallies.map((t) => t.found)) / sum(tallies.map((t) => t.all));
  const correct = run.pairs.filter((p) => corpus.groupOf.get(p.a) === corpus.groupOf.get(p.b)).length;
  const kinds = [...perKind].map(([k, t]) => `${k} ${t.found}/${t.all}`).join(', ');
  process.stdout.write(
    [
      `dedupe bench: ${n} articles${note}`,
      `  findDuplicates   ${run.seconds.toFixed(2)} s, ${run.pairs.length} pairs`,
      `  recall           ${recall.toFixed(4)} of injected duplicates (${kinds})`,
      `  precision        ${(run.pairs.length ? correct / run.pairs.length : 1).toFixed(4)}`,
      `  peak RSS         ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB   (target < 1536 MB)`,
      '',
    ].join('\n'),
  );
}

function sum(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}

/** mulberry32: a small deterministic PRNG, so every run sees the same corpus. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Policy vocabulary. Terms are built as qualifier + field + aspect (about 20k combinations), so
// two unrelated articles share few 5-grams, as real ones do (typically Jaccard < 0.1).
const QUALIFIERS = [
  ...'数字 数据 算力 智能 绿色 农业 工业 城市 乡村 金融 能源 交通 医疗 教育 文化 海洋 网络 信息 公共 跨境 产业 科技 政务 安全 标准 人才 生态 消费 物流 航天'.split(
    ' ',
  ),
];
const FIELDS = [
  ...'要素 资源 基础设施 市场 平台 产权 流通 标注 空间 治理 服务 应用 监管 开放 共享 安全 创新 转型 融合 统计 登记 运营 交易 评估 审计 备案'.split(
    ' ',
  ),
];
const ASPECTS = [
  ...'体系建设 能力提升 试点示范 制度规则 发展水平 保障措施 重点任务 工作机制 标准规范 协同发展 质量提升 价值释放 生态培育 应用场景 改革创新 综合试验 政策支持 人才培养'.split(
    ' ',
  ),
];
const ACTORS = [
  ...'国家数据局 工业和信息化部 中央网信办 国家发展改革委 财政部 农业农村部 各地数据管理部门 有关行业主管部门 地方各级人民政府 重点企业 科研院所 行业协会'.split(
    ' ',
  ),
];
const VERBS = [
  ...'加快推进 深入实施 统筹推进 着力提升 积极探索 持续深化 全面加强 稳步开展 大力发展 健全完善 系统谋划 扎实推动'.split(
    ' ',
  ),
];
const PLACES = [
  ...'北京 天津 上海 重庆 河北 山西 辽宁 吉林 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 海南 四川 贵州 云南 陕西 甘肃 青海 内蒙古 广西 西藏 宁夏 新疆 苏州 深圳 杭州 成都'.split(
    ' ',
  ),
];
const NAMES = [...'王佳 李明 张华 刘洋 陈静 杨帆 赵磊 黄敏 周强 吴婷'.split(' ')];

type Pick = <T>(xs: readonly T[]) => T;

function sentence(rnd: () => number, pick: Pick): string {
  const term = () => pick(QUALIFIERS) + pick(FIELDS) + pick(ASPECTS);
  const n = () => String(Math.floor(rnd() * 990) + 10);
  const forms = [
    () => `${pick(ACTORS)}${pick(VERBS)}${term()}，推动${term()}取得新进展。`,
    () => `到${2026 + Math.floor(rnd() * 10)}年，${pick(PLACES)}${term()}规模达到${n()}亿元，年均增长${n()}%。`,
    () => `${pick(PLACES)}围绕${term()}，${pick(VERBS)}${term()}，累计建成${n()}个${term()}项目。`,
    () => `会议强调，要${pick(VERBS)}${term()}，${pick(VERBS)}${term()}，为${term()}提供有力支撑。`,
    () => `${pick(ACTORS)}有关负责同志表示，${term()}是${term()}的重要基础，下一步将${pick(VERBS)}${term()}。`,
  ];
  return pick(forms)();
}

function article(rnd: () => number, pick: Pick): string {
  const target = 600 + Math.floor(rnd() * 900);
  const lines: string[] = [];
  let length = 0;
  while (length < target) {
    const para = Array.from({ length: 2 + Math.floor(rnd() * 3) }, () => sentence(rnd, pick)).join('');
    lines.push(para);
    length += para.length;
  }
  return lines.join('\n');
}

/** A copy of `body` of the given kind (see {@link Kind}). */
function copyOf(body: string, kind: Kind, rnd: () => number, pick: Pick): string {
  const lines = body.split('\n');
  if (kind === 'editor-line') return `${body}\n责任编辑：${pick(NAMES)}\n来源：${pick(ACTORS)}网站`;
  if (kind === 'edited-line') {
    const at = Math.floor(rnd() * lines.length);
    const first = lines[at]!.split('。')[0]!;
    lines[at] = lines[at]!.replace(first, sentence(rnd, pick).replace(/。$/, ''));
    return lines.join('\n');
  }
  if (kind.startsWith('chars-')) {
    const chars = [...body];
    const edits = Math.round((chars.length * Number(kind.slice(6, -1))) / 100);
    const alphabet = [...(QUALIFIERS.join('') + FIELDS.join('') + ASPECTS.join(''))];
    for (let e = 0; e < edits; e++) chars[Math.floor(rnd() * chars.length)] = pick(alphabet);
    return chars.join('');
  }
  return body;
}

const COPY_KINDS: readonly Kind[] = ['editor-line', 'edited-line', 'chars-1%', 'chars-2%', 'chars-3%'];

/** `n` articles: about 94 % originals, 5 % near-duplicate copies, 1 % exact or URL-variant copies. */
function makeCorpus(n: number, seed: number): Corpus {
  const rnd = prng(seed);
  const pick: Pick = (xs) => xs[Math.floor(rnd() * xs.length)]!;
  const corpus: Corpus = { items: [], groupOf: new Map(), kindOf: new Map() };
  const originals: DedupeItem[] = [];
  for (let i = 0; i < n; i++) {
    const id = `a${String(i).padStart(6, '0')}`;
    const r = rnd();
    const base = originals.length > 0 && r < 0.06 ? pick(originals) : undefined;
    const kind: Kind = !base ? 'original' : r < 0.005 ? 'exact' : r < 0.01 ? 'url-variant' : pick(COPY_KINDS);
    const item: DedupeItem = {
      id,
      sourceId: pick(['cac', 'cnr', 'nda']),
      url:
        kind === 'url-variant'
          ? `${base!.url.replace('https:', 'http:')}?utm_source=wechat&from=timeline`
          : `https://www.example.gov.cn/2026-06/${id}.htm`,
      title: `${pick(ACTORS)}${pick(VERBS)}${pick(QUALIFIERS)}${pick(FIELDS)}${pick(ASPECTS)}`,
      bodyText: base ? copyOf(base.bodyText, kind, rnd, pick) : article(rnd, pick),
      publishedAt: new Date(Date.UTC(2026, 0, 1) + Math.floor(rnd() * 160 * 86_400_000)).toISOString(),
      originalOutlet: null,
    };
    if (!base) originals.push(item);
    corpus.items.push(item);
    corpus.groupOf.set(id, base ? base.id : id);
    corpus.kindOf.set(id, kind);
  }
  return corpus;
}
