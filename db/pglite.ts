import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import { BadInputError, DatabaseUnavailableError, describeError } from '../core/errors.js';
import { acquirePidLock, LockHeldError } from '../core/pid-lock.js';
import type { Database } from './database.js';

/** The in-memory form of `dataDir`: a throwaway database. */
export const MEMORY_DATA_DIR = 'memory://';

const BYTEA = 17;

/**
 * PGlite's own bytea codec turns every byte into its own hex string (and back with a parseInt
 * per byte): archiving the crawl's page bodies spent more time there than in the database
 * itself (issue #3's bench). Handing the bytes over as they are makes PGlite's protocol writer
 * send the parameter in binary format (its branch for typed arrays), which PostgreSQL reads as
 * raw bytea; reading parses the hex text with Node's codec and gives a Buffer, as `pg` does.
 * Covered by the archive round trips of the crawl and reprocess tests.
 */
const codecs = {
  // Typed `(value) => string`, but PGlite's writer takes any typed array as a binary value.
  serializers: { [BYTEA]: (value: Uint8Array) => value as unknown as string },
  parsers: { [BYTEA]: (text: string) => Buffer.from(text.slice(2), 'hex') },
};

/**
 * Open the embedded PGlite database (real PostgreSQL compiled to WASM) in `dataDir`, creating
 * it on first use. PGlite allows one process per folder, so a pid lock beside the folder
 * (`<dataDir>.lock`) turns a second process into a clear error instead of a corrupt database.
 */
export async function openPglite(dataDir: string): Promise<OpenedPglite> {
  if (dataDir === MEMORY_DATA_DIR) {
    const pglite = await PGlite.create({ extensions: { pg_trgm }, ...codecs });
    const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
    return { db, location: MEMORY_DATA_DIR, close: () => db.destroy() };
  }
  const dir = resolve(dataDir);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (cause) {
    throw new BadInputError(`embedded database folder ${dir} cannot be created: ${describeError(cause)}`, { cause });
  }
  const release = lockDataDir(dir);
  let pglite: PGlite;
  try {
    pglite = await PGlite.create({ dataDir: dir, extensions: { pg_trgm }, ...codecs });
  } catch (cause) {
    release();
    throw new DatabaseUnavailableError(
      `embedded database in ${dir} cannot be opened (${describeError(cause)}); it may be corrupt or written by ` +
        `another PGlite version: move the folder aside or set SOURCECHECK_DATA_DIR to a new one`,
      { cause },
    );
  }
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  const close = async () => {
    await db.destroy();
    release();
  };
  return { db, location: dir, close };
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
