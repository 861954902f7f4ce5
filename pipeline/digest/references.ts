/**
 * Entries of a digest's reference list (参考文献): `N. 来源：…；标题：…；日期：…；用途：…`, with
 * the keys in any order, full- or half-width separators, some keys missing. Lenient by design:
 * the verifier, not the parser, reports an entry that lacks a title or a date.
 */
import type { DigestReference, ReferenceDate } from '../verify/types.js';

/** The four keys of an entry, and the spellings taken for each. */
type ReferenceKey = 'outlet' | 'title' | 'date' | 'purpose';
const KEY_NAMES: Readonly<Record<ReferenceKey, readonly string[]>> = {
  outlet: ['来源', '出处', '发布机构', '发布单位', '媒体'],
  title: ['标题', '题目', '名称'],
  date: ['日期', '发布日期', '发布时间', '时间'],
  purpose: ['用途', '作用', '说明'],
};

// A key counts at the start of an entry or after a separator (；;，,|｜ or a space), so a colon
// inside a title (`全球财经波动提醒：…`) is never read as a key.
const ALL_NAMES = Object.values(KEY_NAMES)
  .flat()
  .sort((a, b) => b.length - a.length)
  .join('|');
const KEY_MARKER = new RegExp(`(?<=^|[；;，,|｜\\s])\\s?(${ALL_NAMES})\\s*[：:]\\s*`, 'g');

// The number an entry starts with: `1.`, `1．`, `1、`, `1)`, `(1)`, `[1]`, `【1】`.
const ENTRY_START =
  /^\s*(?:[[【［]\s*(\d{1,3})\s*[\]】］]|[（(]\s*(\d{1,3})\s*[）)]|(\d{1,3})\s*[.．、)）](?!\d))\s*(?=\S)/;

/** The number and the text after it when `line` starts a numbered entry, else null. */
export function entryNumber(line: string): { index: number; rest: string } | null {
  const m = ENTRY_START.exec(line);
  if (!m) return null;
  const digits = m[1] ?? m[2] ?? m[3] ?? '';
  return { index: Number(digits), rest: line.slice(m[0].length) };
}

/** How many distinct reference keys (来源/标题/日期/用途) `text` labels. */
export function countKeys(text: string): number {
  return new Set([...text.matchAll(KEY_MARKER)].map((m) => keyOf(m[1] ?? ''))).size;
}

function keyOf(name: string): ReferenceKey | undefined {
  return (Object.keys(KEY_NAMES) as ReferenceKey[]).find((k) => KEY_NAMES[k].includes(name));
}

/** Split `来源：A；标题：B；…` into its labelled values; the first spelling of a key wins. */
export function splitFields(text: string): Partial<Record<ReferenceKey, string>> {
  const marks = [...text.matchAll(KEY_MARKER)];
  const out: Partial<Record<ReferenceKey, string>> = {};
  marks.forEach((m, i) => {
    const key = keyOf(m[1] ?? '');
    const start = (m.index ?? 0) + m[0].length;
    const end = marks[i + 1]?.index ?? text.length;
    const value = trimValue(text.slice(start, end));
    if (key && out[key] === undefined && value !== '') out[key] = value;
  });
  return out;
}

// Trailing field separators and the full stop that closes an entry belong to no value.
function trimValue(value: string): string {
  return value
    .replace(/[\s\u3000]+/g, ' ')
    .replace(/[\s；;，,。|｜]+$/u, '')
    .trim();
}

// Ministry names that contain 和 and must not be split on it (工业和信息化部, 住房和城乡建设部…).
const KEEP_HE = /共和国|工业和信息化|住房和城乡|发展和改革|人力资源和社会保障|文化和旅游|教育和科学|商务和/g;
const HE_MASK = '\u0000';
// 和 joins two outlets only between two names of two characters or more (not 和讯网).
const OUTLET_SEPARATOR = /[/／、,，&＆]|(?<=[^\s/／、,，&＆]{2})和(?=[^\s/／、,，&＆]{2})/;

/**
 * The outlets named in 来源: split on `/`, `／`, `、`, `,`, `&` and `和` (not inside ministry
 * names), `X转载Y文件` → [X, Y]. Names the registry may not cover (`上海市相关规划信息`) are kept
 * as given, without surrounding 《》, for the verifier to judge.
 */
export function splitOutlets(text: string | undefined): string[] {
  if (!text) return [];
  const reposted = /^(.+?)(?:转载|转发|转自)(.+?)(?:的)?(?:文件|文章|消息|通知|报道|稿件)?$/.exec(text.trim());
  const parts = reposted ? [reposted[1] ?? '', reposted[2] ?? ''] : [text];
  return parts
    .flatMap((part) => part.replace(KEEP_HE, (m) => m.replaceAll('和', HE_MASK)).split(OUTLET_SEPARATOR))
    .map((name) => name.replaceAll(HE_MASK, '和').replace(/^[\s《〈“"]+|[\s》〉”"]+$/g, ''))
    .filter((name) => name !== '');
}

