import type { ArticleRow } from '../db/tables/article.table.js';
import { shanghaiDay } from './dates/candidates.js';

/** One article as exported by `sourcecheck articles` (a stable, documented shape). */
export interface ExportedArticle {
  source: string;
  nativeId: string;
  url: string;
  aliasUrls: string[];
  title: string;
  /** ISO 8601 with offset (+08:00: displayed in Beijing time). */
  publishedAt: string | null;
  /** The calendar day in Asia/Shanghai. */
  publishedDate: string | null;
  datePrecision: string | null;
  dateEvidence: Record<string, unknown>;
  /** The 来源 / ContentSource the page credits: the outlet the piece was copied from. */
  originalSource: string | null;
  /** The issuing body (发文机关 / 发布机关 / the sign-off), e.g. 国务院 on a reposted State Council document. */
  issuer: string | null;
  docNumber: string | null;
  language: string | null;
  storyId: string | null;
  firstSeenAt: string;
  lastSeenAt: string;
}

/** The export shape of a stored article. Times are shown in Beijing time (+08:00). */
export function exportArticle(row: ArticleRow): ExportedArticle {
  const published = row.published_at ? beijingIso(row.published_at) : null;
  return {
    source: row.source_id,
    nativeId: row.native_id,
    url: row.canonical_url,
    aliasUrls: row.alias_urls,
    title: row.title,
    publishedAt: published,
    publishedDate: published ? shanghaiDay(published) : null,
    datePrecision: row.date_precision,
    dateEvidence: row.date_evidence,
    originalSource: row.original_outlet,
    issuer: row.issuer,
    docNumber: row.doc_number,
    language: row.language,
    // pg returns bigint as a string, PGlite as a number: the export is always a string.
    storyId: row.story_id === null ? null : String(row.story_id),
    firstSeenAt: row.first_seen_at.toISOString(),
    lastSeenAt: row.last_seen_at.toISOString(),
  };
}

/** An instant as ISO 8601 in Beijing time, e.g. `2026-06-08T10:30:00+08:00`. */
export function beijingIso(at: Date): string {
  const shifted = new Date(at.getTime() + 8 * 3600_000)
    .toISOString()
    .replace(/\.000Z$/, '')
    .replace(/Z$/, '');
  return `${shifted}+08:00`;
}

const CSV_COLUMNS: (keyof ExportedArticle)[] = [
  'source',
  'nativeId',
  'url',
  'aliasUrls',
  'title',
  'publishedAt',
  'publishedDate',
  'datePrecision',
  'originalSource',
  'docNumber',
  'language',
  'storyId',
  'issuer', // added after the first release: appended so column positions stay stable
];

/** CSV (RFC 4180: quoted fields, doubled quotes, CRLF), arrays joined by a space. */
export function toCsv(rows: readonly ExportedArticle[]): string {
  const cell = (v: unknown) => {
    const text = Array.isArray(v) ? v.join(' ') : v === null || v === undefined ? '' : String(v);
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return (
    [CSV_COLUMNS.join(','), ...rows.map((r) => CSV_COLUMNS.map((c) => cell(r[c])).join(','))].join('\r\n') + '\r\n'
  );
}
