import { Command, Option } from 'commander';
import { sourceRegistry } from '../../crawlers/sources/index.js';
import { sourceHealth } from '../../pipeline/health/source-health.js';
import type { SourceHealth } from '../../pipeline/health/types.js';
import { createContext, withDatabase } from '../context.js';
import { jsonOption, writeJson } from '../output.js';
import { parseNow } from './options.js';

/**
 * `sourcecheck sources`: the source registry (id, names and aliases, hosts) with each source's
 * health from the database — last crawl, new items per day, errors, and flags (`never-crawled`,
 * `failed`, `layout-changed`, `stale`). `--no-health` lists the registry without opening the database.
 */
export function sourcesCommand(): Command {
  return new Command('sources')
    .description('list the sources with their health: last crawl, new items, errors, "layout changed?" and stale flags')
    .addOption(jsonOption())
    .addOption(new Option('--no-health', 'list the registry only, without opening the database'))
    .addOption(new Option('--now <time>', 'judge staleness as of this time (replays, demos); default: now'))
    .action(async (opts: { json?: boolean; health: boolean; now?: string }, cmd: Command) => {
      const ctx = createContext(cmd);
      const now = opts.now ? parseNow(opts.now) : new Date();
      const health = opts.health
        ? await withDatabase(ctx, { migrate: true }, (h) => sourceHealth(h.db, sourceRegistry, now))
        : undefined;
      const rows = sourceRegistry.map((s) => ({
        id: s.id,
        name: s.name,
        aliases: s.aliases,
        hosts: s.hosts,
        description: s.description,
        ...(health ? { health: health.find((h) => h.sourceId === s.id)! } : {}),
      }));
      if (opts.json) return writeJson(ctx, { sources: rows });
      for (const s of rows) {
        ctx.out(`${s.id.padEnd(8)} ${s.name}  (${s.aliases.join(', ')})\n`);
        ctx.out(`${''.padEnd(8)} hosts: ${s.hosts.join(', ')}\n${''.padEnd(8)} ${s.description}\n`);
        if (s.health) ctx.out(healthLines(s.health));
      }
    });
}

/** Health of one source as indented lines: status, last crawl, new per day, then each alert. */
export function healthLines(h: SourceHealth): string {
  const run = h.lastRun
    ? `last crawl ${h.lastRun.startedAt} ${h.lastRun.status}: ${h.lastRun.pages} pages, ${h.lastRun.new} new, ${h.lastRun.errors} errors`
    : 'never crawled';
  const perDay = h.newPerDay.map((d) => d.count).join(' ');
  const lines = [
    `${h.healthy ? 'ok' : h.flags.join(', ')} — ${run}`,
    `new per day (7 d): ${perDay}`,
    ...h.alerts.map((a) => `! ${a}`),
  ];
  return lines.map((l) => `${''.padEnd(8)} ${l}\n`).join('');
}