// Date forms of a reference, most precise first. Spaces are removed before matching.
const DATE_FORMS: readonly { re: RegExp; precision: ReferenceDate['precision'] }[] = [
  { re: /(\d{4})[-./年](\d{1,2})[-./月](\d{1,2})日?/, precision: 'day' },
  { re: /(?<!\d)(\d{4})(\d{2})(\d{2})(?!\d)/, precision: 'day' },
  { re: /(\d{4})[-./年](\d{1,2})月?(?![\d])/, precision: 'month' },
  { re: /(?<!\d)(\d{4})年?(?!\d)/, precision: 'year' },
];

/**
 * A reference's 日期 at its own precision: `2026-06-08`, `2026.06.08`, `2026年6月8日` and
 * `20260608` are days, `2026-06` and `2026年6月` months, `2026` a year. Null when the text holds
 * no date or an impossible one (2026-02-30): the verifier then reports the entry as undated.
 */
export function parseReferenceDate(text: string | undefined): ReferenceDate | null {
  if (!text) return null;
  const compact = text.replace(/[\s\u3000]+/g, '');
  for (const { re, precision } of DATE_FORMS) {
    const m = re.exec(compact);
    if (!m) continue;
    const [y, mo, d] = [m[1] ?? '', m[2] ?? '', m[3] ?? ''];
    const value = calendarValue(Number(y), Number(mo || 1), Number(d || 1), precision);
    return value ? { text: text.trim(), precision, value } : null;
  }
  return null;
}

function calendarValue(y: number, m: number, d: number, precision: ReferenceDate['precision']): string | null {
  const at = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || y > 2100 || at.getUTCMonth() !== m - 1 || at.getUTCDate() !== d) return null;
  const iso = at.toISOString().slice(0, 10);
  return precision === 'day' ? iso : precision === 'month' ? iso.slice(0, 7) : iso.slice(0, 4);
}

// Pairs that may wrap a whole title: 《…》, “…”, "…", ‘…’, '…', 「…」, 『…』.
const WRAPPERS: readonly [string, string][] = [
  ['《', '》'],
  ['“', '”'],
  ['"', '"'],
  ['‘', '’'],
  ["'", "'"],
  ['「', '」'],
  ['『', '』'],
];

/**
 * A title without the 《》 or quotes around the whole of it; inner ones stay
 * (`《城市更新“十五五”规划》` → `城市更新“十五五”规划`, `《数字中国发展报告（2025 年）》发布` unchanged).
 */
export function cleanTitle(text: string | undefined): string | null {
  let title = (text ?? '').trim();
  for (let stripped = true; stripped;) {
    stripped = false;
    for (const [open, close] of WRAPPERS) {
      if (title.length > 2 && title.startsWith(open) && title.endsWith(close) && closesAtEnd(title, open, close)) {
        title = title.slice(open.length, -close.length).trim();
        stripped = true;
      }
    }
  }
  return title === '' ? null : title;
}

// True when the opening mark at 0 is closed by the last character, not earlier (`“A”与“B”`).
function closesAtEnd(title: string, open: string, close: string): boolean {
  if (open === close) return !title.slice(1, -1).includes(open);
  let depth = 0;
  for (let i = 0; i < title.length; i++) {
    if (title[i] === open) depth++;
    else if (title[i] === close && --depth === 0) return i === title.length - 1;
  }
  return false;
}

/**
 * An entry with no keys at all (`国家数据局，《…》，2026-06-08`): the title in 《》, the first
 * date, and the leading name as the outlet when it is short enough to be one.
 */
function freeForm(text: string): Partial<Record<ReferenceKey, string>> {
  const title = /《[^《》]+》/.exec(text)?.[0];
  const lead = /^([^，,：:；;《(（]{1,20})[，,：:；;《(（]/.exec(text)?.[1]?.trim();
  const date = /\d{4}\s*[-./年]\s*\d{1,2}(?:\s*[-./月]\s*\d{1,2}\s*日?)?|\d{4}\s*年/.exec(text)?.[0];
  return { outlet: lead, title, date };
}

/**
 * Parse one entry. `raw` is the entry as written, number included (continuation lines already
 * joined); `line` the 1-based file line it starts on.
 */
export function parseReference(raw: string, line: number): DigestReference {
  const numbered = entryNumber(raw);
  const body = numbered ? numbered.rest : raw;
  const fields = countKeys(body) > 0 ? splitFields(body) : freeForm(body);
  return {
    index: numbered?.index ?? 0,
    line,
    raw: raw.trim(),
    outlets: splitOutlets(fields.outlet),
    title: cleanTitle(fields.title),
    date: parseReferenceDate(fields.date),
    purpose: fields.purpose ?? null,
  };
}

/**
 * What joins a line broken by the PDF conversion to the text before it: nothing between CJK
 * characters (a Chinese sentence has no spaces), one space otherwise (an English title).
 */
export function joiner(before: string, after: string): '' | ' ' {
  const cjk = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;
  return cjk.test(before.slice(-1)) || cjk.test(after.charAt(0)) ? '' : ' ';
}
