import { extractClaims } from '../digest/claims.js';
import { normalizeTitle, titleScore } from './similarity.js';
import type { ClaimCheck, DigestReference, DigestSection, ReferenceCheck } from './types.js';

/** The text of a matched article the claims are checked against. */
export interface SourceText {
  referenceIndex: number;
  title: string;
  body: string;
  publishedDate: string | null;
}

/** Share of a reference title's bigrams a section must retell, when it also names the outlet. */
const SECTION_TITLE_SHARE = 0.4;

const squeeze = (s: string) => s.normalize('NFKC').replace(/[\s\u3000]+/g, '');

/**
 * The references a section rests on: those whose title the section quotes or contains, and
 * those whose outlet the section names on the reference's day (`Reuters 6 月 8 日报道`).
 */
export function sectionReferences(section: DigestSection, refs: readonly DigestReference[]): number[] {
  const text = squeeze([section.heading, ...section.paragraphs.map((p) => p.text)].join(''));
  const quoted = [...text.matchAll(/《([^》]+)》/g)].map((m) => m[1]!);
  return refs
    .filter((ref) => {
      if (ref.title && normalizeTitle(text).includes(normalizeTitle(ref.title))) return true;
      if (ref.title && quoted.some((q) => titleScore(q, ref.title!) >= 0.8 || titleScore(ref.title!, q) >= 0.8))
        return true;
      const day =
        ref.date?.precision === 'day' ? ref.date.value.slice(5).replace(/^0?(\d+)-0?(\d+)$/, '$1月$2日') : null;
      const named = ref.outlets.some((o) => text.includes(squeeze(o)));
      if (named && day !== null && text.includes(day)) return true;
      // A section that names the outlet and retells most of the title (中央网信办转发的央广网文章聚焦农业新质生产力…).
      return named && ref.title !== null && titleScore(ref.title, text) >= SECTION_TITLE_SHARE;
    })
    .map((ref) => ref.index);
}

/** Check every claim of a section against the texts of the articles its references matched. */
export function checkSection(
  section: DigestSection,
  indexes: readonly number[],
  sources: readonly SourceText[],
): ClaimCheck[] {
  const texts = sources.filter((s) => indexes.includes(s.referenceIndex));
  return extractClaims(section).map((claim) => {
    const base = { line: claim.line, section: section.heading, kind: claim.kind, text: claim.text };
    if (texts.length === 0) return { ...base, status: 'unsupported', evidence: null, referenceIndex: null };
    // A figure is also looked for as written (六项), a year as `2030年`.
    const forms = [
      claim.value,
      ...(claim.figure?.written ? [claim.figure.written] : []),
      ...(/^\d{4}$/.test(claim.value) ? [`${claim.value}年`] : []),
    ];
    for (const source of texts) {
      const found = forms.map((v) => supports(claim.kind, v, source)).find((f) => f !== null) ?? null;
      if (found) return { ...base, status: 'supported', evidence: found, referenceIndex: source.referenceIndex };
    }
    for (const source of texts) {
      const other = claim.kind === 'figure' ? contradicts(claim.text, claim.value, source.body) : null;
      if (other) return { ...base, status: 'contradicted', evidence: other, referenceIndex: source.referenceIndex };
    }
    return { ...base, status: 'unsupported', evidence: null, referenceIndex: texts[0]!.referenceIndex };
  });
}

function supports(kind: ClaimCheck['kind'], value: string, source: SourceText): string | null {
  const body = squeeze(`${source.title}\n${source.body}`);
  if (kind === 'title')
    return normalizeTitle(body).includes(normalizeTitle(value)) ? sentenceAround(source.body, value) : null;
  if (kind === 'date') {
    const md = /^(\d{1,2})-(\d{1,2})$/.exec(value);
    const chinese = md ? `${Number(md[1])}月${Number(md[2])}日` : squeeze(value);
    if (md && source.publishedDate?.endsWith(`-${md[1]!.padStart(2, '0')}-${md[2]!.padStart(2, '0')}`))
      return `published ${source.publishedDate}`;
    return body.includes(chinese) ? sentenceAround(source.body, chinese) : null;
  }
  return body.includes(squeeze(value)) ? sentenceAround(source.body, squeeze(value)) : null;
}

/**
 * A figure is contradicted when the words just before it in the digest (the quantity: 贡献率,
 * 机械化率) appear in the source next to a different number.
 */
function contradicts(claimText: string, value: string, body: string): string | null {
  const text = squeeze(claimText);
  const at = text.indexOf(squeeze(value));
  let before = at > 0 ? text.slice(0, at) : '';
  // Trim the numbers and verbs between the quantity's name and the figure: …贡献率从64%提升到|67%.
  while (/([\d.%％]|[从由到至提升提高增长达为是将])$/.test(before)) before = before.slice(0, -1);
  const quantity = before.slice(-4);
  if (!/^[\u4e00-\u9fff]{3,4}$/.test(quantity)) return null;
  const src = squeeze(body);
  const i = src.indexOf(quantity);
  if (i < 0) return null;
  const unit = /[%％项条个家]$/.exec(squeeze(value))?.[0] ?? '';
  const near = src.slice(i + quantity.length, i + quantity.length + 24);
  const stated = [...near.matchAll(/(\d+(?:\.\d+)?)\s*(%|％|项|条|个|家)?/g)].filter((m) => (m[2] ?? '') === unit);
  const claimed = /\d+(?:\.\d+)?/.exec(value)?.[0];
  if (stated.length === 0 || stated.some((m) => m[1] === claimed)) return null;
  return sentenceAround(body, quantity);
}

/** The sentence of `text` around `needle`, for the report's evidence column. */
function sentenceAround(text: string, needle: string): string {
  const flat = text.replace(/\s+/g, '');
  const i = flat.indexOf(needle.replace(/\s+/g, ''));
  if (i < 0) return needle;
  const start = Math.max(flat.lastIndexOf('。', i) + 1, i - 60);
  const end = flat.indexOf('。', i);
  return flat.slice(start, end < 0 ? Math.min(flat.length, i + 80) : end + 1);
}

/** Sections no reference stands behind. */
export function unsupportedSections(
  sections: readonly DigestSection[],
  bySection: ReadonlyMap<string, number[]>,
  checks: readonly ReferenceCheck[],
): string[] {
  const matchedIndexes = new Set(checks.filter((c) => c.match).map((c) => c.index));
  return sections
    .filter((s) => !(bySection.get(s.heading) ?? []).some((i) => matchedIndexes.has(i)))
    .map((s) => s.heading);
}
