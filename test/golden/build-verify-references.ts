import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';
import { cleanTitle, parseReferenceDate, splitOutlets } from '../../pipeline/digest/references.js';
import type { ReferenceDate, VerificationStatus } from '../../pipeline/verify/types.js';

/**
 * Build test/golden/verify-references.json, the labelled references of the verifier evaluation
 * (issue #5 item 8), from the fixture labels (test/fixtures/sites/*\/_expected.json): rule-made
 * groups (exact titles, editors' shortenings, month-only dates, UTC-evening Reuters items) and
 * the hand-written traps of CASES, whose targets are looked up in the labels. Deterministic.
 * Run: `npx tsx test/golden/build-verify-references.ts`.
 *
 * Labels say what an editor wants reported, not what the verifier does today.
 */

const ROOT = new URL('../../', import.meta.url).pathname;
const SITES = `${ROOT}test/fixtures/sites/`;
const OUT = `${ROOT}test/golden/verify-references.json`;

/** One crawlable article of the fixture corpus. */
export interface Label {
  source: string;
  url: string;
  title: string;
  publishedAt: string;
  originalSource: string | null;
}

/** What a correct check of a reference reports. */
export interface Expected {
  status: VerificationStatus;
  /** The article a correct match points to. */
  url?: string;
  /** Copies of the same story at other cited outlets that are just as right. */
  alsoUrls?: string[];
  /** For `ambiguous`: the documents the reference cannot choose between. */
  candidates?: string[];
}

/** One labelled reference. */
export interface GoldenReference {
  id: string;
  reference: { outlets: string[]; title: string | null; date: ReferenceDate | null };
  issueDate: string;
  expected: Expected;
  trap: string;
  why: string;
}

/** The digest's own name for each source. */
export const OUTLET: Readonly<Record<string, string>> = {
  nda: '国家数据局',
  cac: '中央网信办',
  cnr: '央广网',
  govcn: '国务院',
  mee: '生态环境部',
  rmrb: '人民日报',
  reuters: 'Reuters',
};

/** An article of an `_expected.json`, as far as the generator reads it. */
interface RawLabel extends Omit<Label, 'originalSource'> {
  originalSource?: string | null;
  kept?: boolean;
}

/** Pages the crawl reaches: Reuters sitemap entries in English, rmrb's paper edition, all else. */
function crawlable(a: RawLabel): boolean {
  if (a.source === 'reuters') return a.kept === true && a.publishedAt >= '2026';
  if (a.source === 'rmrb') return a.url.startsWith('https://paper.people.com.cn/');
  return true;
}

/** Every crawlable labelled article, sorted by source, time and URL. */
export function loadLabels(): Label[] {
  const out: Label[] = [];
  for (const host of readdirSync(SITES).sort()) {
    let raw: string;
    try {
      raw = readFileSync(`${SITES}${host}/_expected.json`, 'utf8');
    } catch {
      continue;
    }
    for (const a of (JSON.parse(raw) as { articles: RawLabel[] }).articles.filter(crawlable)) {
      const { source, url, title, publishedAt } = a;
      out.push({ source, url, title, publishedAt, originalSource: a.originalSource ?? null });
    }
  }
  const key = (l: Label) => `${l.source}\u0000${new Date(l.publishedAt).toISOString()}\u0000${l.url}`;
  return out.sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0));
}

// ---------------------------------------------------------------- dates

/** The Beijing day of an instant. */
export const beijingDay = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);
/** The UTC day of an instant. */
export const utcDay = (iso: string) => new Date(iso).toISOString().slice(0, 10);
/** `YYYY-MM-DD` shifted by `n` days. */
export const shiftDay = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

const DAY_STYLES = [
  (y: string, m: string, d: string) => `${y}-${m}-${d}`,
  (y: string, m: string, d: string) => `${y}年${Number(m)}月${Number(d)}日`,
  (y: string, m: string, d: string) => `${y} 年 ${Number(m)} 月 ${Number(d)} 日`,
  (y: string, m: string, d: string) => `${y}.${m}.${d}`,
];

/** A reference date as an editor writes it (the style varies with `n`), parsed as the digest parser does. */
export function refDate(value: string, n: number): ReferenceDate {
  const [y = '', m = '', d = ''] = value.split('-');
  const text = d
    ? DAY_STYLES[n % DAY_STYLES.length]!(y, m, d)
    : m
      ? n % 2 === 0
        ? `${y}-${m}`
        : `${y} 年 ${Number(m)} 月`
      : y;
  const parsed = parseReferenceDate(text);
  if (!parsed || parsed.value !== value) throw new Error(`date ${value} did not parse back from "${text}"`);
  return parsed;
}

// ---------------------------------------------------------------- titles

/** Letters and digits only, NFKC, lower case: for the generator's own clash checks. */
export const squash = (s: string) =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');

const DOC_MARKERS = ['解读', '征求意见稿', '答记者问', '一图读懂', '图解', '问答', '文字实录'];
const hasMarker = (s: string) => DOC_MARKERS.some((m) => s.includes(m));

/** Editors' shortenings, each returning null when it does not apply or changes nothing. */
export const PARAPHRASES: Readonly<Record<string, (t: string) => string | null>> = {
  // 《X》 alone: the document's own name (国家数据局关于印发《X》的通知 → 《X》).
  'drop-wrapper-keep-name': (t) => {
    const m = /^[^《》]*《([^《》]{6,})》[^《》]*$/.exec(t);
    return m && !hasMarker(t) && `《${m[1]}》` !== t ? `《${m[1]}》` : null;
  },
  // 国家数据局关于印发《X》的通知 → 国家数据局印发《X》.
  'drop-guanyu-de': (t) => {
    const m = /^(.{2,})关于印发(《[^》]+》)的通知$/.exec(t);
    if (m) return `${m[1]}印发${m[2]}`;
    const n = /^(.*?)关于([^《》]{6,})的(通知|公告|实施方案|实施意见|指导意见|意见|决定|批复|若干措施)$/.exec(t);
    return n ? `${n[1]}${n[2]}${n[3]}` : null;
  },
  // 2026年 → 2026 年, 《》 dropped, as the digest writes.
  'spaced-digits-no-brackets': (t) => {
    if (!/\d/.test(t) || !/[\u4e00-\u9fff]/.test(t)) return null;
    const spaced = t
      .replace(/[《》]/g, '')
      .replace(/(\d+(?:\.\d+)?)(?=[\u4e00-\u9fff])/g, '$1 ')
      .replace(/(?<=[\u4e00-\u9fff])(\d)/g, ' $1');
    return spaced === t ? null : spaced;
  },
  // An English headline cut to its first clause (≥ 4 words).
  'english-first-clause': (t) => {
    if (/[\u4e00-\u9fff]/.test(t)) return null;
    const first = t.split(/, | as | after | amid |; /)[0]!.trim();
    return first !== t && first.split(/\s+/).length >= 4 ? first : null;
  },
};

