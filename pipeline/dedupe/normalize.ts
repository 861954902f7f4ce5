/**
 * Body text normalisation for de-duplication (issue #4). A repost differs from its original in
 * width, punctuation, whitespace and in the lines each outlet adds around the text (an editor
 * line, a 来源 line, share and print buttons: sources.md §2.2, §4.4); none of that is content.
 */

/** A line-level boilerplate rule, with why the line carries no content. */
export interface BoilerplateRule {
  pattern: RegExp;
  reason: string;
}

/**
 * Lines dropped before comparison. Each pattern is tested against a whole line after NFKC
 * (so `：` is already `:` and `【】` stay), and only on lines of at most
 * {@link MAX_BOILERPLATE_LINE} characters so that a paragraph that happens to start with
 * `来源:` is never lost.
 */
export const BOILERPLATE_LINES: readonly BoilerplateRule[] = [
  {
    pattern:
      /^[[(（【]?\s*(责任编辑|编辑|责编|主编|审核|审校|审稿|校对|终审|初审|复审|二审|三审|监制|制作|策划|统筹|编审|作者|撰稿|记者|通讯员|实习生|摄影|摄像|图片|视频)\s*[:：]/,
    reason: 'credit line: each outlet adds its own editor/reviewer/author line to a repost (cnr adds 编辑：王佳)',
  },
  {
    pattern: /^[[(（【]?\s*(文章|稿件|信息)?(来源|出处|原标题|原文链接|转载自|本文转自|转自)\s*[:：]/,
    reason: 'source / original-title line: the repost names the original here, the original does not',
  },
  {
    pattern: /^(发布时间|发布日期|更新时间|浏览次数|阅读次数|访问量|点击数|字号|字体)\s*[:：]/,
    reason: 'page metadata printed inside the body by some templates',
  },
  { pattern: /^(\s*【[^】]{1,8}】\s*)+$/, reason: 'button rows such as 【纠错】【打印】【关闭】' },
  { pattern: /^(\s*\[[^\]]{1,8}\]\s*)+$/, reason: 'button rows in square brackets ([打印] [关闭])' },
  { pattern: /^分享到/, reason: 'share bar (分享到：微信 微博)' },
  { pattern: /^(扫一扫|扫码|微信扫一扫|用微信扫描)/, reason: 'QR-code captions' },
  { pattern: /^(上一篇|下一篇|相关(新闻|阅读|链接|文章|稿件))\s*[:：]?/, reason: 'navigation blocks' },
  { pattern: /^(打印本页|关闭窗口|打印|关闭|返回顶部|收藏|纠错)$/, reason: 'single widget words' },
  { pattern: /^(版权所有|版权声明|copyright|©)/i, reason: 'copyright footers' },
  { pattern: /转载(请|须|需)注明/, reason: 'reprint notices' },
  { pattern: /^[(（]\s*完\s*[)）]$/, reason: 'wire-style end marker (完)' },
];

/** Longer lines are content even when they match a boilerplate pattern. */
export const MAX_BOILERPLATE_LINE = 60;

/** A credit in brackets at the end of the last paragraph: `…支撑。（编辑：王佳）`. */
const TRAILING_CREDIT = /[(（[【]\s*(责任编辑|编辑|责编|记者|作者|通讯员|来源)\s*[:：\s][^)）\]】]{1,30}[)）\]】]\s*$/;

/** Whitespace, punctuation and symbols: none of them distinguishes two texts' content. */
const NOT_CONTENT = /[\s\p{P}\p{S}]/u;
const NOT_CONTENT_ALL = /[\s\p{P}\p{S}]+/gu;

// The same class as a lookup table over UTF-16 units (surrogates count as content), because
// a Unicode-property regex replace costs five times a table loop on 100k bodies.
const IS_NOISE = new Uint8Array(0x10000);
for (let c = 0; c < 0x10000; c++) {
  if (c < 0xd800 || c > 0xdfff) IS_NOISE[c] = NOT_CONTENT.test(String.fromCharCode(c)) ? 1 : 0;
}
let scratch = new Uint16Array(4096);
const UTF16 = new TextDecoder('utf-16le');

/** `text` without whitespace, punctuation and symbols ({@link NOT_CONTENT}). */
function stripNoise(text: string): string {
  if (scratch.length < text.length) scratch = new Uint16Array(text.length * 2);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (IS_NOISE[c] === 0) scratch[n++] = c;
  }
  const kept = UTF16.decode(scratch.subarray(0, n));
  // Rare astral punctuation and symbols (emoji) need the real class.
  return /[\ud800-\udfff]/.test(kept) ? kept.replace(NOT_CONTENT_ALL, '') : kept;
}

/** Whether `line` (trimmed, after NFKC) is boilerplate under {@link BOILERPLATE_LINES}. */
export function isBoilerplateLine(line: string): boolean {
  return line.length <= MAX_BOILERPLATE_LINE && BOILERPLATE_LINES.some((rule) => rule.pattern.test(line));
}

/**
 * The content lines of `text`: NFKC (full-width letters, digits and punctuation become
 * half-width; U+3000 becomes a space), trimmed, blank and boilerplate lines removed, a trailing
 * bracketed credit cut off.
 */
export function bodyLines(text: string): string[] {
  const lines: string[] = [];
  for (const raw of text.normalize('NFKC').split(/\r?\n|\r/)) {
    const line = raw.trim().replace(TRAILING_CREDIT, '').trim();
    if (line !== '' && !isBoilerplateLine(line)) lines.push(line);
  }
  return lines;
}

/**
 * The comparison form of a body: {@link bodyLines} joined, lower-cased, with every whitespace,
 * punctuation and symbol character removed. Digits and letters stay (`1.8亿` becomes `18亿`).
 */
