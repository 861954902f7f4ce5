import type { Db } from '../../db/database.js';
import type { SourceDefinition } from '../../crawlers/sources/schema.js';
import { checkSection, sectionReferences, unsupportedSections, type SourceText } from './claims-check.js';
import type { Lang } from './messages.js';
import { verifyReference } from './verify-reference.js';
import {
  VERIFICATION_STATUSES,
  type Digest,
  type DigestReport,
  type ReferenceCheck,
  type VerificationStatus,
} from './types.js';

/** Check every reference of a digest, then its body's claims against what the references matched. */
export async function verifyDigest(
  db: Db,
  digest: Digest,
  registry: readonly SourceDefinition[],
  lang: Lang,
): Promise<DigestReport> {
  const references: ReferenceCheck[] = [];
  for (const ref of digest.references) {
    references.push(await verifyReference(ref, { db, registry, lang, issueDate: digest.issueDate }));
  }
  const sources = await sourceTexts(db, references);
  const bySection = new Map(digest.sections.map((s) => [s.heading, sectionReferences(s, digest.references)]));
  const claims = digest.sections.flatMap((s) => checkSection(s, bySection.get(s.heading) ?? [], sources));
  return {
    path: digest.path,
    title: digest.title,
    issueDate: digest.issueDate,
    references,
    claims,
    unsupportedSections: unsupportedSections(digest.sections, bySection, references),
    counts: countStatuses(references),
  };
}

/** How many references ended in each status (every status present, zero or not). */
export function countStatuses(checks: readonly ReferenceCheck[]): Record<VerificationStatus, number> {
  const counts = Object.fromEntries(VERIFICATION_STATUSES.map((s) => [s, 0])) as Record<VerificationStatus, number>;
  for (const c of checks) counts[c.status]++;
  return counts;
}

/** Title and body of each matched article (only found ones carry evidence for claims). */
async function sourceTexts(db: Db, checks: readonly ReferenceCheck[]): Promise<SourceText[]> {
  const urls = checks.filter((c) => c.match && c.status !== 'not_found').map((c) => c.match!.url);
  if (urls.length === 0) return [];
  const rows = await db
    .selectFrom('articles')
    .select(['canonical_url', 'title', 'body_text'])
    .where('canonical_url', 'in', urls)
    .execute();
  return checks.flatMap((c) => {
    const row = c.match ? rows.find((r) => r.canonical_url === c.match!.url) : undefined;
    return row
      ? [{ referenceIndex: c.index, title: row.title, body: row.body_text, publishedDate: c.match!.publishedDate }]
      : [];
  });
}
