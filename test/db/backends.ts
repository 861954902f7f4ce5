import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DatabaseHandle } from '../../db/connect.js';
import { openDatabase } from '../../db/connect.js';
import { createLogger } from '../../core/log.js';

/** A database backend the DB tests run on: embedded PGlite always, PostgreSQL when configured. */
export interface TestBackend {
  name: 'pglite' | 'postgres';
  /** Open a fresh, empty database of this backend. */
  open(): Promise<DatabaseHandle>;
}

const quiet = createLogger('silent');

/** The real PostgreSQL for tests, from `TEST_DATABASE_URL` (set by .ci/run), or undefined. */
export const testDatabaseUrl = process.env.TEST_DATABASE_URL || undefined;

/**
 * Create a fresh UTF-8 database on the test server (C.UTF-8 ctype unless asked otherwise, e.g.
 * `'C'` to reproduce the locale trap) and return
 * its URL and a `drop()` for cleanup. One per test file keeps files independent.
 */
export async function createTestDatabase(ctype = 'C.UTF-8'): Promise<{ url: string; drop(): Promise<void> }> {
  if (!testDatabaseUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `sourcecheck_test_${randomBytes(5).toString('hex')}`;
  await admin(`create database "${name}" template template0 encoding 'UTF8' lc_collate '${ctype}' lc_ctype '${ctype}'`);
  const url = new URL(testDatabaseUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`drop database if exists "${name}" with (force)`) };
}

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: testDatabaseUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** The backends to run DB suites on. */
export function testBackends(): TestBackend[] {
  const backends: TestBackend[] = [
    { name: 'pglite', open: () => openDatabase({ dataDir: 'memory://', dbConnectTimeoutMs: 5000 }, quiet) },
  ];
  if (testDatabaseUrl) {
    backends.push({
      name: 'postgres',
      open: async () => {
        const { url, drop } = await createTestDatabase();
        const handle = await openDatabase({ databaseUrl: url, dataDir: '', dbConnectTimeoutMs: 5000 }, quiet);
        return { ...handle, close: async () => (await handle.close(), await drop()) };
      },
    });
  }
  return backends;
}
