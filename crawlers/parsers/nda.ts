import { inWindow } from '../extract/parser-helpers.js';
import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode } from 'domhandler';
import type { Attachment } from '../../db/tables/article.table.js';
import { dateCandidate, dayCandidate, type DateCandidate } from '../../pipeline/dates/candidates.js';
import { LayoutChangedError } from '../errors.js';
import {
  cleanText,
  findDocNumber,
  firstMatch,
  metaContent,
  requireMatch,
  squash,
  stripSourceLabel,
} from '../extract/text.js';
import type {
  ArticleExtract,
  CrawlRequest,
  DiscoverContext,
  Discovery,
  FetchedDocument,
  SourceParser,
} from '../extract/types.js';
import { nda } from '../sources/nda.js';
import { followNext, lastPageFromScript, listPageNumber, listPageUrl, listRows } from './nda-list.js';
import { signingBody } from '../extract/sign-off.js';

const sel = nda.selectors;

// `/<MMDD>/<YYYY><MM><DD>…_pc.html`: the folder is the release day, the id only gives the year.
const FOLDER_AND_ID = /\/(\d{2})(\d{2})\/(\d{4})(\d{2})\d{17}_(?:pc|mobile)\.html$/;

/** Page 1 of every column list in the source file. */
function start(): CrawlRequest[] {
  return nda.discovery.map((entry) => ({
    url: entry.url,
    label: entry.label,
    userData: { page: 1, extra: { column: entry.name } },
  }));
}

/** A column list page → its articles (inside the window) and the next page when warranted. */
function discover(doc: FetchedDocument, ctx: DiscoverContext): Discovery {
  const $ = doc.$();
  const rows = listRows($, doc.url);
  const page = listPageNumber(doc.url, doc.userData.page);
  const articles: CrawlRequest[] = rows
    .filter((row) => inWindow(row.date, ctx.since))
    .map((row) => ({
      url: row.url,
      label: 'ARTICLE',
      userData: { listTitle: row.title, ...(row.date ? { listDate: row.date } : {}), extra: doc.userData.extra ?? {} },
    }));
  const next: CrawlRequest[] = followNext(rows, page, lastPageFromScript($), ctx)
    ? [
        {
          url: listPageUrl(doc.url, page + 1),
          label: 'LIST',
          userData: { page: page + 1, extra: doc.userData.extra ?? {} },
        },
      ]
    : [];
  return { articles, next, itemsFound: rows.length };
}

/** An article page (`_pc` or its `_mobile` twin) → its fields; the same id gives the same native id. */
function article(doc: FetchedDocument): ArticleExtract {
  const $ = doc.$();
  const nativeId = nda.nativeId.pattern.exec(new URL(doc.url).pathname)?.[1];
  if (!nativeId) throw new LayoutChangedError('not an NDA article URL (no 23-digit id)', doc.url);
  const title = metaContent($, sel.titleMeta) ?? squash(requireMatch($, sel.title, 'title', doc.url).text());
  const body = requireMatch($, sel.body, 'body', doc.url);
  const bodyText = cleanText(body, sel.bodyNoise);
  return {
    nativeId,
    url: doc.url,
    title,
    dates: dates($, doc),
    originalOutlet: outlet($),
    issuer: signingBody(bodyText),
    docNumber: findDocNumber(bodyText),
    bodyText,
    attachments: attachments($, body, doc.url),
    language: 'zh',
  };
}

function dates($: CheerioAPI, doc: FetchedDocument): DateCandidate[] {
  const found = [
    dateCandidate('meta', 'meta[name=PubDate]', metaContent($, sel.pubDateMeta)),
    doc.userData.listDate,
    folderDate(doc.url),
  ];
  return found.filter((d): d is DateCandidate => d !== undefined);
}

/**
 * The MMDD folder as a day, with the year of the id timestamp (the id alone is the CMS creation
 * time, never the publish date). A folder more than six months before the id's month belongs to
 * the next year (an id created in late December, released in January).
 */
export function folderDate(url: string): DateCandidate | undefined {
  const m = FOLDER_AND_ID.exec(new URL(url).pathname);
  if (!m) return undefined;
  const [, mm, dd, yyyy, idMonth] = m.map(Number) as [number, number, number, number, number];
  const year = mm < idMonth - 6 ? yyyy + 1 : yyyy;
  return dayCandidate('url', 'URL folder MMDD + id year', `${m[1]}${m[2]}/${m[3]}`, year, mm, dd);
}

/** ContentSource meta, else the `来源：` line, else the NDA itself (an empty `来源：` is no outlet). */
function outlet($: CheerioAPI): string {
  return metaContent($, sel.sourceMeta) ?? (stripSourceLabel(firstMatch($, sel.source)?.text() ?? '') || nda.name);
}

/** Attachment links resolved against the page: their names are not derivable from the id. */
function attachments($: CheerioAPI, body: Cheerio<AnyNode>, pageUrl: string): Attachment[] {
  let links: Cheerio<AnyNode> | undefined;
  for (const selector of sel.attachments) if (!links?.length) links = body.find(selector);
  const out: Attachment[] = [];
  links?.each((_, a) => {
    const url = resolve($(a).attr('href'), pageUrl);
    if (url) out.push({ url, name: squash($(a).text()) });
  });
  return out;
}

function resolve(href: string | undefined, base: string): string | undefined {
  if (!href) return undefined;
  try {
    return new URL(href, base).href;
  } catch {
    return undefined; // a malformed href is no attachment
  }
}

/** The NDA parser: static column lists with `totalData` pagination, TRS article meta. */
export const ndaParser: SourceParser = { start, discover, article };