/**
 * Whether `title` (as cited) also names another article of the same source inside the date
 * span: then a shortened citation is not specific and must not be labelled `verified`.
 */
export function clashes(labels: readonly Label[], target: Label, title: string, from: string, to: string): boolean {
  const want = squash(title);
  return labels.some((l) => {
    if (l === target || l.source !== target.source || squash(l.title) === squash(target.title)) return false;
    const day = beijingDay(l.publishedAt);
    return day >= from && day <= to && squash(l.title).includes(want) && hasMarker(l.title) === hasMarker(title);
  });
}

// ---------------------------------------------------------------- entries

/** A reference from the digest's raw 来源 and 标题 fields, parsed as the digest parser does. */
export function reference(outlet: string, title: string | null, date: ReferenceDate | null) {
  return { outlets: splitOutlets(outlet), title: title === null ? null : cleanTitle(title), date };
}

/** Every `n`-th item, starting at `offset`. */
const every = <T>(xs: readonly T[], n: number, offset = 0) => xs.filter((_, i) => i % n === offset);

const STRIDE: Readonly<Record<string, number>> = { nda: 6, cac: 4, cnr: 2, govcn: 2, mee: 3, rmrb: 2, reuters: 7 };

const sameClock = (l: Label) => beijingDay(l.publishedAt) === utcDay(l.publishedAt);

/** Exact titles at the right outlet and day: `verified`. */
function exactEntries(labels: readonly Label[]): GoldenReference[] {
  const out: GoldenReference[] = [];
  for (const source of Object.keys(STRIDE)) {
    const pool = labels.filter((l) => l.source === source && (source !== 'reuters' || sameClock(l)));
    for (const l of every(pool, STRIDE[source]!)) {
      const day = beijingDay(l.publishedAt);
      if (clashes(labels, l, l.title, day, day)) continue;
      out.push({
        id: '',
        reference: reference(OUTLET[source]!, l.title, refDate(day, out.length)),
        issueDate: shiftDay(day, 1),
        expected: { status: 'verified', url: l.url },
        trap: 'exact-title',
        why: `The article's own title, outlet and Beijing day (${day}).`,
      });
    }
  }
  return out;
}

/** Editors' shortenings of real titles at the right outlet and day: `verified`. */
function paraphraseEntries(labels: readonly Label[]): GoldenReference[] {
  const out: GoldenReference[] = [];
  Object.entries(PARAPHRASES).forEach(([name, fn], k) => {
    const pool = labels
      .map((l) => ({ l, title: fn(l.title) }))
      .filter((x): x is { l: Label; title: string } => x.title !== null)
      .filter(({ l, title }) => !clashes(labels, l, title, shiftDay(beijingDay(l.publishedAt), -45), '2026-12-31'));
    const stride = Math.max(1, Math.floor(pool.length / 9));
    for (const { l, title } of every(pool, stride, k % stride).slice(0, 9)) {
      const day = beijingDay(l.publishedAt);
      out.push({
        id: '',
        reference: reference(OUTLET[l.source]!, title, refDate(day, out.length + k)),
        issueDate: shiftDay(day, 1),
        expected: { status: 'verified', url: l.url },
        trap: `paraphrase:${name}`,
        why: `"${title}" only shortens or re-spaces "${l.title}"; no other article of the outlet reads so.`,
      });
    }
  });
  return out;
}

/** Month-only dates (as the digest gives for background documents): `verified`. */
function monthEntries(labels: readonly Label[]): GoldenReference[] {
  const pool = labels.filter((l) => {
    if (l.source === 'reuters') return false;
    const month = beijingDay(l.publishedAt).slice(0, 7);
    return !clashes(labels, l, l.title, `${month}-01`, `${month}-31`);
  });
  return every(pool, Math.floor(pool.length / 14), 3).map((l, i) => {
    const month = beijingDay(l.publishedAt).slice(0, 7);
    const title = i % 2 === 0 ? l.title : (PARAPHRASES['drop-wrapper-keep-name']!(l.title) ?? l.title);
    return {
      id: '',
      reference: reference(OUTLET[l.source]!, title, refDate(month, i)),
      issueDate: shiftDay(beijingDay(l.publishedAt), 1),
      expected: { status: 'verified', url: l.url },
      trap: 'month-only-date',
      why: `Month-only date ${month}; the outlet has exactly one article of this title that month.`,
    };
  });
}

/** Reuters items of the UTC evening (the next Beijing day), cited with either day: `verified`. */
function utcEntries(labels: readonly Label[]): GoldenReference[] {
  const pool = labels.filter((l) => l.source === 'reuters' && !sameClock(l));
  return every(pool, Math.floor(pool.length / 7), 1).flatMap((l, i) => {
    const title = i % 2 === 0 ? l.title : (PARAPHRASES['english-first-clause']!(l.title) ?? l.title);
    const [bj, utc] = [beijingDay(l.publishedAt), utcDay(l.publishedAt)];
    const at = `published ${l.publishedAt} (Beijing ${bj}, UTC ${utc})`;
    const make = (day: string, trap: string, why: string): GoldenReference => ({
      id: '',
      reference: reference('Reuters', title, refDate(day, i)),
      issueDate: shiftDay(bj, 1),
      expected: { status: 'verified', url: l.url },
      trap,
      why: `${at}: ${why}`,
    });
    return [
      make(bj, 'utc-evening:beijing-day', 'the digest day is the Beijing day.'),
      make(utc, 'utc-evening:utc-day', 'the UTC day (the URL slug date) is accepted, with a reason.'),
    ];
  });
}

