import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createIfMissing, PgliteThread } from '../../db/pglite-thread.js';

describe('the embedded database in its own thread', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sc-pglite-thread-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('answers queries with parameters, bytea as Buffer, timestamps as Date', async () => {
    const db = await PgliteThread.open(undefined);
    try {
      const { rows } = await db.query(
        `select $1::text as t, $2::bytea as b, '2026-06-09T06:00:00+08:00'::timestamptz as at`,
        ['国家数据局', Buffer.from([0, 255, 1])],
      );
      expect(rows[0]!.t).toBe('国家数据局');
      expect(Buffer.isBuffer(rows[0]!.b)).toBe(true);
      expect((rows[0]!.b as Buffer).toString('hex')).toBe('00ff01');
      expect((rows[0]!.at as Date).toISOString()).toBe('2026-06-08T22:00:00.000Z');
      await db.query('create temp table t (n int)');
      const insert = await db.query('insert into t values ($1), ($2)', [1, 2]);
      expect(insert).toEqual({ rows: [], affectedRows: 2 });
    } finally {
      await db.close();
    }
  });

  it("keeps PostgreSQL's error fields across the thread, and refuses queries once closed", async () => {
    const db = await PgliteThread.open(undefined);
    const error = (await db.query('select from no_such_table').catch((e: unknown) => e)) as Error & { code?: string };
    expect(error.message).toMatch(/no_such_table/);
    expect(error.code).toBe('42P01');
    expect((await db.query('select 1 as one')).rows).toEqual([{ one: 1 }]); // the thread survives an error
    await db.close();
    await expect(db.query('select 1')).rejects.toThrow(/closed/);
  });

  it('refuses to create a database in a folder that holds something else, and leaves it as it was', async () => {
    const folder = join(dir, 'not-a-db');
    mkdirSync(folder);
    writeFileSync(join(folder, 'notes.txt'), 'mine');
    await expect(createIfMissing(folder)).rejects.toThrow(/not empty and holds no database/);
    expect(readdirSync(folder)).toEqual(['notes.txt']);
  });

  it('creates a database in a folder once, in its own process, from the shipped template, and opens it', async () => {
    const folder = join(dir, 'db');
    // The template of the installed PGlite is shipped (after an upgrade: `node db/pglite-worker.js --build-template`).
    expect(await createIfMissing(folder)).toBe('template');
    expect(existsSync(join(folder, 'PG_VERSION'))).toBe(true);
    expect(readdirSync(dir).filter((name) => name.includes('.creating-'))).toEqual([]); // built beside, renamed in
    const created = statSync(join(folder, 'PG_VERSION')).mtimeMs;
    expect(await createIfMissing(folder)).toBe('existing'); // already there: nothing to do
    expect(statSync(join(folder, 'PG_VERSION')).mtimeMs).toBe(created);
    const db = await PgliteThread.open(folder);
    try {
      expect((await db.query("select current_setting('shared_buffers') as sb")).rows).toEqual([{ sb: '32MB' }]);
    } finally {
      await db.close();
    }
  });

  it('runs initdb instead when the template does not load, leaving nothing of the failed load', async () => {
    const folder = join(dir, 'from-initdb');
    const broken = join(dir, 'broken.tar.br');
    writeFileSync(broken, 'not a brotli stream');
    expect(await createIfMissing(folder, { template: broken })).toBe('initdb');
    const db = await PgliteThread.open(folder);
    try {
      expect((await db.query("select count(*)::int as n from pg_database where datname = 'postgres'")).rows).toEqual([
        { n: 1 },
      ]);
    } finally {
      await db.close();
    }
  });
});
