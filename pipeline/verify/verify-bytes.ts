import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { checkDigest, finishRun, type VerifyOptions } from './run.js';
import type { DigestError, VerifyRun } from './types.js';

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
  const report = await checkDigest(db, label, bytes, options, errors);
  return finishRun(report ? [report] : [], errors, options);
}