// ---------------------------------------------------------------- hand-written traps

/**
 * `group | status | trap | 来源 | 标题 | 日期 | target | why`, one reference a line. 标题: `=` the
 * target's title, `=name` its 《name》 alone, `-` none. 日期: `=` the target's Beijing day, `=+3`
 * / `=-7` shifted, `=m` its month, `-` none, else as written. Target: URL fragments of labels;
 * `a+b` = the article and an equally right copy, `a|b` = the documents an ambiguous one names.
 */
const CASES = `
digest | verified | digest:exact | 国家数据局 | = | 2026-06-08 | 20260608172117399715004 | Ref 1 of the 2026-06-09 digest: the plan's exact title, outlet and day.
digest | title_mismatch | digest:descriptive-title | 国家数据局 | 行业高质量数据集建设专家解读 | 2026-06-08 | 20260608180421563208817 | Ref 2: a description, not a title; the 06-08 专家解读 (苏州, 物理分散、逻辑集中) is meant. The editor must fix the title; a 06-09 专家解读 fits the description too, so verified would be a guess.
digest | verified | digest:adds-fabu | 国家数据局 | 《数字中国发展报告（2025 年）》发布 | 2026-06-08 | 20260608193210077440494 | Ref 3: the report's name in 《》 plus 发布, spaced year; the NDA page is "数字中国发展报告（2025年）".
digest | verified | digest:spaced-year | 国家数据局 | 2026 年数字经济发展工作要点 | 2026-05-19 | 20260519194643007508935 | Ref 4: the title with the digest's "2026 年" spacing.
digest | verified | digest:two-outlets | 中央网信办 / 央广网 | = | 2026-06-08 | c_1782648187262311+t20260608_527667185 | Ref 5: CAC's repost credits 央广网; both pages are the article.
digest | verified | digest:repost-of-state-council | 生态环境部转载国务院文件 | 《城市更新“十五五”规划》 | 2026-06 | t20260603_1153841 | Ref 6: MEE's 06-03 repost of the State Council notice; gov.cn's own copy is of 05-28, outside June.
digest | unverifiable | digest:uncovered-outlet | 上海市相关规划信息 | 服务业“十五五”规划相关内容 | 2026-06 | - | Ref 7: no source covers Shanghai; nothing can be said.
digest | verified | digest:month-only | 人民日报 | 做强做优做大实体经济 | 2026-05 | content_30157206 | Ref 8: month-only date; the paper of 05-16 carries it.
digest | not_found | digest:unattested-headline | Reuters | Tech stocks dive as Fed bets rattle AI rally | 2026-06-08 | - | Ref 9: no such headline (fixture README trap 7); "Stocks slip, dollar firm…" is another story.
digest | verified | digest:first-clause | Reuters | Goldman pushes Fed rate-cut call to 2027 | 2026-06-08 | goldman-sachs-pushes | Ref 10: shortened headline; 23:18 UTC on 06-07 is 06-08 in Beijing.
digest | not_found | digest:fabricated-headline | Reuters | Oil market volatility and supply risk analysis | 2026-06-08 | - | Ref 11: reads like a made-up title; no counterpart.
repost | verified | two-outlets:reversed | 央广网 / 中央网信办 | = | = | t20260608_527667185+c_1782648187262311 | Two outlets, CNR first; either copy is the article.
repost | verified | duplicate-title:cited-outlet | 央广网 | = | = | t20260608_527667185+c_1782648187262311 | The same title at CNR and at CAC (crediting 央广网).
repost | verified | duplicate-title:cited-outlet | 中央网信办 | = | = | c_1782648187262311+t20260608_527667185 | CAC's repost, cited as CAC.
repost | verified | repost:mee-of-state-council | 生态环境部转载国务院文件 | = | = | t20260604_1153987 | MEE's repost on its own day; gov.cn's copy is two days earlier.
repost | verified | repost:mee-of-state-council | 生态环境部转载国务院文件 | = | =m | t20260605_1154102 | Month-only; MEE's June repost (gov.cn's copy is of 05-29).
repost | verified | repost:mee-of-state-council | 生态环境部转载国务院文件 | = | = | t20260527_1153015 | MEE's repost on its day.
repost | verified | repost:mee-of-state-council | 生态环境部转载国务院文件 | 第三次全国残疾人抽样调查 | 2026-06 | t20260602_1153702 | Shortened, month-only; MEE's June repost.
repost | verified | repost:credited-outlet | 新华网 | = | = | c_1782681085180818 | CAC's page credits 新华网 (来源).
repost | verified | repost:credited-outlet | 新华网 | = | = | c_1781194101384545 | CAC's page credits 新华网.
repost | verified | repost:credited-outlet | 新华社 | = | = | c_1781462256243247 | CAC's page credits 新华社.
repost | verified | repost:credited-outlet | 新华社 | = | = | content_30157207 | People's Daily prints the 新华社 item.
repost | verified | repost:credited-outlet | 人民网 | = | = | c_1781871265978818 | CAC's page credits 人民网.
repost | verified | repost:credited-outlet | 中国政府网 | = | = | c_1781011186251958 | CAC's page credits 中国政府网; gov.cn's crawl does not reach it.
repost | verified | repost:credited-outlet | 中国政府网 | = | = | c_1781790286071061 | CAC's page credits 中国政府网.
repost | verified | repost:credited-outlet | 国家信息安全漏洞共享平台 | = | = | c_1782240099800047 | CAC's page credits CNVD.
repost | verified | repost:credited-outlet | 全国网络安全标准化技术委员会 | = | = | c_1774428176931312 | CAC's page credits TC260.
repost | verified | repost:credited-outlet | 工业和信息化部网站 | = | = | c_1776713575584645 | CAC's page credits 工业和信息化部网站 by that exact name.
repost | verified | repost:credited-outlet | 中国电子信息产业发展研究院 | = | = | 20260609102238410527306 | NDA's page credits CCID.
repost | verified | repost:credited-outlet | 财政部 | = | = | 20260528192403164509383 | NDA's page credits 财政部.
repost | verified | repost:credited-outlet | 国家发展改革委 | = | = | 20260512191011629420842 | NDA's page credits 国家发展改革委.
repost | verified | repost:credited-outlet | 国家发展改革委 | = | = | 20260508194112925527578+content_7068153 | NDA's and gov.cn's copies both credit the NDRC.
repost | verified | repost:credited-outlet | 浙江省数据局 | = | = | 20260305124622090732034 | NDA's page credits 浙江省数据局.
repost | verified | repost:credited-outlet | 国务院 | = | = | t20260423_1148866 | A State Council document found only as MEE's repost crediting 中国政府网.
repost | verified | repost:credited-outlet | 人民日报 / 新华社 | 国务院印发《城市更新“十五五”规划》 | = | content_30159772 | The paper prints the 新华社 item; both outlets named.
repost | verified | alias | 国家网信办 | = | = | c_1782485431927314 | 国家网信办 is CAC.
repost | verified | alias | 网信办 | = | = | c_1782297543834525 | 网信办 is CAC.
repost | verified | alias | 国家互联网信息办公室 | = | = | c_1779134162599635 | The full name of CAC.
repost | verified | alias | 路透社 | = | = | global-coal-demand | 路透社 is Reuters.
repost | verified | alias | 路透 | = | = | chinas-forex-reserves | 路透 is Reuters.
repost | verified | alias | 中国政府网 | = | = | content_7071451 | 中国政府网 is gov.cn.
repost | verified | alias | 国家数据局官网 | = | = | 20260606163356694279758 | The NDA's website.
repost | verified | alias | 国家数据局 / 上海市数据局 | = | = | 20260522101533653232267 | One covered and one uncovered outlet; the covered one has it.
repost | verified | year-only-date | 中央网信办 | = | 2020 | c_1589589456530182 | Year only; one such title.
repost | verified | year-only-date | 中央网信办 | = | 2020 | c_1583807394317246 | Year only; one such title.
repost | verified | year-only-date | 国家数据局 | =name | 2026 | 20260703230745065425855 | Year only, the guide's name; one such document.
near | verified | near-identical:precise | 中央网信办 | = | = | c_1782663646467016 | 第十五批, exact; 第十四批 is another announcement.
near | verified | near-identical:precise | 中央网信办 | = | = | c_1779211923055951 | 第十四批, exact.
near | verified | near-identical:precise | 国家数据局 | = | = | 20260527121420109619732 | The draft (征求意见稿), exact.
near | verified | near-identical:precise | 国家数据局 | = | = | 20260605132526485058642 | The final rule, exact; its 解读 is the same day.
near | verified | near-identical:unmarked-name | 国家数据局 | 《数据流通安全治理规则（试行）》 | 2026 | 20260605132526485058642 | The bare name is the final rule: the draft carries 征求意见稿, the 解读 carries 解读.
near | verified | near-identical:unmarked-name | 国家数据局 | 公共数据资源授权运营实施规范（试行） | 2026 | 20260602195929773670995 | The bare name is the final rule, not the draft or its 政策解读.
near | verified | near-identical:precise | 国家数据局 | 《公共数据资源授权运营实施规范（试行）（征求意见稿）》 | 2026-04 | 20260413194508688623939 | The draft, named as such.
near | verified | near-identical:precise | 国家数据局 | = | = | 20260605193330490453123 | The press conference; its 文字实录 is the same day.
near | verified | near-identical:precise | 国家数据局 | = | = | 20260605161822860104288 | The transcript (文字实录), exact.
near | verified | near-identical:unmarked-name | 国家数据局 | 国家数据局举办“数据要素×”新闻发布会 | 2026-06-05 | 20260605193330490453123 | Shortened; without 文字实录 it names the news release, not the transcript.
near | verified | near-identical:precise | 中央网信办 | 4月份全国受理网络违法和不良信息举报1.7亿件 | 2026 | c_1780214847268664 | Year only; the 3月份 report has the same figure but another month in the title.
near | verified | near-identical:precise | 中央网信办 | 第十五批深度合成服务算法备案信息 | 2026-06 | c_1782663646467016 | The batch number and the month both pick the 15th.
near | verified | near-identical:unmarked-name | 国家数据局 | 关于推进行业高质量数据集建设行动的实施方案 | 2026-06 | 20260608172117399715004 | Month-only; 答记者问 and 一图读懂 carry their markers.
near | verified | near-identical:precise | 国家数据局 | 国家数据局关于开展2026年“数据要素×”大赛的通知 | 2026-01 | 20260128133138618228661 | The contest notice; the 赛道遴选 notice is another.
near | verified | near-identical:precise | 国家数据局 | = | 2026-01 | 20260115170945386256816 | The 赛道遴选 notice, exact, month-only.
near | verified | duplicate-title:cited-outlet | 国务院 | = | = | content_7070539 | Same title at gov.cn (05-28) and MEE (06-03): outlet and day pick gov.cn.
near | verified | duplicate-title:cited-outlet | 生态环境部 | = | = | t20260603_1153841 | …and MEE.
near | verified | duplicate-title:cited-outlet | 国务院 | = | = | content_7069679 | gov.cn 05-20 (MEE's copy 05-22).
near | verified | duplicate-title:cited-outlet | 生态环境部 | = | = | t20260522_1152436 | MEE 05-22.
date | date_mismatch | wrong-day | 国家数据局 | = | =+3 | 20260606163356694279758 | Published 06-06, cited 3 days late.
date | date_mismatch | wrong-day | 国家数据局 | =name | =-2 | 20260522101533653232267 | Published 05-22, cited 2 days early.
date | date_mismatch | wrong-day | 国家数据局 | = | =+5 | 20260408134059647275754 | Published 04-08, cited 5 days late.
date | date_mismatch | wrong-day | 国家数据局 | = | =-7 | 20260515122420377152480 | Published 05-15, cited a week early.
date | date_mismatch | wrong-day | 中央网信办 | = | =-2 | c_1782297543834525 | Published 06-04, cited 2 days early.
date | date_mismatch | wrong-day | 中央网信办 | = | =+10 | c_1777461662354547 | Published 04-09, cited 10 days late.
date | date_mismatch | wrong-day | 中央网信办 | =name | =+4 | c_1779134162599635 | Published 04-28, cited 4 days late.
date | date_mismatch | wrong-day | 央广网 | = | =+2 | t20260607_527665909 | Published 06-07, cited 2 days late.
date | date_mismatch | wrong-day | 央广网 | = | =-3 | t20260603_527661141 | Published 06-03, cited 3 days early.
date | date_mismatch | wrong-day:template-title-that-day | 国务院 | = | =-6 | content_7071451 | Published 06-08; on the cited 06-02 gov.cn has another 国务院关于印发《…“十五五”规划》的通知.
date | date_mismatch | wrong-day | 国务院 | = | =+8 | content_7069473+t20260521_1152301 | Published 05-19 (MEE's copy 05-21), cited 05-27.
date | date_mismatch | wrong-day | 人民日报 | = | =+4 | content_30159773 | Printed 05-29, cited 4 days late.
date | date_mismatch | wrong-day | 人民日报 | = | =-3 | content_30157212 | Printed 05-16, cited 3 days early.
date | date_mismatch | wrong-day | 生态环境部 | = | =+6 | t20260417_1148120 | Published 04-17, cited 6 days late.
date | date_mismatch | wrong-day | Reuters | = | =-2 | chinas-central-bank-extends | Published 06-07, cited 2 days early.
date | date_mismatch | wrong-day | Reuters | = | =+3 | heatwave-pushes | Published 06-07, cited 3 days late.
date | date_mismatch | wrong-day | Reuters | = | =-7 | japans-economy-shrinks | Published 06-08, cited a week early.
date | date_mismatch | wrong-day:url-folder-date | 国家数据局 | = | 2026-05-29 | 20260529182109323590577 | The URL folder says 0529; the page is dated 06-01.
date | date_mismatch | wrong-month | 国家数据局 | = | 2026-06 | 20260519194643007508935 | Published in May, cited as June.
date | date_mismatch | wrong-month | 央广网 | = | 2026-05 | t20260602_527659417 | Published 06-02, cited as May.
date | date_mismatch | wrong-month | 国家数据局 | = | 2026-05 | 20260601131412820476956 | Published 06-01, cited as May.
date | date_mismatch | wrong-month | 人民日报 | = | 2026-06 | content_30157206 | Printed in May, cited as June.
date | date_mismatch | wrong-year | 中央网信办 | = | 2021 | c_1589589456530182 | Published 2020, cited as 2021.
date | date_mismatch | near-identical:other-date | 中央网信办 | = | 2026-06-08 | c_1779211923055951 | 第十四批 (04-29) cited with the 第十五批's day: the exact title is the 14th; the day is wrong. Verified on the 15th would be false.
date | date_mismatch | near-identical:other-date | 国家数据局 | = | 2026-06-05 | 20260527121420109619732 | The draft (05-27) cited with the final rule's day.
date | date_mismatch | near-identical:other-date | 国家数据局 | = | 2026-05-27 | 20260605132526485058642 | The final rule (06-05) cited with the draft's day.
date | date_mismatch | near-identical:other-date | 国家数据局 | = | 2026-06-09 | 20260608172117399715004 | The plan (06-08) cited with its 一图读懂's day.
date | date_mismatch | near-identical:other-date | 国家数据局 | = | 2026-06-08 | 20260609093015287640159 | The 一图读懂 (06-09) cited with the plan's day.
date | date_mismatch | utc-day:date-only-page | 国家数据局 | = | =-1 | 20260429151208536694289 | The page carries a day, no time (00:00 Beijing = 16:00 UTC the day before): no UTC evening to allow for.
date | date_mismatch | utc-day:date-only-page | 人民日报 | = | =-1 | content_30161656 | The paper of 06-08 cited as 06-07; a paper's issue day has no UTC reading.
date | date_mismatch | utc-day:date-only-page | 生态环境部 | = | =-1 | t20260914_1166201 | Dated 09-14 (no time), cited 09-13.
date | date_mismatch | utc-day:beijing-outlet-early-morning | 央广网 | = | =-1 | t20260609_527668474 | 07:45 Beijing on 06-09 (23:45 UTC on 06-08): a Beijing outlet's day is the Beijing day.
date | date_mismatch | utc-boundary | Reuters | = | 2026-06-08 | singapore-ease-rules | 15:59:58 UTC on 06-07 is 23:59:58 in Beijing: 06-07 on both clocks, not 06-08.
date | date_mismatch | utc-boundary | Reuters | = | 2026-06-09 | walmart-expand-drone | 15:59:41 UTC on 06-08 is 23:59:41 in Beijing: 06-08 on both clocks, not 06-09.
title | title_mismatch | changed-detail:batch | 中央网信办 | 国家互联网信息办公室关于发布第十六批深度合成服务算法备案信息的公告 | 2026-06-08 | c_1782663646467016 | There is no 第十六批; that day CAC published the 第十五批.
title | title_mismatch | changed-detail:year | Reuters | Goldman pushes Fed rate-cut call to 2028 | 2026-06-08 | goldman-sachs-pushes | The headline says 2027.
title | title_mismatch | changed-detail:figure | 中央网信办 | 5月份全国受理网络违法和不良信息举报1.9亿件 | 2026-06-02 | c_1782153377005558 | The report says 1.8亿件.
title | title_mismatch | changed-detail:document-type | 中央网信办 | 网络数据标注安全管理办法 | 2026-06-01 | c_1782058824402013 | The instrument is a 规定 on 网络数据标注服务, not a 办法.
title | title_mismatch | changed-detail:document-type | 国家数据局 | 《数据标注基地建设规范》 | 2026-05-22 | 20260522101533653232267 | The document is a 指引, not a 规范.
title | title_mismatch | changed-detail:plan-period | 国务院 | 《农业农村现代化“十四五”规划》 | 2026-06-02 | content_7070901 | That day's plan is the 十五五 one.
title | title_mismatch | reworded | 国家数据局 | 国家数据局部署推进数据标注产业发展 | 2026-06-09 | 20260609095118088109997 | The 06-09 推进会, described in other words.
title | title_mismatch | reworded | 中央网信办 | 网信办约谈违规直播平台并作出处置 | 2026-06-04 | c_1782297543834525 | The 06-04 约谈, reworded.
title | title_mismatch | reworded | 中央网信办 | 网络生态治理推进会在北京举行 | 2026-06-06 | c_1782485431927314 | The 06-06 meeting, reworded.
title | title_mismatch | reworded | 央广网 | 全国高考6月7日开考 | 2026-06-07 | t20260607_527665909 | The 06-07 report, reworded.
title | title_mismatch | reworded | 人民日报 | 全国夏收夏种过半 | 2026-06-08 | content_30161655 | The 06-08 report, reworded.
title | title_mismatch | reworded | 人民日报 | 多地出台政策促进设备换新 | 2026-05-16 | content_30157210 | The 05-16 report, reworded.
title | title_mismatch | reworded | 国家数据局 | 2025年数字中国建设发展报告 | 2026-06-08 | 20260608193210077440494 | The report's name is 数字中国发展报告（2025年）.
title | title_mismatch | reworded | Reuters | Fed official sees no hurry to lower rates after jobs report | 2026-06-08 | fed-policymaker-says | The same story in other words.
title | title_mismatch | reworded | Reuters | Apple shows off AI tools at developer event | 2026-06-09 | apple-unveils-new-ai | The same story in other words (20:12 UTC on 06-08, 06-09 in Beijing).
title | title_mismatch | reworded | Reuters | Oil climbs after smaller-than-expected OPEC+ hike | 2026-06-08 | oil-prices-rise-opec | The same story in other words.
outlet | outlet_mismatch | wrong-outlet | 中央网信办 | = | = | 20260606163356694279758 | An NDA notice cited as CAC.
outlet | outlet_mismatch | wrong-outlet | 中央网信办 | = | = | 20260529182109323590577 | An NDA meeting cited as CAC.
outlet | outlet_mismatch | wrong-outlet | 国家数据局 | = | = | c_1782058824402013 | A CAC rule cited as NDA.
outlet | outlet_mismatch | wrong-outlet | 央广网 | = | = | c_1782297543834525 | A CAC item cited as CNR.
outlet | outlet_mismatch | wrong-outlet | 人民日报 | = | = | t20260607_527665909 | A CNR item cited as People's Daily.
outlet | outlet_mismatch | wrong-outlet | 央广网 | = | = | content_30161655 | A People's Daily item cited as CNR (CNR's 06-09 麦收 story is another).
outlet | outlet_mismatch | wrong-outlet | 国家数据局 | = | = | content_7071451 | A State Council notice cited as NDA.
outlet | outlet_mismatch | wrong-outlet | 新华社 | = | = | global-coal-demand | A Reuters headline credited to 新华社.
outlet | outlet_mismatch | wrong-outlet | 央广网 | = | = | south-korea-unveils-extra | A Reuters headline cited as CNR.
outlet | outlet_mismatch | wrong-outlet | 国家数据局 | = | = | c_1782153377005558 | A CAC report cited as NDA.
outlet | outlet_mismatch | wrong-outlet | 央广网 | = | = | content_30157207 | A People's Daily (新华社) item cited as CNR.
outlet | outlet_mismatch | wrong-outlet | 生态环境部 | = | = | t20260605_527663671 | A CNR report on 六五环境日 cited as MEE.
outlet | outlet_mismatch | wrong-outlet:template-title-that-day | 国家数据局 | = | = | content_7070873 | An NDRC notice on gov.cn cited as NDA; NDA has another 关于印发《…（试行）》的通知 that day.
outlet | outlet_mismatch | wrong-outlet | 中央网信办 | = | = | 20260519194643007508935 | An NDA document cited as CAC.
outlet | outlet_mismatch | wrong-outlet | 人民日报 | = | = | chinas-forex-reserves | A Reuters headline cited as People's Daily.
outlet | outlet_mismatch | wrong-outlet | 国家数据局 | = | = | t20260604_527662092 | A CNR report cited as NDA.
ambig | ambiguous | vague:series | 中央网信办 | 深度合成服务算法备案信息的公告 | 2026 | c_1782663646467016|c_1779211923055951 | No batch number, year only: the 14th and the 15th both fit.
ambig | ambiguous | vague:series-undated | 国家网信办 | 国家互联网信息办公室关于发布深度合成服务算法备案信息的公告 | - | c_1782663646467016|c_1779211923055951 | No batch, no date.
ambig | ambiguous | vague:series | 中央网信办 | 全国受理网络违法和不良信息举报 | 2026 | c_1782153377005558|c_1780214847268664|c_1777583709241701 | Three monthly reports fit.
ambig | ambiguous | vague:series | 中央网信办 | 全国受理网络违法和不良信息举报1.7亿件 | 2026 | c_1780214847268664|c_1777583709241701 | March and April both reported 1.7亿件.
ambig | ambiguous | vague:campaign | 中央网信办 | 中央网信办部署开展清朗专项行动 | 2026 | c_1782729121314085|c_1775729086921635 | Two 清朗 campaigns in 2026.
ambig | ambiguous | vague:consultation | 国家网信办 | 国家互联网信息办公室公开征求意见的通知 | 2026-03 | c_1774562268878878|c_1776186771746432 | Two consultations that month, the rule unnamed.
ambig | ambiguous | vague:contest | 国家数据局 | “数据要素×”大赛 | 2026-01 | 20260128133138618228661|20260115170945386256816 | The contest notice and the 赛道遴选 notice.
ambig | ambiguous | vague:topic | 国家数据局 | 全国一体化算力网 | 2026 | 20260529182109323590577|20260424150023257395729|20260227163721726593392 | Three NDA documents on the network.
ambig | ambiguous | vague:topic | 国家数据局 | 数据标注基地 | 2026 | 20260522101533653232267|20260403152951712738100 | The guide and the list of bases.
ambig | ambiguous | vague:template | 国务院 | 国务院关于印发“十五五”规划的通知 | 2026-06 | content_7071451|content_7070901|t20260604_1153987|t20260603_1153841 | Several 十五五 plans issued that month.
ambig | ambiguous | vague:topic | 国家数据局 | “数据要素×”典型案例 | 2026 | 20260318173630183419752|20260521172927254194856 | The release of cases and the call for cases.
ambig | ambiguous | vague:interpretation | 国家数据局 | 专家解读｜行业高质量数据集 | 2026-06 | 20260608180421563208817|20260609102238410527306 | Two 专家解读 of the plan that month.
ambig | ambiguous | vague:template | 生态环境部 | 关于公开征求国家生态环境标准意见的通知 | 2026-09 | t20260907_1165270|t20260914_1166201 | Two standards consultations that month, none named.
nf | not_found | fabricated | Reuters | Nvidia shares tumble as AI spending fears resurface | 2026-06-08 | - | No such story.
nf | not_found | fabricated | Reuters | China unveils subsidies for domestic AI chip makers | 2026-06-07 | - | No such story (a chip-designer story exists, another subject).
nf | not_found | fabricated:shared-words | Reuters | Fed signals rate cut in July as inflation cools | 2026-06-08 | - | Shares Fed/rate/cut with real stories, says something else.
nf | not_found | fabricated:shared-words | Reuters | Goldman Sachs raises China GDP forecast | 2026-06-08 | - | Goldman's real story is about the Fed.
nf | not_found | fabricated:shared-words | 路透社 | Chinese regulators probe short-video platforms over AI deepfakes | 2026-06-07 | - | The real story is platforms tightening their own rules, not a probe.
nf | not_found | fabricated:template-title | 国家数据局 | 国家数据局关于印发《数据要素市场监测指标体系（试行）》的通知 | 2026-06-02 | - | No such document; that day's 关于印发《…（试行）》的通知 is another.
nf | not_found | fabricated | 国家数据局 | 国家数据局召开2026年人工智能数据集建设工作推进会 | 2026-06-08 | - | No such meeting.
nf | not_found | fabricated | 国家数据局 | 《数据资产登记管理暂行办法》 | 2026-06-04 | - | No such document.
nf | not_found | fabricated | 中央网信办 | 中央网信办印发《人工智能生成内容标识管理办法》 | 2026-06-05 | - | No such document.
nf | not_found | fabricated:template-title | 中央网信办 | 国家网信办部署开展2026年“清朗·网络直播领域乱象整治”专项行动 | 2026-06-09 | - | That day's 清朗 campaign is the summer one for minors, another campaign.
nf | not_found | fabricated | 中央网信办 | 国家网信办发布《生成式人工智能服务管理暂行办法》 | 2026-06-03 | - | No such item in 2026.
nf | not_found | fabricated:template-title | 中央网信办 | 关于Apache Struts2存在远程代码执行漏洞的安全公告 | 2020-02-20 | - | That day's bulletin is about Tomcat.
nf | not_found | fabricated | 央广网 | 我国首个行业高质量数据集交易平台上线 | 2026-06-08 | - | No such report.
nf | not_found | fabricated | 央广网 | 央广网评：新质生产力赋能乡村振兴 | 2026-06-05 | - | No such commentary.
nf | not_found | fabricated | 人民日报 | 加快发展新质生产力 扎实推进高质量发展 | 2026-06-08 | - | Not in that day's paper.
nf | not_found | fabricated | 人民日报 | 人民日报评论员：以新质生产力引领产业升级 | 2026-05-29 | - | Not in that day's paper.
nf | not_found | fabricated | 人民网 | 人民网评：以数据要素激活新质生产力 | 2026-05-30 | - | CAC's 人民网评 that day is another.
nf | not_found | fabricated:template-title | 国务院 | 国务院关于印发《新一代人工智能发展“十五五”规划》的通知 | 2026-06-08 | - | That day's 十五五 plan is on emergency management.
nf | not_found | fabricated | 国务院 | 国务院办公厅关于加快发展低空经济的指导意见 | 2026-05-22 | - | No such document.
nf | not_found | fabricated:template-title | 生态环境部 | 关于公开征求《生态环境数据资源管理办法（征求意见稿）》意见的通知 | 2026-09-10 | - | MEE's consultations that week are on other standards.
nf | not_found | fabricated | 生态环境部 | 生态环境部召开2026年新质生产力与绿色低碳发展座谈会 | 2026-06-05 | - | No such meeting.
nf | not_found | fabricated:two-outlets | 中央网信办 / 央广网 | 网络数据要素市场建设取得新进展 | 2026-06-08 | - | Neither outlet has it.
unv | unverifiable | uncovered-outlet | 上海市人民政府 | 上海市加快推进新型工业化行动方案 | 2026-06 | - | Shanghai is not crawled.
unv | unverifiable | uncovered-outlet | 工业和信息化部官网 | 工业和信息化部关于印发《人形机器人创新发展行动方案》的通知 | 2026-06-05 | - | MIIT's site is not crawled.
unv | unverifiable | uncovered-outlet | 国家发展改革委官网 | 国家发展改革委关于印发《低空经济高质量发展行动方案》的通知 | 2026-06-03 | - | The NDRC's site is not crawled.
unv | unverifiable | uncovered-outlet | 北京市人民政府 | 北京市加快建设具身智能产业创新高地行动方案 | 2026-06-06 | - | Beijing is not crawled.
unv | unverifiable | uncovered-outlet | 经济日报 | 新质生产力赋能千行百业 | 2026-06-08 | - | 经济日报 is not crawled.
unv | unverifiable | uncovered-outlet | 科技日报 | 我国人形机器人产业加速发展 | 2026-06-07 | - | 科技日报 is not crawled.
unv | unverifiable | uncovered-outlet | Bloomberg | China Weighs New Stimulus to Support AI Chipmakers | 2026-06-08 | - | Bloomberg is not crawled.
unv | unverifiable | uncovered-outlet | Financial Times | Beijing steps up push for data centre build-out | 2026-06-08 | - | The FT is not crawled.
unv | unverifiable | uncovered-outlet | 21世纪经济报道 | 多地出台数据要素市场化配置改革举措 | 2026-06 | - | Not crawled.
unv | unverifiable | uncovered-outlet | 证券时报 | AI算力板块集体走强 | 2026-06-08 | - | Not crawled.
unv | unverifiable | uncovered-outlet:name-prefix | 国务院新闻办公室 | 国新办举行“高质量完成‘十四五’规划”系列主题新闻发布会 | 2026-06-05 | - | The SCIO (scio.gov.cn) is not gov.cn: its name only starts with 国务院.
unv | unverifiable | uncovered-outlet:name-prefix | 国务院国资委 | 国务院国资委召开中央企业人工智能专题推进会 | 2026-06-04 | - | SASAC is not gov.cn: its name only starts with 国务院.
unv | unverifiable | uncovered-outlet:seen-only-as-credit | 新华社 | 新华社评论员：加快培育发展新质生产力 | 2026-06-08 | - | 新华社 appears only as the 来源 of reposts; its own output is not crawled, so absence proves nothing.
unv | unverifiable | uncovered-outlet:seen-only-as-credit | 工业和信息化部 | 工业和信息化部召开2026年工业互联网一体化推进工作会议 | 2026-06-02 | - | MIIT appears only as the 来源 of an NDA repost; its site is not crawled.
unv | unverifiable | no-title | 国家数据局 | - | 2026-06-08 | - | No title to check.
unv | unverifiable | no-title | Reuters | - | 2026-06-08 | - | No title to check.
unv | unverifiable | before-crawl | 中央网信办 | 儿童个人信息网络保护规定 | 2019-08-23 | - | Before the crawl's since (2020-01-01).
unv | unverifiable | before-crawl | 中央网信办 | 《数据安全管理办法（征求意见稿）》 | 2019-05 | - | Before the crawl's since.
unv | unverifiable | before-crawl | 人民日报 | 庆祝中华人民共和国成立70周年大会隆重举行 | 2019-10-02 | - | Before the crawl's since.
`;

