import type { Cheerio, CheerioAPI } from 'cheerio';
import { Text, type AnyNode } from 'domhandler';
import { LayoutChangedError } from '../errors.js';

/** Elements that never carry article text. */
const NOISE =
  'script, style, noscript, iframe, form, button, .share, .bdsharebuttonbox, [class*="share"], [id*="share"]';

/** Block elements after which a line break belongs in plain text. */
const BLOCKS = 'p, div, br, li, h1, h2, h3, h4, h5, h6, tr, dd, dt, section, article, table';

/**
 * Plain text of an element: scripts, styles and share widgets removed, one line per block,
 * whitespace (including U+3000 and NBSP) collapsed inside lines, blank lines dropped.
 */
export function cleanText($: CheerioAPI, el: Cheerio<AnyNode>): string {
  const copy = el.clone();
  copy.find(NOISE).remove();
  copy.find(BLOCKS).each((_, node) => {
    // A text node, not the string '\n': cheerio would run the HTML parser once per block.
    $(node).append(new Text('\n'));
  });
  return copy
    .text()
    .split('\n')
    .map((line) => line.replace(/[\s\u3000\u00a0]+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}

/** Collapse whitespace in a short string (a title, a source line). */
export function squash(text: string | undefined): string {
  return (text ?? '').replace(/[\s\u3000\u00a0]+/g, ' ').trim();
}

/** The first selector in `selectors` that matches a non-empty element. */
export function firstMatch($: CheerioAPI, selectors: readonly string[]): Cheerio<AnyNode> | undefined {
  for (const selector of selectors) {
    const el = $(selector).first();
    if (el.length > 0 && squash(el.text()) !== '') return el;
  }
  return undefined;
}

/** Like {@link firstMatch} but a miss is a `LayoutChangedError` naming the field and selectors. */
export function requireMatch(
  $: CheerioAPI,
  selectors: readonly string[],
  field: string,
  url: string,
): Cheerio<AnyNode> {
  const el = firstMatch($, selectors);
  if (!el) throw new LayoutChangedError(`no ${field}: none of ${selectors.join(' | ')} matched`, url);
  return el;
}

/** `content` of the first `<meta name=…>` (case-insensitive name) among `names` that is non-empty. */
export function metaContent($: CheerioAPI, names: readonly string[]): string | undefined {
  for (const name of names) {
    const wanted = name.toLowerCase();
    const el = $('meta')
      .filter((_, m) => ($(m).attr('name') ?? $(m).attr('property') ?? '').toLowerCase() === wanted)
      .first();
    const value = squash(el.attr('content'));
    if (value) return value;
  }
  return undefined;
}

// 文号: issuer abbreviation, year in 〔〕 (or [] / 【】 / () as typed by hand), serial, 号.
const DOC_NUMBER = /[\u4e00-\u9fa5]{1,12}[〔[【(（]\s*(?:19|20)\d{2}\s*[〕\]】)）]\s*\d{1,4}\s*号/;

/** The first document number (文号) in `text`, e.g. `国数科基〔2026〕25号`, normalised to 〔〕. */
export function findDocNumber(text: string): string | null {
  const m = DOC_NUMBER.exec(text);
  if (!m) return null;
  return m[0]
    .replace(/[[【(（]\s*/, '〔')
    .replace(/\s*[\]】)）]\s*/, '〕')
    .replace(/\s+/g, '');
}

/** Strip a leading `来源：` / `来源:` label. */
export function stripSourceLabel(text: string): string {
  return squash(text).replace(/^(文章)?来源\s*[：:]\s*/, '');
}
