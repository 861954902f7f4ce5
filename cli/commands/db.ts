import { Command } from 'commander';
import { migrateToLatest, migrationStatus } from '../../db/migrate.js';
import { upsertSources } from '../../db/repositories/source.repository.js';
import { sourceRegistry } from '../../crawlers/sources/index.js';
import { parsers } from '../../crawlers/parsers/index.js';
import { answerReprocessRequests } from '../../crawlers/engine/reprocess.js';
import { createContext, withDatabase } from '../context.js';
import { jsonOption, writeJson } from '../output.js';

/** `sourcecheck db migrate|status`. */
export function dbCommand(): Command {
  const db = new Command('db').description('manage the database (PostgreSQL or the embedded PGlite)');
  db.command('migrate')
    .description('apply pending migrations and sync the source registry')
    .addOption(jsonOption())
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const ctx = createContext(cmd);
      await withDatabase(ctx, { migrate: false }, async (handle) => {
        const results = await migrateToLatest(handle.db);
        await upsertSources(handle.db, sourceRegistry);
        const reprocessed = await answerReprocessRequests(handle.db, sourceRegistry, parsers, ctx.log);
        const applied = results.map((r) => r.migrationName);
        if (opts.json) return writeJson(ctx, { backend: handle.backend, location: handle.location, applied, reprocessed });
        for (const name of applied) ctx.out(`applied  ${name}\n`);
        for (const name of reprocessed) ctx.out(`reprocessed the archive for ${name}\n`);
        ctx.out(`${handle.backend} ${handle.location}: ${applied.length} migration(s) applied, schema up to date\n`);
      });
    });
  db.command('status')
    .description('list applied and pending migrations')
    .addOption(jsonOption())
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const ctx = createContext(cmd);
      await withDatabase(ctx, { migrate: false }, async (handle) => {
        const migrations = (await migrationStatus(handle.db)).map((m) => ({
          name: m.name,
          status: m.executedAt ? ('applied' as const) : ('pending' as const),
          executedAt: m.executedAt?.toISOString() ?? null,
        }));
        const pending = migrations.filter((m) => m.status === 'pending').length;
        const summary = {
          backend: handle.backend,
          location: handle.location,
          applied: migrations.length - pending,
          pending,
        };
        if (opts.json) return writeJson(ctx, { ...summary, migrations });
        ctx.out(`database: ${handle.backend} ${handle.location}\n`);
        for (const m of migrations) ctx.out(`${m.status.padEnd(8)} ${(m.executedAt ?? '').padEnd(24)} ${m.name}\n`);
        ctx.out(`${summary.applied} applied, ${pending} pending\n`);
      });
    });
  return db;
}
