import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { z } from 'zod';
import { makeDocument } from '../../crawlers/extract/document.js';
import type { ArticleExtract, DiscoverContext, FetchedDocument } from '../../crawlers/extract/types.js';
import { parsers } from '../../crawlers/parsers/index.js';
import { findSource } from '../../crawlers/sources/index.js';
import { DATE_KINDS, dateCandidate } from '../../pipeline/dates/candidates.js';
import { chooseDate } from '../../pipeline/dates/choose.js';
import { contentTypeFor } from '../replay/routes.js';

/**
 * The labelled corpus of the pipeline evaluation (test/golden/, see its README.md): schemas,
 * loading with cross-checks, and the documents and extracts the parsers make of its pages.
 */

/** The repository root (this file lives in test/eval/). */
export const REPO_ROOT = new URL('../../', import.meta.url).pathname;
/** The real pages, copied into the repo byte for byte (test/fixtures/real/README.md). */
export const REAL_PAGES = new URL('../fixtures/real/', import.meta.url).pathname;
/** The labelled pages and the labelled dedupe pairs. */
export const CORPUS_FILE = 'test/golden/pipeline-corpus.json';
export const PAIRS_FILE = 'test/golden/dedupe-pairs.json';

/** A `file` with this prefix names a page under test/fixtures/real/. */
const REAL = 'real:';
/** Discovery without a date window or a page cap. */
export const ALL: DiscoverContext = { since: new Date('2000-01-01T00:00:00Z'), maxPages: 100 };
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const pageRef = z.strictObject({
  source: z.enum(['nda', 'cac', 'cnr', 'reuters', 'govcn', 'mee', 'rmrb']),
  url: z.url(),
  /** Repo-relative path, or `real:<path>` for a page in test/fixtures/real/ (gunzipped when it ends in .gz). */
  file: z.string().min(1),
  contentType: z.string().optional(),
  /** `sitemap-record`: the page is a sitemap slice fetched at `pageUrl`; the record for `url` is scored. */
  extract: z.enum(['article', 'sitemap-record']).optional(),
  pageUrl: z.url().optional(),
  /** The date the article's row shows on its list page, handed over as the engine would. */
  listDate: z
    .strictObject({ kind: z.enum(DATE_KINDS), field: z.string(), raw: z.string(), list: z.string() })
    .optional(),
});
const articleEntry = pageRef.extend({
  id: z.string().regex(/^[a-z0-9-]+$/),
  /** The day the page was captured, where its provenance says; otherwise the run's clock is the bound. */
  capturedAt: day.optional(),
  trap: z.string().min(1),
  expected: z.strictObject({
    title: z.string().min(1),
    publishedDate: day.nullable(),
    publishedAt: z.string().nullable().optional(),
    /** The 来源 / ContentSource the page credits (`originalSource` in the fixtures' labels). */
    outlet: z.string().nullable(),
    /** The issuing body: 发文机关 / 发布机关, else the sign-off. */
    issuer: z.string().nullable(),
    story: z.string().min(1),
    event: z.string().optional(),
  }),
});
const listEntry = pageRef.extend({
  id: z.string().regex(/^[a-z0-9-]+$/),
  capturedAt: day.optional(),
  trap: z.string().min(1),
  expected: z.strictObject({ items: z.number().int(), dates: z.array(day), firstTitle: z.string().min(1) }),
});
const corpusSchema = z.strictObject({
  version: z.literal(1),
  about: z.string(),
  articles: z.array(articleEntry),
  lists: z.array(listEntry),
});
const pairSchema = z.strictObject({
  a: z.union([z.string(), pageRef]),
  b: z.union([z.string(), pageRef]),
  duplicate: z.boolean(),
  /** Two reports of one event: not a dedupe target, left out of precision and recall. */
  sameEvent: z.literal(true).optional(),
  /** How much of the text the two share when it is not (nearly) all of it. */
  bodyLevel: z.enum(['excerpt', 'partial', 'different']).optional(),
  why: z.string().min(1),
});
const pairsSchema = z.strictObject({ version: z.literal(1), about: z.string(), pairs: z.array(pairSchema) });

/** A page to parse (a corpus entry or a page named only by a pair). */
export type PageRef = z.infer<typeof pageRef>;
/** A labelled article page. */
export type ArticleEntry = z.infer<typeof articleEntry>;
/** A labelled dedupe pair. */
export type LabelledPair = z.infer<typeof pairSchema>;
/** The corpus and the pairs, validated and cross-checked. */
export interface Golden {
  articles: ArticleEntry[];
  lists: z.infer<typeof listEntry>[];
  pairs: LabelledPair[];
}

