import type { Db } from '../../db/database.js';
import { upsertArticle, type ArticleInput, type UpsertOutcome } from '../../db/repositories/article.repository.js';
import { chooseDate } from '../../pipeline/dates/choose.js';
import { documentDate } from '../../pipeline/dates/text-dates.js';
import type { SourceDefinition } from '../sources/schema.js';
import type { ArticleExtract } from '../extract/types.js';

/**
 * Store one extracted article: choose its publication date by the source's precedence (the
 * chosen candidate, all others and the reason go into `date_evidence`) and upsert it by
 * (source, native id).
 */
export async function storeExtract(
  db: Db,
  source: SourceDefinition,
  extract: ArticleExtract,
  pageId: string | null,
): Promise<UpsertOutcome> {
  const { outcome } = await upsertArticle(db, toArticleInput(source, extract, pageId));
  return outcome;
}

/** The row to upsert for an extract: its date chosen by the source's precedence, with the evidence. */
export function toArticleInput(source: SourceDefinition, extract: ArticleExtract, pageId: string | null): ArticleInput {
  const date = chooseDate(extract.dates, source.datePrecedence);
  // The document's own (signing) date is kept beside the publication date, never instead of it.
  const signed = documentDate(extract.bodyText);
  return {
    sourceId: source.id,
    nativeId: extract.nativeId,
    url: extract.url,
    aliasUrls: extract.aliasUrls ?? [],
    title: extract.title,
    publishedAt: date.publishedAt,
    datePrecision: date.precision,
    dateEvidence: { ...date.evidence, documentDate: signed ?? null },
    originalOutlet: extract.originalOutlet,
    issuer: extract.issuer,
    docNumber: extract.docNumber,
    bodyText: extract.bodyText,
    language: extract.language,
    attachments: extract.attachments,
    pageId,
  };
}
