import type { Db } from '../database.js';
import type { Digest, DigestReport } from '../../pipeline/verify/types.js';

/**
 * Keep a digest's check so history can be queried: the digest (path and content hash), its
 * references, and one verification row per reference, all in one transaction.
 */
export async function storeDigestReport(db: Db, digest: Digest, sha256: string, report: DigestReport): Promise<string> {
  const run = async (trx: Db) => {
    const { id } = await trx
      .insertInto('digests')
      .values({ path: digest.path, sha256, title: digest.title, issue_date: digest.issueDate })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const check of report.references) {
      const ref = digest.references.find((r) => r.index === check.index)!;
      const stored = await trx
        .insertInto('digest_references')
        .values({
          digest_id: id,
          index: ref.index,
          line: ref.line,
          outlets: ref.outlets,
          title: ref.title,
          date_text: ref.date?.text ?? null,
          purpose: ref.purpose,
          raw: ref.raw,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const article = check.match
        ? await trx.selectFrom('articles').select('id').where('canonical_url', '=', check.match.url).executeTakeFirst()
        : undefined;
      await trx
        .insertInto('verifications')
        .values({
          reference_id: stored.id,
          status: check.status,
          article_id: article?.id ?? null,
          scores: JSON.stringify(check.scores ?? {}),
          reasons: JSON.stringify(check.reasons),
          runner_up: check.runnerUp ? JSON.stringify(check.runnerUp) : null,
        })
        .execute();
    }
    return id;
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}
