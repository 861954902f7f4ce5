import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** A throwaway database on a PostgreSQL server, and how to drop it. */
export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * Create an empty UTF-8 database named `<prefix>_<random>` on the server `serverUrl` reaches
 * (its role must be allowed to create databases), with the given collation and ctype
 * (C.UTF-8 unless asked otherwise, e.g. `'C'` to reproduce the CJK locale trap). For the test
 * matrix and the benchmarks; `drop()` removes it even while connections are open.
 */
export async function createScratchDatabase(
  serverUrl: string,
  { prefix, ctype = 'C.UTF-8' }: { prefix: string; ctype?: string },
): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  await admin(
    serverUrl,
    `create database "${name}" template template0 encoding 'UTF8' lc_collate '${ctype}' lc_ctype '${ctype}'`,
  );
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(serverUrl, `drop database if exists "${name}" with (force)`) };
}

async function admin(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
