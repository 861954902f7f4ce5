import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import { BadInputError, DatabaseUnavailableError, describeError } from '../core/errors.js';
import { acquirePidLock, LockHeldError } from '../core/pid-lock.js';
import type { Database } from './database.js';
import { createIfMissing, PgliteThread } from './pglite-thread.js';

/** The in-memory form of `dataDir`: a throwaway database. */
export const MEMORY_DATA_DIR = 'memory://';

/**
 * Open the embedded PGlite database (real PostgreSQL compiled to WASM, in its own thread) in
 * `dataDir`, creating it on first use. PGlite allows one process per folder, so a pid lock
 * beside the folder (`<dataDir>.lock`) turns a second process into a clear error instead of a
 * corrupt database.
 */
export async function openPglite(dataDir: string): Promise<OpenedPglite> {
  if (dataDir === MEMORY_DATA_DIR) return opened(await PgliteThread.open(undefined), MEMORY_DATA_DIR);
  const dir = resolve(dataDir);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (cause) {
    throw new BadInputError(`embedded database folder ${dir} cannot be created: ${describeError(cause)}`, { cause });
  }
  const release = lockDataDir(dir);
  let thread: PgliteThread;
  try {
    await createIfMissing(dir);
    thread = await PgliteThread.open(dir);
  } catch (cause) {
    release();
    throw new DatabaseUnavailableError(
      `embedded database in ${dir} cannot be opened (${describeError(cause)}); it may be corrupt or written by ` +
        `another PGlite version: move the folder aside or set SOURCECHECK_DATA_DIR to a new one`,
      { cause },
    );
  }
  return opened(thread, dir, release);
}

function opened(thread: PgliteThread, location: string, release: () => void = () => undefined): OpenedPglite {
  // The dialect only calls query() and close(), which the thread client provides.
  const db = new Kysely<Database>({ dialect: new PGliteDialect(thread as unknown as PGlite) });
  const close = async () => {
    await db.destroy();
    release();
  };
  return { db, location, close };
}

/** An open embedded database: the kysely handle, its folder, and how to close it. */
export interface OpenedPglite {
  db: Kysely<Database>;
  location: string;
  close: () => Promise<void>;
}

function lockDataDir(dir: string): () => void {
  const lockPath = `${dir}.lock`;
  try {
    mkdirSync(dirname(lockPath), { recursive: true });
    return acquirePidLock(lockPath);
  } catch (cause) {
    if (cause instanceof LockHeldError) {
      throw new DatabaseUnavailableError(
        `embedded database in ${dir} is in use by another sourcecheck process (pid ${cause.holderPid}); ` +
          `wait for it to finish or set DATABASE_URL to a PostgreSQL server for concurrent use`,
        { cause },
      );
    }
    throw new BadInputError(`embedded database folder ${dir} is not writable: ${describeError(cause)}`, { cause });
  }
}
