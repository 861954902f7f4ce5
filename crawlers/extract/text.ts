import type { Cheerio, CheerioAPI } from 'cheerio';
import { hasChildren, isTag, isText, type AnyNode, type Element } from 'domhandler';
import { LayoutChangedError } from '../errors.js';

/** Elements that never carry article text. */
const NOISE =
  'script, style, noscript, iframe, form, button, .share, .bdsharebuttonbox, [class*="share"], [id*="share"]';

/** Block elements after which a line break belongs in plain text. */
const BLOCKS = new Set([
  'p',
  'div',
  'br',
  'li',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'tr',
  'dd',
  'dt',
  'section',
  'article',
  'table',
]);

/**
 * Plain text of an element: scripts, styles, share widgets and the caller's `extraNoise`
 * selectors left out, one line per block, whitespace (including U+3000 and NBSP) collapsed
 * inside lines, blank lines dropped. Reads the tree without copying or changing it (a clone per
 * article was a visible share of the crawl's cost in issue #3's bench).
 */
export function cleanText(el: Cheerio<AnyNode>, extraNoise: readonly string[] = []): string {
  const noise = new Set<AnyNode>(el.find([NOISE, ...extraNoise].join(', ')).toArray());
  const parts: string[] = [];
  const walk = (node: AnyNode, root: boolean): void => {
    if (isText(node)) {
      parts.push(node.data);
      return;
    }
    if (noise.has(node) || !hasChildren(node)) return; // comments, processing instructions
    for (const child of node.children) walk(child, false);
    if (!root && isTag(node) && BLOCKS.has(node.name)) parts.push('\n');
  };
  for (const node of el.toArray()) walk(node, true);
  return parts
    .join('')
    .split('\n')
    .map((line) => squash(line))
    .filter((line) => line !== '')
    .join('\n');
}

/** Whether an element holds any text that is not whitespace (stops at the first such text). */
function hasVisibleText(nodes: readonly AnyNode[]): boolean {
  for (const node of nodes) {
    if (isText(node) ? /[^\s\u3000\u00a0]/.test(node.data) : hasChildren(node) && hasVisibleText(node.children))
      return true;
  }
  return false;
}

/** Collapse whitespace in a short string (a title, a source line). */
export function squash(text: string | undefined): string {
  return (text ?? '').replace(/[\s\u3000\u00a0]+/g, ' ').trim();
}

/** The first selector in `selectors` that matches a non-empty element. */
export function firstMatch($: CheerioAPI, selectors: readonly string[]): Cheerio<AnyNode> | undefined {
  for (const selector of selectors) {
    const el = $(selector).first();
    if (el.length > 0 && hasVisibleText(el.toArray())) return el;
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

/** Each document's `<meta>` contents by lower-cased name (else property), first one winning. */
const metaIndex = new WeakMap<CheerioAPI, Map<string, string | undefined>>();

function metasOf($: CheerioAPI): Map<string, string | undefined> {
  let index = metaIndex.get($);
  if (!index) {
    index = new Map();
    for (const m of elementsNamed($.root().toArray(), 'meta')) {
      const key = (m.attribs.name ?? m.attribs.property ?? '').toLowerCase();
      if (!index.has(key)) index.set(key, m.attribs.content);
    }
    metaIndex.set($, index);
  }
  return index;
}

/** Every element called `name` under `nodes`, in document order (a walk, not a CSS query). */
function elementsNamed(nodes: readonly AnyNode[], name: string, out: Element[] = []): Element[] {
  for (const node of nodes) {
    if (isTag(node) && node.name === name) out.push(node);
    if (hasChildren(node)) elementsNamed(node.children, name, out);
  }
  return out;
}

/** `content` of the first `<meta name=…>` (case-insensitive name) among `names` that is non-empty. */
export function metaContent($: CheerioAPI, names: readonly string[]): string | undefined {
  const metas = metasOf($);
  for (const name of names) {
    const value = squash(metas.get(name.toLowerCase()));
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
