import type { DatabaseHandle } from '../../db/connect.js';
import { openDatabase } from '../../db/connect.js';
import { createLogger } from '../../core/log.js';
import { migrateToLatest } from '../../db/migrate.js';
import { upsertSources } from '../../db/repositories/source.repository.js';
import { sourceRegistry } from '../../crawlers/sources/index.js';
import { createScratchDatabase, type ScratchDatabase } from '../../db/scratch-database.js';

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
 * `'C'` to reproduce the locale trap) and return its URL and a `drop()` for cleanup. One per
 * test file keeps files independent.
 */
export async function createTestDatabase(ctype = 'C.UTF-8'): Promise<ScratchDatabase> {
  if (!testDatabaseUrl) throw new Error('TEST_DATABASE_URL is not set');
  return createScratchDatabase(testDatabaseUrl, { prefix: 'sourcecheck_test', ctype });
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

/** Open a fresh database of `backend`, migrated, with every source of the registry stored. */
export async function openReady(backend: TestBackend): Promise<DatabaseHandle> {
  const handle = await backend.open();
  await migrateToLatest(handle.db);
  await upsertSources(handle.db, sourceRegistry);
  return handle;
}
