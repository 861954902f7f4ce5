import { Command } from 'commander';
import { sourceRegistry } from '../../crawlers/sources/index.js';
import { createContext } from '../context.js';
import { jsonOption, writeJson } from '../output.js';

/** `sourcecheck sources`: the source registry (id, names and aliases, hosts). */
export function sourcesCommand(): Command {
  return new Command('sources')
    .description('list the source registry: id, names and aliases, hosts')
    .addOption(jsonOption())
    .action((opts: { json?: boolean }, cmd: Command) => {
      const ctx = createContext(cmd);
      const rows = sourceRegistry.map((s) => ({
        id: s.id,
        name: s.name,
        aliases: s.aliases,
        hosts: s.hosts,
        description: s.description,
      }));
      if (opts.json) return writeJson(ctx, { sources: rows });
      for (const s of rows) {
        ctx.out(`${s.id.padEnd(8)} ${s.name}  (${s.aliases.join(', ')})\n`);
        ctx.out(`${''.padEnd(8)} hosts: ${s.hosts.join(', ')}\n${''.padEnd(8)} ${s.description}\n`);
      }
    });
}
