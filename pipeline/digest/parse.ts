/**
 * The digest parser (issue #5 item 1): a daily digest converted from PDF to Markdown, read
 * into its title, issue date, body sections and reference list, every item with its file line.
 * Conversion leaves the layout messy (headings as `## **一、…**`, `### 三、…` or bold-only
 * lines, a contents block with tab-separated page numbers, paragraphs broken across lines, a
 * QR-code footer), so the reader is a small line-by-line state machine rather than a Markdown
 * parser. Input it cannot read is refused with a {@link DigestParseError} naming path and line.
 */
import { BadInputError } from '../../core/errors.js';
import type { Digest, DigestError, DigestSection } from '../verify/types.js';
import { countKeys, entryNumber, joiner, parseReference, parseReferenceDate } from './references.js';

/** The largest digest read: a day's digest is ~10 KB, so anything near this is not one. */
export const MAX_DIGEST_BYTES = 5 * 1024 * 1024;

/**
 * A digest that cannot be read (exit 3). `message` is one line, `<path>:<line>: <what is
 * wrong>`; `reason` is the part after the place.
 */
export class DigestParseError extends BadInputError {
  constructor(
    readonly path: string,
    readonly line: number | null,
    readonly reason: string,
  ) {
    super(`${path}${line === null ? '' : `:${line}`}: ${reason}`);
  }

  /** The error as the verifier's JSON reports it (the one-line message, place included). */
  toDigestError(): DigestError {
    return { path: this.path, line: this.line, message: this.message };
  }
}

/** The 1-based line of byte `offset` (counting `\n`; a lone `\r` ending is rare enough in PDF exports). */
function lineAtByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = bytes.indexOf(10); i !== -1 && i < offset; i = bytes.indexOf(10, i + 1)) line++;
  return line;
}

/**
 * Where a binary file shows: its first NUL, else its first control byte when such bytes (tab,
 * LF, FF and CR excepted) make up 1% of the file. -1 for text.
 */
function binaryAt(bytes: Uint8Array): number {
  if (bytes.includes(0)) return bytes.indexOf(0);
  const control = (b: number) => (b < 0x20 && b !== 9 && b !== 10 && b !== 12 && b !== 13) || b === 0x7f;
  const count = bytes.reduce((n, b) => (control(b) ? n + 1 : n), 0);
  return count > 0 && count * 100 >= bytes.length ? bytes.findIndex(control) : -1;
}

/**
 * GB18030 bytes that read as Chinese prose: nearly every two-byte character in the GB2312
 * area (common hanzi and full-width punctuation). UTF-8 Chinese misread as GB18030 also
 * decodes without error, but most of its pairs fall outside that area, so this tells a GBK
 * digest from a mixed or unknown encoding.
 */
function looksLikeGbChinese(bytes: Uint8Array): boolean {
  let pairs = 0;
  let common = 0;
  for (let i = 0; i < bytes.length;) {
    const lead = bytes[i] ?? 0;
    const trail = bytes[i + 1] ?? 0;
    if (lead < 0x80) i += 1;
    else if (trail >= 0x30 && trail <= 0x39) i += 4;
    else {
      pairs++;
      if (lead >= 0xa1 && lead <= 0xf7 && trail >= 0xa1 && trail <= 0xfe) common++;
      i += 2;
    }
  }
  return pairs >= 2 && common / pairs >= 0.9;
}

function decodeAs(encoding: 'utf-8' | 'gb18030', bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
}

/** The line of the first byte that is not UTF-8 (found through the replacement character). */
function firstBadUtf8Line(bytes: Uint8Array): number {
  const lossy = new TextDecoder('utf-8').decode(bytes);
  return lossy.slice(0, Math.max(0, lossy.indexOf('\uFFFD'))).split(/\r\n|\r|\n/).length;
}

/**
 * The digest's text: UTF-8 (a BOM stripped), else GB18030 when it reads as Chinese. Refuses
 * an oversize, UTF-16, binary, empty, mixed or unknown-encoding file, naming the line.
 */
export function decodeDigest(path: string, bytes: Uint8Array): string {
  const fail = (line: number | null, reason: string): never => {
    throw new DigestParseError(path, line, reason);
  };
  if (bytes.length > MAX_DIGEST_BYTES) {
    const mb = (bytes.length / 1024 / 1024).toFixed(1);
    fail(
      lineAtByte(bytes, MAX_DIGEST_BYTES),
      `too large: ${mb} MB, over the 5 MB limit (the limit falls on this line)`,
    );
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    fail(1, 'UTF-16 text (byte-order mark); save the digest as UTF-8');
  }
  const binary = binaryAt(bytes);
  if (binary >= 0) fail(lineAtByte(bytes, binary), 'binary file, not a text digest');
  const text =
    decodeAs('utf-8', bytes) ??
    (looksLikeGbChinese(bytes) ? decodeAs('gb18030', bytes) : null) ??
    fail(firstBadUtf8Line(bytes), 'not UTF-8 from this line, and not GB18030 Chinese either (mixed encodings?)');
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') fail(1, 'empty file');
  return body;
}

