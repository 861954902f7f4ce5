import type { Migration, MigrationProvider } from 'kysely';
import * as initialSchema from './2026_11_24_140000_initial_schema.js';
import * as pagesRequestData from './2026_11_24_150000_pages_request_data.js';
import * as articleIssuer from './2026_12_06_090000_article_issuer.js';

/**
 * Every migration, by name, in the order they were written. An explicit list rather than a
 * folder scan: it works the same under tsx, a bundler or compiled output, and a migration
 * can't be picked up by accident. Names start with a UTC timestamp; kysely runs them in
 * name order and refuses one inserted before an already-applied one.
 */
export const migrations: Readonly<Record<string, Migration>> = {
  '2026_11_24_140000_initial_schema': initialSchema,
  '2026_11_24_150000_pages_request_data': pagesRequestData,
  '2026_12_06_090000_article_issuer': articleIssuer,
};

/** A kysely `MigrationProvider` over {@link migrations}. */
export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve({ ...migrations }),
};