/** The one label whose URL contains `fragment`. */
function labelAt(labels: readonly Label[], fragment: string): Label {
  const hits = labels.filter((l) => l.url.includes(fragment));
  if (hits.length !== 1) throw new Error(`"${fragment}" matches ${hits.length} labels`);
  return hits[0]!;
}

function caseDate(spec: string, first: Label | undefined): string | null {
  if (spec === '-') return null;
  if (!spec.startsWith('=')) return spec;
  if (!first) throw new Error(`date "${spec}" needs a target`);
  const day = beijingDay(first.publishedAt);
  if (spec === '=') return day;
  if (spec === '=m') return day.slice(0, 7);
  return shiftDay(day, Number(spec.slice(1)));
}

function caseTitle(spec: string, first: Label | undefined): string | null {
  if (spec === '-') return null;
  if (spec === '=' || spec === '=name') {
    if (!first) throw new Error(`title "${spec}" needs a target`);
    const name = spec === '=' ? first.title : PARAPHRASES['drop-wrapper-keep-name']!(first.title);
    if (!name) throw new Error(`no 《name》 in ${first.title}`);
    return name;
  }
  return spec;
}

function caseExpected(status: string, target: string, labels: readonly Label[]): Expected {
  const expected: Expected = { status: status as VerificationStatus };
  if (target === '-') return expected;
  if (target.includes('|')) return { ...expected, candidates: target.split('|').map((f) => labelAt(labels, f).url) };
  const [url, ...also] = target.split('+').map((f) => labelAt(labels, f).url);
  return also.length > 0 ? { ...expected, url, alsoUrls: also } : { ...expected, url };
}

