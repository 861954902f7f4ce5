/**
 * Claims of a digest section the matched sources can bear out or contradict: 《document
 * titles》, dates (`6 月 8 日`, `到 2028 年底`) and figures (`64%`, `80% 以上`, `六项`). Precision
 * matters more than recall: a claim that is no claim (`一批`, `千行百业`, the `2026` of a
 * document's name) would be reported as unsupported and cost an editor's time.
 */
import type { ClaimKind, DigestSection } from '../verify/types.js';

/** A figure's parts, for a matcher that compares quantities rather than strings. */
export interface FigureDetail {
  /** The number, Chinese numerals converted (`六` → 6). */
  amount: number;
  /** The unit or measure word with any multiplier (`%`, `项`, `亿元`, `个百分点`). */
  unit: string;
  /** `以上`, `左右`, `余`, `多`… when written, else null. */
  qualifier: string | null;
  /** As the digest writes it, spaces removed (`六项`, `80%以上`): a source may use the same form. */
  written: string;
}

/** One claim. `line` is the file line; `text` the words a report shows (a figure's clause). */
export interface ExtractedClaim {
  line: number;
  kind: ClaimKind;
  text: string;
  /**
   * What to look for in a source. Titles: the title without 《》. Dates: `MM-DD` (`6 月 8 日`),
   * `YYYY-MM-DD` or `YYYY-MM` when the year is written, `YYYY` for a year that is a deadline or a
   * period (`到 2028 年底` → `2028`). Figures: number + unit + qualifier, spaces removed,
   * Chinese numerals as digits (`64%`, `80%以上`, `6项`).
   */
  value: string;
  figure?: FigureDetail;
}

/** A match in a paragraph, before its line and context are worked out. */
interface Found {
  start: number;
  end: number;
  kind: ClaimKind;
  value: string;
  figure?: FigureDetail;
}