/** A heading, with its Markdown level (0: a bold-only or numbered line that stands as one). */
interface Heading {
  level: number;
  text: string;
}

/** Line text without inline markup (`**`, `<b>`, `<strong>`, `<br>`) and with whitespace collapsed. */
function cleanLine(raw: string): string {
  return raw
    .replace(/<\/?(?:b|strong|em|i|span|br)\b[^>]{0,100}>|\*\*|__/gi, '')
    .replace(/[\s\u3000\u00a0]+/g, ' ')
    .trim();
}

// A contents line: text, then a page number after a tab or a dot leader.
const TOC_LINE = /(?:\t\s*(?:<b>)?\s*\d{1,3}\s*(?:<\/b>)?|(?:\.{3,}|…{2,}|·{3,})\s*\d{1,3})\s*$/;
const ORDINAL = /^[一二三四五六七八九十]{1,3}、/;
const CONTENTS = /^(?:contents|table of contents|目\s*录)$/i;
const SUMMARY = /^(?:摘\s*要|导读|提要|概要|内容提要|内容摘要|今日要点|本期要点|summary|abstract)$/i;
const REFERENCES = /^(?:参考文献|参考资料|参考来源|资料来源|信息来源|引用来源|references|sources)$/i;

/** The heading `raw` is, if any: `#…`, a bold-only line, a short `七、…` line, a bare `参考文献`/`目录`/`摘要`. */
function headingOf(raw: string): Heading | null {
  const md = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(raw);
  if (md) return { level: md[1]?.length ?? 1, text: cleanLine((md[2] ?? '').replace(TOC_LINE, '')) };
  if (TOC_LINE.test(raw)) return null;
  const text = cleanLine(raw);
  const bold = /^\s*(?:\*\*|<b>|<strong>).+(?:\*\*|<\/b>|<\/strong>)\s*$/i.test(raw);
  const short = text.length <= 60 && !/[。；;]$/.test(text);
  const kind = kindText(text);
  const named = REFERENCES.test(kind) || CONTENTS.test(kind) || SUMMARY.test(kind);
  if (short && (bold || named || ORDINAL.test(text))) return { level: 0, text };
  return null;
}

// A heading's text as its kind is judged: no ordinal (七、, 7.) and no trailing colon.
function kindText(text: string): string {
  return text.replace(/^(?:[一二三四五六七八九十]{1,3}、|\d{1,2}[.、]\s*)/, '').replace(/[：:]\s*$/, '');
}

type State = 'front' | 'contents' | 'body' | 'refs' | 'after';

/** What the line-by-line reading has gathered so far. */
interface Walk {
  state: State;
  title: string | null;
  issueDate: string | null;
  sections: DigestSection[];
  refs: { line: number; raw: string }[];
  refsHeading: number | null;
  /** Entries of the contents block, to recognise its end: the first heading listed again. */
  toc: Set<string>;
  /** Blank lines since the last non-blank one. */
  blanks: number;
  /** Last line of the last paragraph, or of the last heading, of the body. */
  bodyEnd: number;
  /** Whether a non-blank line came before this one (a bold first line is the title). */
  seen: boolean;
  /**
   * The text of the last body or reference line. Broken paragraphs are judged and joined by
   * it, never by re-reading the growing text, which would make a huge digest quadratic.
   */
  tail: string;
}

function newWalk(): Walk {
  const empty = { title: null, issueDate: null, refsHeading: null, blanks: 0, bodyEnd: 0, seen: false, tail: '' };
  return { ...empty, state: 'front', sections: [], refs: [], toc: new Set() };
}

const tocKey = (raw: string): string => cleanLine(raw.replace(TOC_LINE, '')).replace(/\s+/g, '');

/** In the contents block: true when the line belongs to it, false when the body has begun. */
function contentsLine(w: Walk, raw: string): boolean {
  const key = tocKey(raw);
  if (/^\s{0,3}#{1,6}\s/.test(raw) || w.toc.has(key)) return false;
  w.toc.add(key);
  return true;
}

// The title: the first `#` heading before the body, or a heading on the file's first line;
// never a numbered one (`一、…` opens a section even when the title is missing).
function isTitle(w: Walk, heading: Heading): boolean {
  if (w.title !== null || w.sections.length > 0 || ORDINAL.test(heading.text)) return false;
  return heading.level === 1 || !w.seen;
}

function headingLine(w: Walk, heading: Heading, n: number): void {
  const kind = kindText(heading.text);
  if (REFERENCES.test(kind)) {
    w.state = 'refs';
    w.refsHeading = n;
  } else if (CONTENTS.test(kind)) w.state = 'contents';
  else if (SUMMARY.test(kind)) w.state = 'front';
  else if (isTitle(w, heading)) w.title = heading.text;
  else {
    w.sections.push({ heading: heading.text, line: n, paragraphs: [] });
    w.state = 'body';
    w.bodyEnd = n;
  }
}

// Lines that start a list item never continue the paragraph above them.
const LIST_ITEM = /^\s*(?:[-*+•·]\s|\d{1,3}[.、)）](?!\d)|[（(][一二三四五六七八九十\d]{1,3}[)）])/;
// Ends a paragraph: the PDF conversion breaks lines mid-sentence, never after these.
const TERMINAL = /[。！？!?；;：:….”’」』）)】]$/;

