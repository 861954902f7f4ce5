import * as cheerio from 'cheerio';
import { decodeBuffer } from 'encoding-sniffer';
import type { FetchedDocument, RequestData } from './types.js';

/**
 * The charset named in a Content-Type header, if any. Sniffing falls back to `<meta charset>`
 * / `http-equiv`, then a BOM, then UTF-8 (the WHATWG rules cheerio.loadBuffer uses): people.com.cn
 * declares GB2312 only in `<meta>`, which got-scraping's header-only decoding gets wrong.
 */
export function headerCharset(contentType: string | undefined): string | undefined {
  return /charset\s*=\s*["']?([\w-]+)/i.exec(contentType ?? '')?.[1];
}

/** Build the document a parser sees, decoding lazily and once. */
export function makeDocument(
  url: string,
  status: number,
  headers: Record<string, string>,
  body: Buffer,
  userData: RequestData = {},
): FetchedDocument {
  const label = headerCharset(headers['content-type']);
  // Without a declared charset, UTF-8 (what JSON and XML require, and what every source here
  // uses unless its <meta> or a BOM says otherwise) rather than the WHATWG windows-1252.
  const sniff = { defaultEncoding: 'utf-8', ...(label ? { transportLayerEncodingLabel: label } : {}) };
  let $: cheerio.CheerioAPI | undefined;
  let text: string | undefined;
  return {
    url,
    status,
    headers,
    body,
    userData,
    $: () => ($ ??= cheerio.loadBuffer(body, { encoding: sniff, baseURI: url })),
    text: () => (text ??= decodeBuffer(body, sniff)),
  };
}
