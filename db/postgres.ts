import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { DatabaseUnavailableError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import type { Database } from './database.js';

/** Where a PostgreSQL URL points, without its password: `host:port/database`. */
export function describePostgresUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname || 'localhost'}:${u.port || '5432'}${u.pathname || '/'}`;
  } catch {
    return 'the configured DATABASE_URL';
  }
}

/**
 * Connect to PostgreSQL and check it is usable before anything else runs: reachable within
 * `timeoutMs`, credentials accepted, and a UTF-8 character type (pg_trgm ignores CJK
 * characters in a `C` ctype database, which would silently break title search).
 */
export async function openPostgres(url: string, timeoutMs: number, log: Logger): Promise<Kysely<Database>> {
  const where = describePostgresUrl(url);
  const pool = new pg.Pool({ connectionString: url, connectionTimeoutMillis: timeoutMs, max: 10 });
  pool.on('error', (error) => log.warn('idle PostgreSQL connection failed', { where, error: error.message }));
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (cause) {
    await pool.end().catch(() => undefined);
    throw new DatabaseUnavailableError(
      `cannot connect to PostgreSQL at ${where}: ${connectFailure(cause, timeoutMs)}`,
      {
        cause,
      },
    );
  }
  try {
    await checkLocale(client, where);
  } catch (error) {
    client.release();
    await pool.end().catch(() => undefined);
    throw error;
  }
  client.release();
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

async function checkLocale(client: pg.PoolClient, where: string): Promise<void> {
  const { rows } = await client.query<{ name: string; ctype: string; encoding: string }>(
    `select datname as name, datctype as ctype, pg_encoding_to_char(encoding) as encoding
       from pg_database where datname = current_database()`,
  );
  const row = rows[0];
  if (!row) return;
  if (row.encoding !== 'UTF8' || !/utf-?8/i.test(row.ctype)) {
    throw new DatabaseUnavailableError(
      `database "${row.name}" at ${where} has encoding ${row.encoding} and LC_CTYPE '${row.ctype}', in which pg_trgm ` +
        `ignores Chinese characters; recreate it with: CREATE DATABASE "${row.name}" TEMPLATE template0 ` +
        `ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8';`,
    );
  }
}

function connectFailure(cause: unknown, timeoutMs: number): string {
  const error = cause as NodeJS.ErrnoException & { code?: string };
  switch (error.code) {
    case 'ECONNREFUSED':
      return 'connection refused (is the server running?)';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host name not found';
    case 'ETIMEDOUT':
      return `no answer within ${timeoutMs} ms`;
    case '28P01':
    case '28000':
      return `authentication failed (${error.message})`;
    case '3D000':
      return error.message;
    default:
      if (/timeout/i.test(error.message ?? '')) return `no answer within ${timeoutMs} ms`;
      return error.message ?? String(cause);
  }
}