const TITLE = /《([^《》\n]{1,100})》/g;
const FULL_DATE = /(?<!\d)(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/g;
const ISO_DATE = /(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)/g;
const MONTH_DAY = /(?<![\d年]\s*)(\d{1,2})\s*月\s*(\d{1,2})\s*日/g;
const YEAR_MONTH = /(?<!\d)(\d{4})\s*年\s*(\d{1,2})\s*月/g;
// A year is a claim when it is a deadline or a period: `到 2028 年底`, `2026 年以来`, `截至 2025 年`.
const YEAR = /(?<!\d)(\d{4})\s*年(底|末|初|内|以来|以前|前|起|上半年|下半年)?/g;
const YEAR_LEAD = /(?:到|至|截至|截止|截止到|于|在|自|从|预计|力争|计划)\s*$/;

/** How one form of claim is recognised: its pattern and what a match of it claims. */
interface Form {
  re: RegExp;
  make: (m: RegExpExecArray, text: string) => Pick<Found, 'kind' | 'value' | 'figure'> | null;
}

const pad = (n: string | undefined) => (n ?? '').padStart(2, '0');
const date = (value: string | null) => {
  const plausible = plausibleDate(value);
  return plausible ? { kind: 'date' as const, value: plausible } : null;
};

// Dates most precise first, so `2026 年 6 月 8 日` is claimed whole and not again as a year.
const DATE_FORMS: readonly Form[] = [
  { re: FULL_DATE, make: (m) => date(`${m[1]}-${pad(m[2])}-${pad(m[3])}`) },
  { re: ISO_DATE, make: (m) => date(`${m[1]}-${m[2]}-${m[3]}`) },
  { re: MONTH_DAY, make: (m) => date(`${pad(m[1])}-${pad(m[2])}`) },
  { re: YEAR_MONTH, make: (m) => date(`${m[1]}-${pad(m[2])}`) },
  {
    re: YEAR,
    make: (m, text) => {
      const lead = YEAR_LEAD.test(text.slice(Math.max(0, m.index - 8), m.index));
      return m[2] || lead ? date(m[1] ?? null) : null;
    },
  },
];

// Month 1–12 and day 1–31 (the digest names days of real months; a 2 月 30 日 is its own error).
function plausibleDate(value: string | null): string | null {
  if (value === null || /^\d{4}$/.test(value)) return value;
  const parts = value.split('-').map(Number);
  // YYYY-MM-DD and YYYY-MM carry the year first; MM-DD does not.
  const [month = 0, day = 1] = (parts[0] ?? 0) > 31 ? parts.slice(1) : parts;
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 ? value : null;
}

// Measure words and units after a number, longest first so `个百分点` wins over `个`.
const COUNT_WORDS = '个百分点|百分点|个月|部门|项|条|个|家|所|座|台|套|种|类|批|件|名|人|户|倍|成';
const UNITS = `${COUNT_WORDS}|平方公里|平方米|人次|美元|港元|公里|千米|公顷|千瓦|兆瓦|吉瓦|小时|次|位|元|吨|米|亩|GW|MW|kW`;
const MULTIPLIER = '万亿|亿|万|千|百';
const AFTER = '以上|以下|左右|上下|以内|之多';
// A number: `12`, `76.7`, `1,200` (not the tail of a longer number or an ordinal `第 3`).
const NUMBER = '(?<![\\d.,第])(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)';
const PERCENT = new RegExp(`${NUMBER}\\s*[%％](?:\\s*(${AFTER}))?`, 'g');
const ARABIC = new RegExp(`${NUMBER}\\s*(多|余)?\\s*((?:${MULTIPLIER})?\\s*(?:${UNITS}))(?:\\s*(${AFTER}))?`, 'g');
// Chinese numerals with a unit. A bare 一 is left out: `一批`, `一个` are articles, not counts;
// so are bare 百/千/万 (`千行百业`, `千家万户`). `第六项` is an ordinal. Only count words follow
// them: `二次开发`, `三元锂电池`, `三位一体` are no quantities.
const CN =
  '[二两三四五六七八九]?十[一二三四五六七八九]?|[一二两三四五六七八九][百千万][零〇一二三四五六七八九十百千万]*|[二两三四五六七八九]';
const CHINESE = new RegExp(
  `(?<![第零〇一二两三四五六七八九十百千万亿几])(${CN})(多|余)?(${COUNT_WORDS})(?:(${AFTER}))?`,
  'g',
);

const DIGITS: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const POWERS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000, 万: 10_000, 亿: 100_000_000 };

/** A Chinese numeral as a number: `六` 6, `十二` 12, `二十` 20, `三百五十` 350, `两万` 20000. */
export function chineseNumber(text: string): number {
  let total = 0;
  let section = 0;
  let digit = 0;
  for (const ch of text) {
    const power = POWERS[ch];
    if (power === undefined) digit = DIGITS[ch] ?? 0;
    else if (power >= 10_000) {
      total += (section + digit) * power;
      section = digit = 0;
    } else {
      section += (digit || 1) * power;
      digit = 0;
    }
  }
  return total + section + digit;
}

/** Figures: percentages, then numbers with a unit (Arabic, then Chinese numerals). */
const FIGURE_FORMS: readonly Form[] = [
  { re: PERCENT, make: (m) => figureClaim(arabic(m[1]), '%', m[2], m[0]) },
  { re: ARABIC, make: (m) => figureClaim(arabic(m[1]), (m[3] ?? '').replace(/\s+/g, ''), m[2] ?? m[4], m[0]) },
  { re: CHINESE, make: (m) => figureClaim(chineseNumber(m[1] ?? ''), m[3] ?? '', m[2] ?? m[4], m[0]) },
];

function figureClaim(amount: number, unit: string, qualifier: string | undefined, written: string) {
  const f: FigureDetail = { amount, unit, qualifier: qualifier ?? null, written: written.replace(/\s+/g, '') };
  // 多/余 sit between number and unit (`20余家`); 以上/左右 follow the unit (`80%以上`).
  const inner = f.qualifier === '多' || f.qualifier === '余';
  const value = inner ? `${amount}${f.qualifier}${unit}` : `${amount}${unit}${f.qualifier ?? ''}`;
  return { kind: 'figure' as const, value, figure: f };
}