/** One line of CASES as a labelled reference. */
function caseEntry(line: string, n: number, labels: readonly Label[]): [string, GoldenReference] {
  const [group = '', status = '', trap = '', outlet = '', title = '', date = '', target = '', why = ''] =
    line.split(' | ');
  const targets = target === '-' ? [] : target.split(/[+|]/).map((f) => labelAt(labels, f));
  const value = caseDate(date, targets[0]);
  const days = [...(value?.length === 10 ? [value] : []), ...targets.map((t) => beijingDay(t.publishedAt))];
  const issueDate =
    group === 'digest' ? '2026-06-09' : days.length > 0 ? shiftDay(days.sort().at(-1)!, 1) : '2026-06-09';
  const entry: GoldenReference = {
    id: '',
    reference: reference(outlet, caseTitle(title, targets[0]), value === null ? null : refDate(value, n)),
    issueDate: value?.length === 10 ? shiftDay(value, 1) : issueDate,
    expected: caseExpected(status, target, labels),
    trap,
    why,
  };
  return [group, entry];
}

/** The hand-written traps, grouped by their id prefix in CASES order. */
function handCases(labels: readonly Label[]): [string, GoldenReference[]][] {
  const groups = new Map<string, GoldenReference[]>();
  CASES.split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .forEach((line, n) => {
      const [group, entry] = caseEntry(line, n, labels);
      groups.set(group, [...(groups.get(group) ?? []), entry]);
    });
  return [...groups];
}

async function main(): Promise<void> {
  const labels = loadLabels();
  const groups: [string, GoldenReference[]][] = [
    ['exact', exactEntries(labels)],
    ['para', paraphraseEntries(labels)],
    ['month', monthEntries(labels)],
    ['utc', utcEntries(labels)],
    ...handCases(labels),
  ];
  const entries = groups.flatMap(([prefix, xs]) =>
    xs.map((e, i) => ({ ...e, id: `${prefix}-${String(i + 1).padStart(3, '0')}` })),
  );
  const ids = new Set(entries.map((e) => e.id));
  if (ids.size !== entries.length) throw new Error('duplicate ids');
  const options = { ...(await resolveConfig(OUT)), parser: 'json' };
  writeFileSync(OUT, await format(JSON.stringify(entries, null, 2), options));
  const counts: Record<string, number> = {};
  for (const e of entries) counts[e.expected.status] = (counts[e.expected.status] ?? 0) + 1;
  process.stdout.write(`${entries.length} references → ${OUT}\n${JSON.stringify(counts)}\n`);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) await main();
