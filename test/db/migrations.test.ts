import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/connect.js';
import { migrateToLatest, migrationStatus } from '../../db/migrate.js';
import { migrations } from '../../db/migrations/index.js';
import { listSources, upsertSources } from '../../db/repositories/source.repository.js';
import { sourceRegistry } from '../../crawlers/sources/index.js';
import { testBackends } from './backends.js';

const TABLES = [
  'articles',
  'crawl_runs',
  'digest_references',
  'digests',
  'pages',
  'reprocess_requests',
  'reviews',
  'sources',
  'stories',
  'verifications',
];

for (const backend of testBackends()) {
  describe(`${backend.name}: migrations`, () => {
    let handle: DatabaseHandle;
    beforeAll(async () => {
      handle = await backend.open();
    });
    afterAll(async () => handle?.close());

    it('lists every migration as pending on an empty database', async () => {
      const status = await migrationStatus(handle.db);
      expect(status.map((m) => m.name)).toEqual(Object.keys(migrations));
      expect(status.every((m) => m.executedAt === null)).toBe(true);
    });

    it('applies the real migrations and creates every table', async () => {
      const results = await migrateToLatest(handle.db);
      expect(results.map((r) => r.status)).toEqual(Object.keys(migrations).map(() => 'Success'));
      const tables = await handle.db.introspection.getTables();
      expect(tables.map((t) => t.name).sort()).toEqual(TABLES);
      expect((await migrationStatus(handle.db)).every((m) => m.executedAt instanceof Date)).toBe(true);
      expect(await migrateToLatest(handle.db)).toEqual([]);
    });

    it('compares Chinese titles with pg_trgm (a UTF-8 ctype is in force)', async () => {
      const { rows } = await sql<{ s: number }>`select similarity(
        '关于推进行业高质量数据集建设行动的实施方案', '行业高质量数据集建设行动实施方案') as s`.execute(handle.db);
      expect(rows[0]?.s).toBeGreaterThan(0.3);
    });

    it('syncs the source registry idempotently', async () => {
      await upsertSources(handle.db, sourceRegistry);
      await upsertSources(handle.db, sourceRegistry);
      const rows = await listSources(handle.db);
      expect(rows.map((r) => r.id)).toEqual(sourceRegistry.map((s) => s.id).sort());
      expect(rows.find((r) => r.id === 'cac')?.aliases).toContain('国家网信办');
    });

    it('keeps one article per (source, native id)', async () => {
      const row = {
        source_id: 'nda',
        native_id: '20260608172117399715004',
        canonical_url: 'https://www.nda.gov.cn/a',
        title: 't',
        date_evidence: '{}',
        attachments: '[]',
      };
      await handle.db.insertInto('articles').values(row).execute();
      await expect(handle.db.insertInto('articles').values(row).execute()).rejects.toThrow(
        /articles_source_native_id_unique/,
      );
    });

    it('rejects a verification status outside the closed set', async () => {
      const digest = await handle.db
        .insertInto('digests')
        .values({ path: 'd.md', sha256: 'x' })
        .returning('id')
        .executeTakeFirstOrThrow();
      const ref = await handle.db
        .insertInto('digest_references')
        .values({ digest_id: digest.id, index: 1, line: 3, outlets: ['国家数据局'], raw: 'r' })
        .returning('id')
        .executeTakeFirstOrThrow();
      await expect(
        handle.db
          .insertInto('verifications')
          .values({ reference_id: ref.id, status: 'ok' as never, scores: '{}', reasons: '[]', runner_up: null })
          .execute(),
      ).rejects.toThrow(/check/i);
    });

    it('rolls back to an empty schema and forward again', async () => {
      const names = Object.keys(migrations);
      for (const name of [...names].reverse()) await migrations[name]!.down!(handle.db);
      const left = (await handle.db.introspection.getTables()).map((t) => t.name);
      expect(left.filter((t) => TABLES.includes(t))).toEqual([]);
      for (const name of names) await migrations[name]!.up(handle.db);
      const back = (await handle.db.introspection.getTables()).map((t) => t.name);
      expect(back.filter((t) => TABLES.includes(t)).sort()).toEqual(TABLES);
    });
  });
}