export function normalizeBody(text: string): string {
  return stripNoise(bodyLines(text).join('').toLowerCase());
}

/** Sentence ends (after NFKC): a sentence is the unit an excerpt copies whole. */
function isSentenceEnd(c: number): boolean {
  return c === 0x3002 || c === 0x21 || c === 0x3f || c === 0x3b; // 。 ! ? ; (！？； are NFKC'd)
}
/** Shorter sentences (现将有关事项通知如下, 特此通知) are template, not evidence of copying. */
export const MIN_SENTENCE_CHARS = 15;

/** Finish a running FNV-1a hash as a 31-bit key (a V8 small integer). */
function finish31(h: number): number {
  h ^= h >>> 15;
  return Math.imul(h, 0x2c1b3c6d) >> 1;
}

/** 31-bit FNV-1a of a string: a key where collisions only cost a check. */
function hash31(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return finish31(h);
}

/**
 * Keys of the sentences of `lines`, hashed straight from the char codes with noise skipped and
 * ASCII lower-cased (what {@link normalizeBody} keeps): no string per sentence.
 */
function sentenceKeys(lines: readonly string[]): Int32Array {
  const keys = new Set<number>();
  let h = 0x811c9dc5;
  let n = 0;
  const flush = () => {
    if (n >= MIN_SENTENCE_CHARS) keys.add(finish31(h));
    h = 0x811c9dc5;
    n = 0;
  };
  for (const line of lines) {
    for (let i = 0; i < line.length; i++) {
      const c = line.charCodeAt(i);
      if (isSentenceEnd(c)) flush();
      else if (IS_NOISE[c] === 0) {
        h = Math.imul(h ^ (c >= 0x41 && c <= 0x5a ? c + 0x20 : c), 0x01000193);
        n++;
      }
    }
    flush();
  }
  return Int32Array.from(keys);
}

/** A body's comparison form and the keys of its sentences, from one pass over its lines. */
export interface BodyForms {
  /** {@link normalizeBody} of the text. */
  normal: string;
  /** Distinct keys of its normalised sentences of at least {@link MIN_SENTENCE_CHARS} characters. */
  sentences: Int32Array;
}

/** {@link normalizeBody} plus sentence keys, for finding excerpts (one text inside another). */
export function bodyForms(text: string): BodyForms {
  const lines = bodyLines(text);
  return { normal: stripNoise(lines.join('').toLowerCase()), sentences: sentenceKeys(lines) };
}

/**
 * The set of `k`-character shingles (by code point) of `text`, which should already be
 * normalised. A non-empty text shorter than `k` is one shingle; an empty text has none.
 */
export function shingles(text: string, k = 5): Set<string> {
  const chars = [...text];
  const out = new Set<string>();
  if (chars.length === 0) return out;
  if (chars.length <= k) return out.add(chars.join(''));
  for (let i = 0; i + k <= chars.length; i++) out.add(chars.slice(i, i + k).join(''));
  return out;
}

/** Exact Jaccard similarity of two sets (1 for two empty sets). */
export function jaccard<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  if (a.size === 0 && b.size === 0) return 1;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let common = 0;
  for (const x of small) if (large.has(x)) common++;
  return common / (a.size + b.size - common);
}

/**
 * Numbers in a normalised body: digit runs joined by 年月日号时点分 into one token, so a date
 * (`2026年1月17`) is one fact rather than three shared-looking numbers, plus Chinese ordinals
 * (第十五批, 第一场). Punctuation is already gone, so `1.8亿` reads `18`.
 */
const NUMBER_TOKEN = /\d+(?:[年月日号时点分]\d+)*|第[〇零一二三四五六七八九十百千两]+/g;

/**
 * The numbers a normalised body states. Two texts built on one template (the monthly 举报
 * report, the 第N批 备案 notice, a notice signed on another day) differ almost only here, so
 * near-duplicate matching checks that the numbers agree (see find-duplicates.ts).
 */
export function numberTokens(normal: string): Set<string> {
  return new Set(normal.match(NUMBER_TOKEN) ?? []);
}

/** A title reduced for comparison (see {@link titleKey}). */
export interface TitleKey {
  /** Whether the title is Chinese (contains Han characters). */
  han: boolean;
  /** Sorted distinct character bigrams (Chinese) or word hashes (other languages). */
  grams: Uint32Array;
  /** The title without punctuation and spaces, for the containment check. */
  compact: string;
}

/** A wire-service update marker: "UPDATE 2-Oil rises" is the story "Oil rises". */
const WIRE_PREFIX = /^(update|refile|corrected|actualiza|atualiza|wrapup)(\s*\d+)?\s*-\s*/i;

/**
 * A title for comparison: NFKC (width), lower case, wire prefix ("UPDATE 1-") removed, quotes,
 * 《》, brackets and all other punctuation dropped. Chinese titles become character bigrams
 * (no spaces to split words on), others word tokens, each packed into a uint32.
 */
export function titleKey(title: string): TitleKey {
  const t = title.normalize('NFKC').toLowerCase().trim().replace(WIRE_PREFIX, '');
  const compact = stripNoise(t);
  const han = /\p{Script=Han}/u.test(t);
  const grams: number[] = [];
  if (han) {
    for (let i = 0; i + 1 < compact.length; i++)
      grams.push(((compact.charCodeAt(i) << 16) | compact.charCodeAt(i + 1)) >>> 0);
    if (compact.length === 1) grams.push(compact.charCodeAt(0));
  } else {
    for (const word of t.match(/[\p{L}\p{N}]+/gu) ?? []) grams.push(hash31(word) >>> 0);
  }
  const sorted = Uint32Array.from(new Set(grams)).sort();
  return { han, grams: sorted, compact };
}