/** A body line: a new paragraph, or the rest of one the conversion broke (line breaks kept). */
function bodyLine(w: Walk, raw: string, n: number): void {
  const section = w.sections.at(-1);
  if (!section) return;
  const text = cleanLine(raw);
  const last = section.paragraphs.at(-1);
  if (last && w.bodyEnd > section.line && w.blanks <= 1 && !TERMINAL.test(w.tail) && !LIST_ITEM.test(raw)) {
    // Keep one '\n' per file line so an offset in the text still maps to its line.
    last.text += '\n'.repeat(n - w.bodyEnd) + text;
  } else {
    section.paragraphs.push({ line: n, text });
  }
  w.bodyEnd = n;
  w.tail = text;
}

/** A line of the reference list: an entry, the rest of one, or the first line after the list. */
function refLine(w: Walk, raw: string, n: number): void {
  if (/^\s{0,3}#{1,6}\s/.test(raw)) {
    w.state = 'after';
    return;
  }
  const text = cleanLine(raw);
  const last = w.refs.at(-1);
  if (entryNumber(text)) w.refs.push({ line: n, raw: text });
  else if (last && (w.blanks === 0 || countKeys(text) > 0)) last.raw += joiner(w.tail, text) + text;
  else {
    if (last) w.state = 'after'; // the footer (QR code, contacts) after the list
    return;
  }
  w.tail = text;
}

/** The issue date when `raw` is a dateline (`2026 年 6 月 9 日`, maybe with a weekday or issue number). */
function dateline(raw: string): string | null {
  const compact = cleanLine(raw).replace(/\s+/g, '');
  const m = /\d{4}年\d{1,2}月\d{1,2}日|\d{4}[-./]\d{1,2}[-./]\d{1,2}/.exec(compact);
  if (!m || compact.length - m[0].length > 12) return null;
  const date = parseReferenceDate(m[0]);
  return date?.precision === 'day' ? date.value : null;
}

// Whitespace runs collapsed first (a tab kept: it marks a contents line's page number), so no
// pattern backtracks over a long run of spaces.
const spaced = (raw: string) => raw.replace(/[\s\u3000\u00a0]+/g, (run) => (run.includes('\t') ? '\t' : ' '));

function step(w: Walk, raw: string, n: number): void {
  if (w.state === 'refs') return refLine(w, raw, n);
  if (w.state === 'contents' && contentsLine(w, raw)) return;
  if (w.state === 'contents') w.state = 'front';
  const heading = headingOf(raw);
  if (heading) return headingLine(w, heading, n);
  if (TOC_LINE.test(raw)) return; // a stray contents line outside the block
  if (w.state === 'front') {
    w.issueDate ??= dateline(raw);
    return;
  }
  if (countKeys(cleanLine(raw)) >= 2 && entryNumber(cleanLine(raw))) {
    // A reference list with no heading above it.
    w.state = 'refs';
    return refLine(w, raw, n);
  }
  bodyLine(w, raw, n);
}

/**
 * Parse a digest file. Throws {@link DigestParseError} for a file that is too large, binary,
 * empty, in a mixed or unknown encoding, or has no reference list (at the line where the body
 * ended). Entries are read leniently: one without 标题 keeps `title: null` for the verifier to
 * report (see {@link assertReferenceTitles} to refuse it instead).
 */
export function parseDigest(path: string, bytes: Buffer): Digest {
  const lines = decodeDigest(path, bytes).split(/\r\n|\r|\n/);
  const w = newWalk();
  lines.forEach((raw, i) => {
    if (w.state === 'after') return;
    if (raw.trim() === '') {
      w.blanks++;
      return;
    }
    step(w, spaced(raw), i + 1);
    w.blanks = 0;
    w.seen = true;
  });
  if (w.refs.length === 0) {
    if (w.refsHeading !== null) {
      throw new DigestParseError(path, w.refsHeading, 'the reference section has no numbered entries');
    }
    const end = w.bodyEnd || lines.findLastIndex((l) => l.trim() !== '') + 1;
    throw new DigestParseError(path, end, 'no reference section (参考文献) after the body, which ends here');
  }
  const references = w.refs.map((r) => parseReference(r.raw, r.line));
  return { path, title: w.title, issueDate: w.issueDate, sections: w.sections, references };
}

/**
 * Refuse a digest with an entry that names no title (the issue lists "a reference line with
 * no title" under exit 3). The parser itself keeps such entries; the caller chooses.
 */
export function assertReferenceTitles(digest: Digest): void {
  const untitled = digest.references.find((r) => r.title === null);
  if (untitled) {
    throw new DigestParseError(digest.path, untitled.line, `reference ${untitled.index} has no title (标题)`);
  }
}
