import type { Kysely } from 'kysely';
import type { Config } from '../core/config.js';
import type { Logger } from '../core/log.js';
import type { Database } from './database.js';
import { openPglite } from './pglite.js';
import { describePostgresUrl, openPostgres } from './postgres.js';

/** An open database: `pg` pool when `DATABASE_URL` is set, embedded PGlite otherwise. */
export interface DatabaseHandle {
  db: Kysely<Database>;
  backend: 'postgres' | 'pglite';
  /** `host:port/db` or the PGlite folder, for messages (never a password). */
  location: string;
  close(): Promise<void>;
}

/** The configuration keys that choose and reach the database. */
export type DatabaseConfig = Partial<Pick<Config, 'databaseUrl'>> & Pick<Config, 'dataDir' | 'dbConnectTimeoutMs'>;

/**
 * Open the configured database. Throws `DatabaseUnavailableError` (exit 4) when it cannot be
 * used, or `BadInputError` (exit 3) when the embedded folder cannot be created.
 */
export async function openDatabase(config: DatabaseConfig, log: Logger): Promise<DatabaseHandle> {
  if (config.databaseUrl) {
    const db = await openPostgres(config.databaseUrl, config.dbConnectTimeoutMs, log);
    const location = describePostgresUrl(config.databaseUrl);
    log.debug('using PostgreSQL', { location });
    return { db, backend: 'postgres', location, close: () => db.destroy() };
  }
  const { db, location, close } = await openPglite(config.dataDir);
  log.debug('using embedded PGlite', { location });
  return { db, backend: 'pglite', location, close };
}
