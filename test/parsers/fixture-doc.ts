import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { makeDocument } from '../../crawlers/extract/document.js';
import type { FetchedDocument, RequestData } from '../../crawlers/extract/types.js';
import { contentTypeFor } from '../replay/routes.js';

const SITES = new URL('../fixtures/sites/', import.meta.url).pathname;
/** The real pages, copied into the repo byte for byte (test/fixtures/real/README.md). */
export const REAL_PAGES = new URL('../fixtures/real/', import.meta.url).pathname;

/**
 * A document as the engine would hand it to a parser, read from a replayed site's file.
 * `realUrl` is the page's real URL; `file` is the path inside `test/fixtures/sites/<host>/`
 * (defaults to the URL path, with `index.html` for a trailing slash).
 */
export function fixtureDoc(
  realUrl: string,
  options: { file?: string; userData?: RequestData; contentType?: string } = {},
): FetchedDocument {
  const url = new URL(realUrl);
  const rel = options.file ?? (url.pathname.endsWith('/') ? `${url.pathname}index.html` : url.pathname);
  const body = readFileSync(`${SITES}${url.hostname}/${rel.replace(/^\//, '')}`);
  return makeDocument(
    realUrl,
    200,
    { 'content-type': options.contentType ?? contentTypeFor(rel) },
    body,
    options.userData,
  );
}

/** A document from `test/fixtures/real/<file>` (gunzipped when it ends in .gz). */
export function realPageDoc(realUrl: string, file: string, contentType = 'text/html'): FetchedDocument {
  const raw = readFileSync(`${REAL_PAGES}${file}`);
  return makeDocument(realUrl, 200, { 'content-type': contentType }, file.endsWith('.gz') ? gunzipSync(raw) : raw);
}

/** The `_expected.json` labels of a replayed host. */
export function expectedArticles(host: string): ExpectedArticle[] {
  return (JSON.parse(readFileSync(`${SITES}${host}/_expected.json`, 'utf8')) as { articles: ExpectedArticle[] })
    .articles;
}

/** One labelled article (see test/fixtures/sites/FORMAT.md). */
export interface ExpectedArticle {
  source: string;
  url: string;
  aliasUrls: string[];
  nativeId: string;
  title: string;
  publishedAt: string | null;
  publishedDate: string | null;
  datePrecision: string | null;
  /** The 来源 / ContentSource the page credits. */
  originalSource: string | null;
  /** The issuing body: 发文机关 / 发布机关, else the sign-off. */
  issuer: string | null;
  docNumber: string | null;
  provenance: 'real' | 'synthetic';
  notes?: string;
}