const TITLE_FORM: Form = { re: TITLE, make: (m) => ({ kind: 'title', value: (m[1] ?? '').trim() }) };
const FORMS: readonly Form[] = [TITLE_FORM, ...DATE_FORMS, ...FIGURE_FORMS];
// Stands in for claimed text, so a later form cannot match inside it (a 《title》's year).
const MASK = '\u0001';

/**
 * Every claim of a text: each form in turn, over the text with the spans already claimed
 * masked, which keeps the first (most specific) reading and stays linear in the text.
 */
function findAll(text: string): Found[] {
  let found: Found[] = [];
  let masked = text;
  for (const { re, make } of FORMS) {
    const spans: Found[] = [];
    for (const m of masked.matchAll(re)) {
      const made = make(m, masked);
      if (made) spans.push({ ...made, start: m.index, end: m.index + m[0].length });
    }
    let rebuilt = '';
    let at = 0;
    for (const span of spans) {
      rebuilt += masked.slice(at, span.start) + MASK.repeat(span.end - span.start);
      at = span.end;
    }
    masked = rebuilt + masked.slice(at);
    found = found.concat(spans); // not push(...spans): a huge paragraph overflows the stack
  }
  return found.sort((a, b) => a.start - b.start);
}

const arabic = (digits: string | undefined): number => Number((digits ?? '').replaceAll(',', ''));

// Clauses end at these marks; a line break does not end one (the PDF conversion broke it).
const CLAUSE_END = /[，。；！？：,;!?]/;
const MAX_CLAUSE = 60;

/** The clause around a span, line breaks removed, cut to a window when the clause is long. */
function clauseAround(text: string, start: number, end: number): string {
  // The scan is bounded so a huge paragraph without punctuation stays linear.
  let from = start;
  while (from > Math.max(0, start - 4 * MAX_CLAUSE) && !CLAUSE_END.test(text.charAt(from - 1))) from--;
  let to = end;
  while (to < Math.min(text.length, end + 4 * MAX_CLAUSE) && !CLAUSE_END.test(text.charAt(to))) to++;
  if (to - from > MAX_CLAUSE) {
    from = Math.max(from, start - 25);
    to = Math.min(to, end + 25);
  }
  return text
    .slice(from, to)
    .replace(/\s*\n\s*/g, '')
    .trim();
}

/** Claims of one paragraph (or the heading), in reading order, with their file lines. */
function paragraphClaims(line: number, text: string): ExtractedClaim[] {
  const breaks = [...text.matchAll(/\n/g)].map((m) => m.index);
  return findAll(text).map((f) => {
    const written = text.slice(f.start, f.end).replace(/\s*\n\s*/g, '');
    const shown = f.kind === 'figure' ? clauseAround(text, f.start, f.end) : written;
    const out: ExtractedClaim = { line: line + countBelow(breaks, f.start), kind: f.kind, text: shown, value: f.value };
    return f.figure ? { ...out, figure: f.figure } : out;
  });
}

/** How many of the sorted `offsets` are below `at` (binary search: a paragraph may be huge). */
function countBelow(offsets: readonly number[], at: number): number {
  let lo = 0;
  let hi = offsets.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((offsets[mid] ?? 0) < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The claims of a section: its paragraphs', then the heading's that the body does not repeat.
 * Only body text is read: the parser has already left out the contents block, page numbers,
 * the summary and the footer. A claim repeated on one line is given once.
 */
export function extractClaims(section: DigestSection): ExtractedClaim[] {
  const body = section.paragraphs.flatMap((p) => paragraphClaims(p.line, p.text));
  const key = (c: ExtractedClaim) => `${c.kind}\u0000${c.value}`;
  const inBody = new Set(body.map(key));
  const heading = paragraphClaims(section.line, section.heading.replace(/\t.*$/, '')).filter(
    (c) => !inBody.has(key(c)),
  );
  const seen = new Set<string>();
  return [...heading, ...body].filter((c) => {
    const k = `${c.line}\u0000${key(c)}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
}