/** Absolute path of a corpus `file`. */
export function resolveFile(file: string): string {
  return file.startsWith(REAL) ? `${REAL_PAGES}${file.slice(REAL.length)}` : `${REPO_ROOT}${file}`;
}

/** A pair's label must agree with the corpus: known ids, story keys, event keys. */
function checkPair(p: LabelledPair, byId: ReadonlyMap<string, ArticleEntry>): string | undefined {
  const [a, b] = [p.a, p.b].map((r) => (typeof r === 'string' ? byId.get(r) : r));
  if (!a || !b) return 'unknown corpus id';
  const [ea, eb] = [p.a, p.b].map((r) => (typeof r === 'string' ? byId.get(r)?.expected : undefined));
  if (p.sameEvent && (p.duplicate || !ea?.event || ea.event !== eb?.event)) return 'sameEvent needs one event key';
  if (ea && eb && p.duplicate !== (ea.story === eb.story)) return `duplicate=${p.duplicate} disagrees with the stories`;
  return undefined;
}

/** Load and validate the corpus and the pairs; a pair's label must agree with the story keys. */
export function loadGolden(): Golden {
  const corpus = corpusSchema.parse(JSON.parse(readFileSync(resolveFile(CORPUS_FILE), 'utf8')));
  const { pairs } = pairsSchema.parse(JSON.parse(readFileSync(resolveFile(PAIRS_FILE), 'utf8')));
  const byId = new Map(corpus.articles.map((a) => [a.id, a]));
  if (byId.size !== corpus.articles.length) throw new Error(`${CORPUS_FILE}: duplicate ids`);
  for (const [i, p] of pairs.entries()) {
    const problem = checkPair(p, byId);
    if (problem) throw new Error(`${PAIRS_FILE} pair #${i + 1} (${refKey(p.a)} ~ ${refKey(p.b)}): ${problem}`);
  }
  return { articles: corpus.articles, lists: corpus.lists, pairs };
}

/** Every file the evaluation reads, by the name the corpus uses (for the corpus fingerprint). */
export function goldenInputs(golden: Golden): { name: string; path: string }[] {
  const refs = [...golden.articles, ...golden.lists, ...golden.pairs.flatMap((p) => [p.a, p.b])];
  const files = new Set(refs.flatMap((r) => (typeof r === 'string' ? [] : [r.file])));
  return [CORPUS_FILE, PAIRS_FILE, ...[...files].sort()].map((name) => ({ name, path: resolveFile(name) }));
}

/** The document the engine would hand to the parser for this page. */
export function pageDoc(ref: PageRef): FetchedDocument {
  const raw = readFileSync(resolveFile(ref.file));
  const body = ref.file.endsWith('.gz') ? gunzipSync(raw) : raw;
  const contentType = ref.contentType ?? contentTypeFor(ref.file.replace(/\.gz$/, ''));
  const listDate = ref.listDate && dateCandidate(ref.listDate.kind, ref.listDate.field, ref.listDate.raw);
  const userData = listDate ? { listDate } : {};
  return makeDocument(ref.pageUrl ?? ref.url, 200, { 'content-type': contentType }, body, userData);
}

/** Run the source's parser on the page: an article page, or one record of a sitemap slice. */
export function extractPage(ref: PageRef): ArticleExtract {
  const parser = parsers[ref.source];
  if (!parser) throw new Error(`no parser for ${ref.source}`);
  if (ref.extract !== 'sitemap-record') return parser.article(pageDoc(ref));
  const record = parser.discover(pageDoc(ref), ALL).records?.find((r) => r.url === ref.url);
  if (!record) throw new Error(`no sitemap record for ${ref.url} in ${ref.file}`);
  return record;
}

/** What the pipeline made of one page: the extract and the chosen publication instant. */
export interface Parsed {
  extract: ArticleExtract;
  publishedAt: string | null;
}

/** Parse a page and choose its date by the source's precedence. */
export function parsePage(ref: PageRef): Parsed {
  const extract = extractPage(ref);
  const precedence = findSource(ref.source)?.datePrecedence ?? [];
  return { extract, publishedAt: chooseDate(extract.dates, precedence).publishedAt };
}

/** The key of a pair side: the corpus id, or `source:url@file` for a page named only by the pair. */
export const refKey = (r: string | PageRef): string => (typeof r === 'string' ? r : `${r.source}:${r.url}@${r.file}`);
