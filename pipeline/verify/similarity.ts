import { DateTime } from 'luxon';
import { SHANGHAI } from '../dates/candidates.js';
import type { ReferenceDate } from './types.js';

// Quotes, brackets and separators that vary between a reference and a page without changing
// what it names: 《》〈〉“”‘’""'' 「」『』【】（）() ｜| · — : ： and all whitespace.
const NOISE = /[\s\u3000《》〈〉“”‘’"'「」『』【】（）()［］[\]｜|·•—–\-_:：,，.。、;；!！?？]/g;

/** A title reduced to what identifies it: NFKC (full→half width), lower case, no quotes or spaces. */
export function normalizeTitle(title: string): string {
  return title.normalize('NFKC').toLowerCase().replace(NOISE, '');
}

function isChinese(text: string): boolean {
  return /[\u4e00-\u9fff]/.test(text);
}

function bigrams(text: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i < text.length - 1; i++) out.add(text.slice(i, i + 2));
  return out;
}

function tokens(title: string): Set<string> {
  return new Set(
    title
      .normalize('NFKC')
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((t) => t.length > 0),
  );
}

/** How much of `ref` is found in `candidate` (0–1), and how alike they are overall (Dice, 0–1). */
function overlap(ref: Set<string>, candidate: Set<string>): { containment: number; dice: number } {
  if (ref.size === 0 || candidate.size === 0) return { containment: 0, dice: 0 };
  let shared = 0;
  for (const g of ref) if (candidate.has(g)) shared++;
  return { containment: shared / ref.size, dice: (2 * shared) / (ref.size + candidate.size) };
}

/**
 * Words that make a different document of the same subject: an interpretation of a plan, the
 * draft of a rule, a press Q&A. A title carrying one that the other lacks is another document.
 */
const DOC_TYPE_MARKERS = ['解读', '征求意见稿', '答记者问', '一图读懂', '图解', '问答', '文字实录'];
const DOC_TYPE_PENALTY = 0.85;

/** The highest title score a candidate can reach when a number of the reference is missing from it. */
const NUMBER_MISMATCH_CAP = 0.7;
const NUMBER = /\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万]+(?=[批期号次届项条个月年])/g;

function numbersDiffer(reference: string, candidate: string): boolean {
  const ref = reference.normalize('NFKC').match(NUMBER) ?? [];
  const cand = new Set(candidate.normalize('NFKC').match(NUMBER) ?? []);
  return ref.some((n) => !cand.has(n));
}

/** Whether the characters of `short` occur in `long` in the same order (gaps allowed). */
function inOrder(short: string, long: string): boolean {
  let at = 0;
  for (const ch of short) {
    at = long.indexOf(ch, at);
    if (at < 0) return false;
    at += ch.length;
  }
  return true;
}

function docTypeDiffers(reference: string, candidate: string): boolean {
  return DOC_TYPE_MARKERS.some((m) => reference.includes(m) !== candidate.includes(m));
}

/**
 * Title similarity (0–1): character bigrams for Chinese, word tokens for English, after
 * normalising. A reference that shortens the title (dropping 关于…的, or a Reuters headline
 * cut after its first clause) is scored by containment, discounted a little so an exact title
 * still ranks first.
 */
export function titleScore(reference: string, candidate: string): number {
  const chinese = isChinese(reference) || isChinese(candidate);
  const [a, b] = chinese
    ? [bigrams(normalizeTitle(reference)), bigrams(normalizeTitle(candidate))]
    : [tokens(reference), tokens(candidate)];
  const { containment, dice } = overlap(a, b);
  // Containment only counts for a reference long enough to be specific (≥ 4 bigrams or tokens).
  // A shortened title keeps its words in order (关于…的 dropped); a description that reuses
  // them in another order (行业高质量数据集建设专家解读 for 专家解读｜…数据集建设…) is not the title.
  const ordered = !chinese || inOrder(normalizeTitle(reference), normalizeTitle(candidate));
  const contained = a.size >= 4 ? (ordered ? 0.92 : 0.75) * containment : 0;
  const penalty = chinese && docTypeDiffers(reference, candidate) ? DOC_TYPE_PENALTY : 1;
  const score = Math.max(dice, contained) * penalty;
  // 第十五批 vs 第十六批, 2027 vs 2028, 1.8亿 vs 1.9亿: a number the reference names that the
  // candidate lacks makes it another document, however alike the rest of the words are.
  return Math.round((numbersDiffer(reference, candidate) ? Math.min(score, NUMBER_MISMATCH_CAP) : score) * 1000) / 1000;
}

/** How a candidate's publication time agrees with the reference date, with the reason. */
export interface DateAgreement {
  score: number;
  /** `same-day`, `same-month`, `utc-day` (agrees in UTC, not Beijing), `different`, `undated`, `no-reference-date`. */
  kind: 'same-day' | 'same-month' | 'same-year' | 'utc-day' | 'different' | 'undated' | 'no-reference-date';
}

/**
 * Compare at the reference's precision, in Beijing time (the digest's day). A day that only
 * agrees in UTC (a Reuters story at 23:18 UTC is the next Beijing day) counts, with its own
 * kind, so the report can say why.
 */
export function dateAgreement(
  reference: ReferenceDate | null,
  publishedAt: string | null,
  utcAllowed = false,
): DateAgreement {
  if (!reference) return { score: 0.5, kind: 'no-reference-date' };
  if (!publishedAt) return { score: 0, kind: 'undated' };
  const at = DateTime.fromISO(publishedAt, { setZone: true });
  const beijing = at.setZone(SHANGHAI);
  if (reference.precision === 'year')
    return beijing.toFormat('yyyy') === reference.value
      ? { score: 1, kind: 'same-year' }
      : { score: 0, kind: 'different' };
  if (reference.precision === 'month')
    return beijing.toFormat('yyyy-MM') === reference.value
      ? { score: 1, kind: 'same-month' }
      : { score: 0, kind: 'different' };
  if (beijing.toISODate() === reference.value) return { score: 1, kind: 'same-day' };
  // Only an instant published in UTC (a Reuters time) can honestly be cited by its UTC day; a
  // Chinese day-only date stored as Beijing midnight would otherwise match the day before.
  if (utcAllowed && at.toUTC().toISODate() === reference.value) return { score: 0.9, kind: 'utc-day' };
  return { score: 0, kind: 'different' };
}

/** Whole days between a candidate's Beijing day and a day-precision reference (for messages). */
export function daysApart(reference: ReferenceDate, publishedAt: string): number {
  const day = DateTime.fromISO(publishedAt, { setZone: true }).setZone(SHANGHAI).startOf('day');
  const ref = DateTime.fromISO(reference.value, { zone: SHANGHAI }).startOf('day');
  return Math.round(day.diff(ref, 'days').days);
}
