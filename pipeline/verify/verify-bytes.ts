import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { storeDigestReport } from '../../db/repositories/verification.repository.js';
import { sourceRegistry } from '../../crawlers/sources/index.js';
import { exitCodeFor } from '../../reports/status.js';
import { DigestParseError, assertReferenceTitles, parseDigest } from '../digest/parse.js';
import type { VerifyOptions } from './run.js';
import type { DigestError, DigestReport, VerifyRun } from './types.js';
import { verifyDigest } from './verify-digest.js';

/**
 * Verify one digest given as bytes (pasted into or uploaded to the editors' page) exactly as
 * `verifyFiles` verifies a file: `label` stands in for the path in reports and error lines. A
 * digest that cannot be parsed becomes an error of the run (exit code 3), not a throw, so the
 * caller renders it like any other report. Pass `store: false` to keep the database unchanged.
 */
export async function verifyBytes(
  db: Kysely<Database>,
  label: string,
  bytes: Buffer,
  options: VerifyOptions,
): Promise<VerifyRun> {
  const errors: DigestError[] = [];
  const digests: DigestReport[] = [];
  try {
    const digest = parseDigest(label, bytes);
    assertReferenceTitles(digest); // as in verifyFiles: an untitled reference refuses the digest
    const report = await verifyDigest(db, digest, sourceRegistry, options.lang);
    if (options.store !== false)
      await storeDigestReport(db, digest, createHash('sha256').update(bytes).digest('hex'), report);
    digests.push(report);
  } catch (error) {
    if (!(error instanceof DigestParseError)) throw error;
    errors.push({ path: label, line: error.line, message: error.message });
  }
  const run: VerifyRun = {
    schemaVersion: 1,
    generatedAt: new Date().toISOString(),
    lang: options.lang,
    strict: options.strict,
    digests,
    errors,
    exitCode: 0,
  };
  run.exitCode = exitCodeFor(run, options.strict);
  return run;
}
