import { Migrator, type Kysely, type MigrationResult } from 'kysely';
import { SourcecheckError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import type { Database } from './database.js';
import { migrationProvider } from './migrations/index.js';

/** A migration and whether it has been applied. */
export interface MigrationState {
  name: string;
  executedAt: Date | null;
}

/** Thrown when a migration fails; the transaction of that migration was rolled back. */
export class MigrationFailedError extends SourcecheckError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, ExitCode.DatabaseUnavailable, options);
  }
}

function migrator(db: Kysely<Database>): Migrator {
  return new Migrator({ db, provider: migrationProvider });
}

/**
 * Apply every pending migration. kysely's Migrator never throws; its result set is turned
 * into one error naming the failed migration, so callers can't forget to check it.
 */
export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationResult[]> {
  const { error, results = [] } = await migrator(db).migrateToLatest();
  if (error) {
    const failed = results.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    const reason = error instanceof Error ? error.message : String(error);
    throw new MigrationFailedError(`migration ${failed} failed: ${reason}`, { cause: error });
  }
  return results;
}

/** Every known migration with its applied time, or `null` when pending. */
export async function migrationStatus(db: Kysely<Database>): Promise<MigrationState[]> {
  const infos = await migrator(db).getMigrations();
  return infos.map((m) => ({ name: m.name, executedAt: m.executedAt ?? null }));
}
