import type { Db } from '../../db/database.js';
import type { ArticleInput } from '../../db/repositories/article.repository.js';

let n = 0;

/** An article as a crawl would store it, with a fresh native id; `extra` overrides any field. */
export function article(
  sourceId: string,
  title: string,
  body: string,
  extra: Partial<ArticleInput> = {},
): ArticleInput {
  n++;
  return {
    sourceId,
    nativeId: `t${n}`,
    url: `https://example.invalid/${sourceId}/t${n}`,
    aliasUrls: [],
    title,
    publishedAt: '2026-06-08T10:00:00+08:00',
    datePrecision: 'minute',
    dateEvidence: {},
    originalOutlet: null,
    issuer: null,
    docNumber: null,
    bodyText: body,
    language: 'zh',
    attachments: [],
    pageId: null,
    ...extra,
  };
}

/**
 * Store a digest issued on `issueDate` whose references cite `titles`; a reference whose
 * entry carries an article id is stored as verified against that article.
 */
export async function storeDigest(
  db: Db,
  issueDate: string,
  refs: readonly { title: string; articleId?: string }[],
): Promise<void> {
  const digest = await db
    .insertInto('digests')
    .values({ path: `${issueDate}.md`, sha256: issueDate, title: '日报', issue_date: issueDate })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const [index, ref] of refs.entries()) {
    const stored = await db
      .insertInto('digest_references')
      .values({
        digest_id: digest.id,
        index: index + 1,
        line: index + 1,
        outlets: ['国家数据局'],
        title: ref.title,
        date_text: issueDate,
        purpose: null,
        raw: ref.title,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (ref.articleId === undefined) continue;
    await db
      .insertInto('verifications')
      .values({
        reference_id: stored.id,
        status: 'verified',
        article_id: ref.articleId,
        scores: JSON.stringify({}),
        reasons: JSON.stringify(['test']),
        runner_up: null,
      })
      .execute();
  }
}
