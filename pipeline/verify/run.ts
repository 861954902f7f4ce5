import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import PQueue from 'p-queue';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { storeDigestReport } from '../../db/repositories/verification.repository.js';
import { sourceRegistry } from '../../crawlers/sources/index.js';
import { exitCodeFor } from '../../reports/status.js';
import { DigestParseError, assertReferenceTitles, parseDigest } from '../digest/parse.js';
import type { Lang } from './messages.js';
import type { DigestError, DigestReport, VerifyRun } from './types.js';
import { verifyDigest } from './verify-digest.js';

/** Options of {@link verifyFiles}. */
export interface VerifyOptions {
  lang: Lang;
  strict: boolean;
  /** Keep the results in `digests`, `digest_references` and `verifications`. @default true */
  store?: boolean;
}

/**
 * Verify digest files. A file that cannot be read or parsed is reported (path:line) and the
 * others are still checked; p-queue bounds how many run at once.
 */
export async function verifyFiles(
  db: Kysely<Database>,
  paths: readonly string[],
  options: VerifyOptions,
): Promise<VerifyRun> {
  const errors: DigestError[] = [];
  const reports: (DigestReport | undefined)[] = new Array(paths.length);
  const queue = new PQueue({ concurrency: 2 });
  await Promise.all(
    paths.map((path, i) =>
      queue.add(async () => {
        let bytes: Buffer;
        try {
          bytes = await readFile(path);
        } catch (error) {
          errors.push({ path, line: null, message: `${path}: cannot read: ${(error as Error).message}` });
          return;
        }
        reports[i] = await checkDigest(db, path, bytes, options, errors);
      }),
    ),
  );
  return finishRun(
    reports.filter((r): r is DigestReport => r !== undefined),
    errors,
    options,
  );
}

/**
 * Parse and verify one digest's bytes (`label` names it in reports: a path, an upload's name),
 * storing the result unless `options.store` is false. A digest that cannot be parsed is added to
 * `errors` (with its line) and gives undefined; anything else unexpected is thrown.
 */
export async function checkDigest(
  db: Kysely<Database>,
  label: string,
  bytes: Buffer,
  options: VerifyOptions,
  errors: DigestError[],
): Promise<DigestReport | undefined> {
  try {
    const digest = parseDigest(label, bytes);
    assertReferenceTitles(digest); // a reference with no 标题 cannot be checked: the file is refused (exit 3)
    const report = await verifyDigest(db, digest, sourceRegistry, options.lang);
    if (options.store !== false)
      await storeDigestReport(db, digest, createHash('sha256').update(bytes).digest('hex'), report);
    return report;
  } catch (error) {
    if (!(error instanceof DigestParseError)) throw error;
    errors.push({ path: label, line: error.line, message: error.message });
    return undefined;
  }
}

/** The finished run of some digests: their reports, the unreadable ones, and the exit code. */
export function finishRun(digests: DigestReport[], errors: DigestError[], options: VerifyOptions): VerifyRun {
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
