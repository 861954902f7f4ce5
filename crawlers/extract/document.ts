import * as cheerio from 'cheerio';
import { decodeBuffer, getEncoding } from 'encoding-sniffer';
import type { FetchedDocument, RequestData } from './types.js';

/**
 * The charset named in a Content-Type header, if any. Sniffing falls back to `<meta charset>`
 * / `http-equiv`, then a BOM, then UTF-8 (the WHATWG rules cheerio.loadBuffer uses): people.com.cn
 * declares GB2312 only in `<meta>`, which got-scraping's header-only decoding gets wrong.
 */
export function headerCharset(contentType: string | undefined): string | undefined {
  return /charset\s*=\s*["']?([\w-]+)/i.exec(contentType ?? '')?.[1];
}

/**
 * Pages are parsed with htmlparser2 (cheerio's documented `xml: { xmlMode: false }`), as
 * crawlee's CheerioCrawler does, rather than cheerio.load's default parse5: about 4× faster on
 * these pages, and parsing was the crawl's largest cost (issue #3's bench). It does not build
 * the WHATWG tree (no implied `<tbody>`, no moving of misplaced tags), which no selector here
 * relies on: every parser gives the same result either way on every fixture and real page
 * (test/crawlers/html-parser.test.ts).
 */
export const HTMLPARSER2 = { xml: { xmlMode: false } } as const;

/** Which HTML parser builds a document's tree: parse5 only to check that the choice changes nothing. */
export type HtmlParser = 'htmlparser2' | 'parse5';

const GB_FAMILY = /^(gb2312|gbk|gb18030|x-gbk|csgb2312|chinese)$/i;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The body as text when its bytes are valid UTF-8, else undefined. */
function utf8Text(body: Buffer): string | undefined {
  try {
    return strictUtf8.decode(body);
  } catch {
    return undefined;
  }
}

function isUtf8(body: Buffer): boolean {
  return utf8Text(body) !== undefined;
}

/**
 * The charset to trust, given the header's. Chinese sites mislabel pages both ways
 * (sources.md §7.4): bytes that are valid UTF-8 with non-ASCII text are UTF-8 whatever a
 * GB-family header says (GBK text is practically never valid UTF-8), and a page labelled UTF-8
 * whose bytes are not UTF-8 falls back to its `<meta>`, then GB18030.
 */
export function effectiveCharset(
  headerLabel: string | undefined,
  body: Buffer,
  utf8 = isUtf8(body),
): string | undefined {
  if (!headerLabel) return undefined;
  if (GB_FAMILY.test(headerLabel) && utf8 && body.some((b) => b >= 0x80)) return 'utf-8';
  if (/^utf-?8$/i.test(headerLabel) && !utf8) return undefined;
  return headerLabel;
}

/** Build the document a parser sees, decoding lazily and once. */
export function makeDocument(
  url: string,
  status: number,
  headers: Record<string, string>,
  body: Buffer,
  userData: RequestData = {},
  htmlParser: HtmlParser = 'htmlparser2',
): FetchedDocument {
  const asUtf8 = utf8Text(body);
  const utf8 = asUtf8 !== undefined;
  const label = effectiveCharset(headerCharset(headers['content-type']), body, utf8);
  // Without a declared charset: UTF-8 when the bytes are UTF-8 (what JSON and XML require, and
  // what every source here uses unless its <meta> or a BOM says otherwise), else GB18030 —
  // never the WHATWG default windows-1252, which no source here uses.
  const fallback = utf8 ? 'utf-8' : 'gb18030';
  const sniff = { defaultEncoding: fallback, ...(label ? { transportLayerEncodingLabel: label } : {}) };
  let $: cheerio.CheerioAPI | undefined;
  let text: string | undefined;
  // What cheerio.loadBuffer does (sniff, then decode), decoding UTF-8 only once: the check
  // above already produced the text.
  const decode = () =>
    (text ??= asUtf8 !== undefined && /^utf-?8$/i.test(getEncoding(body, sniff)) ? asUtf8 : decodeBuffer(body, sniff));
  return {
    url,
    status,
    headers,
    body,
    userData,
    $: () => ($ ??= cheerio.load(decode(), { baseURI: url, ...(htmlParser === 'htmlparser2' ? HTMLPARSER2 : {}) })),
    text: decode,
  };
}
