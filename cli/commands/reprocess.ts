import { Command, Option } from 'commander';
import { parsers } from '../../crawlers/parsers/index.js';
import { reprocessSource } from '../../crawlers/engine/reprocess.js';
import { sourceRegistry } from '../../crawlers/sources/index.js';
import { markReprocessDone, pendingReprocess } from '../../db/repositories/reprocess.repository.js';
import { ChecksFailedError } from '../../core/errors.js';
import { createContext, withDatabase } from '../context.js';
import { jsonOption, writeJson } from '../output.js';
import { selectSources } from './options.js';

/** `sourcecheck reprocess`: re-parse stored pages into articles, offline. */
export function reprocessCommand(): Command {
  return new Command('reprocess')
    .description('re-parse stored pages into articles with no network (apply a parser fix to history)')
    .addOption(new Option('--source <ids>', 'comma-separated source ids (default: all)'))
    .addOption(jsonOption())
    .action(async (opts: { source?: string; json?: boolean }, cmd: Command) => {
      const ctx = createContext(cmd);
      const sources = selectSources(opts.source);
      const results = await withDatabase(ctx, { migrate: true, answerReprocess: false }, async (handle) => {
        const out = [];
        for (const source of sources) {
          const recorder = await reprocessSource(handle.db, source, parsers[source.id]!, ctx.log);
          out.push({ sourceId: source.id, stats: recorder.stats, errors: recorder.errors });
        }
        // Every source re-read: what a migration asked of the archive is done.
        if (sources.length === sourceRegistry.length)
          await markReprocessDone(handle.db, (await pendingReprocess(handle.db)).map((r) => r.name));
        return out;
      });
      if (opts.json) writeJson(ctx, { sources: results });
      else
        for (const r of results)
          ctx.out(
            `${r.sourceId.padEnd(8)} pages ${r.stats.pages}, articles ${r.stats.articles} (new ${r.stats.new}, updated ${r.stats.updated}, unchanged ${r.stats.unchanged}), errors ${r.stats.errors}\n`,
          );
      const broken = results.filter((r) => r.stats.errors > 0);
      if (broken.length > 0)
        throw new ChecksFailedError(`pages that no longer parse in: ${broken.map((r) => r.sourceId).join(', ')}`);
    });
}
