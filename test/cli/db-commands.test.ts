import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDatabaseUrl } from '../db/backends.js';
import { migrations } from '../../db/migrations/index.js';
import { runCli } from './run-cli.js';
import { freshDir } from './temp.js';

function oneLine(stderr: string): string {
  const lines = stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(stderr).not.toMatch(/^\s+at /m);
  return lines[0]!;
}

describe('db migrate / db status on the embedded PGlite', () => {
  it('migrates a new data dir, then reports nothing pending', async () => {
    const env = { SOURCECHECK_DATA_DIR: join(freshDir(), 'pglite') };
    const before = JSON.parse((await runCli(['db', 'status', '--json'], env)).stdout) as {
      pending: number;
      backend: string;
    };
    const names = Object.keys(migrations);
    expect(before).toMatchObject({ backend: 'pglite', pending: names.length });
    const migrate = await runCli(['db', 'migrate'], env);
    expect(migrate.code).toBe(0);
    for (const name of names) expect(migrate.stdout).toMatch(new RegExp(`^applied\\s+${name}$`, 'm'));
    const status = await runCli(['db', 'status'], env);
    for (const name of names) expect(status.stdout).toMatch(new RegExp(`^applied\\s+\\S+\\s+${name}$`, 'm'));
    expect(status.stdout).toMatch(new RegExp(`${names.length} applied, 0 pending`));
  });

  it('refuses an unwritable data dir in one line with exit 3', async () => {
    const file = join(freshDir(), 'a-file');
    writeFileSync(file, 'not a folder');
    const run = await runCli(['db', 'status'], { SOURCECHECK_DATA_DIR: join(file, 'pglite') });
    expect(run.code).toBe(3);
    expect(oneLine(run.stderr)).toMatch(/cannot be created.*ENOTDIR/);
  });

  it('refuses a data dir locked by a live process, and takes over once it is gone', async () => {
    const dir = join(freshDir(), 'pglite');
    const holder = spawn('sleep', ['60']);
    writeFileSync(
      `${dir}.lock`,
      JSON.stringify({ pid: holder.pid, host: hostname(), since: new Date().toISOString() }),
    );
    const locked = await runCli(['db', 'status'], { SOURCECHECK_DATA_DIR: dir });
    expect(locked.code).toBe(4);
    expect(oneLine(locked.stderr)).toContain(`in use by another sourcecheck process (pid ${holder.pid})`);
    holder.kill('SIGKILL');
    await new Promise((resolve) => holder.once('exit', resolve));
    expect((await runCli(['db', 'status'], { SOURCECHECK_DATA_DIR: dir })).code).toBe(0);
  });

  it('reports a corrupt data dir in one line (exit 4), with the stack only under --verbose', async () => {
    const dir = join(freshDir(), 'pglite');
    expect((await runCli(['db', 'migrate'], { SOURCECHECK_DATA_DIR: dir })).code).toBe(0);
    writeFileSync(join(dir, 'global', 'pg_control'), 'garbage');
    const run = await runCli(['db', 'status'], { SOURCECHECK_DATA_DIR: dir });
    expect(run.code).toBe(4);
    expect(oneLine(run.stderr)).toMatch(/cannot be opened.*corrupt/);
    const verbose = await runCli(['db', 'status', '--verbose'], { SOURCECHECK_DATA_DIR: dir });
    expect(verbose.code).toBe(4);
    expect(verbose.stderr).toMatch(/^\s+at /m);
  });
});

describe('db commands against an unusable PostgreSQL', () => {
  const servers: Server[] = [];
  afterAll(() => servers.forEach((s) => s.close()));

  async function listen(onConnection: (socket: import('node:net').Socket) => void): Promise<number> {
    const server = createServer(onConnection);
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return (server.address() as import('node:net').AddressInfo).port;
  }

  it('names host:port when the connection is refused (exit 4, within 10 s), JSON stays valid', async () => {
    const port = await listen(() => undefined);
    await new Promise<void>((resolve) => servers.pop()!.close(() => resolve()));
    const run = await runCli(['db', 'status', '--json'], { DATABASE_URL: `postgres://u:p@127.0.0.1:${port}/news` });
    expect(run.code).toBe(4);
    expect(oneLine(run.stderr)).toBe(
      `sourcecheck: cannot connect to PostgreSQL at 127.0.0.1:${port}/news: connection refused (is the server running?)`,
    );
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: false, error: { exitCode: 4 } });
    expect(run.ms).toBeLessThan(10_000);
  });

  it('gives up on a server that never answers after the connect timeout', async () => {
    const port = await listen(() => undefined); // accepts the TCP connection, never speaks
    const run = await runCli(['db', 'status'], {
      DATABASE_URL: `postgres://u:p@127.0.0.1:${port}/news`,
      SOURCECHECK_DB_CONNECT_TIMEOUT_MS: '1500',
    });
    expect(run.code).toBe(4);
    expect(oneLine(run.stderr)).toMatch(new RegExp(`127.0.0.1:${port}/news: no answer within 1500 ms`));
    expect(run.ms).toBeLessThan(10_000);
  });
});

describe.runIf(testDatabaseUrl)('db commands on a real PostgreSQL (TEST_DATABASE_URL)', () => {
  it('migrates and reports status', async () => {
    const { url, drop } = await createTestDatabase();
    try {
      expect((await runCli(['db', 'migrate'], { DATABASE_URL: url })).code).toBe(0);
      const status = JSON.parse((await runCli(['db', 'status', '--json'], { DATABASE_URL: url })).stdout) as Record<
        string,
        unknown
      >;
      expect(status).toMatchObject({ backend: 'postgres', applied: Object.keys(migrations).length, pending: 0 });
    } finally {
      await drop();
    }
  });

  it('refuses a database whose LC_CTYPE is C, printing the statement that fixes it', async () => {
    const { url, drop } = await createTestDatabase('C');
    try {
      const run = await runCli(['db', 'migrate'], { DATABASE_URL: url });
      expect(run.code).toBe(4);
      const name = new URL(url).pathname.slice(1);
      expect(oneLine(run.stderr)).toContain(
        `CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8';`,
      );
    } finally {
      await drop();
    }
  });

  it('reports rejected credentials in one line (exit 4)', async () => {
    const url = new URL(testDatabaseUrl!);
    url.username = 'no_such_role_sourcecheck';
    url.password = 'wrong';
    const run = await runCli(['db', 'status'], { DATABASE_URL: url.toString() });
    expect(run.code).toBe(4);
    expect(oneLine(run.stderr)).toMatch(/authentication failed/);
  });
});
