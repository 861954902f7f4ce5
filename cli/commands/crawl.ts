import { Command, Option } from 'commander';
import { crawl } from '../../crawlers/engine/main.js';
import { clusterStories } from '../../pipeline/stories.js';
import type { SourceResult } from '../../crawlers/engine/crawl-source.js';
import { ChecksFailedError } from '../../core/errors.js';
import { createContext, withDatabase } from '../context.js';
import { jsonOption, writeJson } from '../output.js';
import { createProgress } from '../progress.js';
import { version } from '../version.js';
import { parseSince, selectSources } from './options.js';

/** `sourcecheck crawl`: crawl sources into the database; exit 2 when a source failed. */
export function crawlCommand(): Command {
  return new Command('crawl')
    .description('crawl sources (politely, incrementally) into the database')
    .addOption(new Option('--source <ids>', 'comma-separated source ids (default: all)'))
    .addOption(
      new Option(
        '--since <date>',
        'oldest list date to page back to (YYYY-MM-DD; default: last run − 2 days, first run 30 days)',
      ),
    )
    .addOption(jsonOption())
    .action(async (opts: { source?: string; since?: string; json?: boolean }, cmd: Command) => {
      const ctx = createContext(cmd);
      const sources = selectSources(opts.source);
      const since = opts.since === undefined ? undefined : parseSince(opts.since);
      const results = await withDatabase(ctx, { migrate: true }, async (handle) => {
        const progress = createProgress();
        let crawled;
        try {
          crawled = await crawl(handle.db, handle.backend, ctx.config, version, ctx.log, {
            sources,
            since,
            // An explicitly chosen delay (flag, env, config file) applies to every host.
            delayOverrideMs: ctx.origins.delayMs === 'default' ? undefined : ctx.config.delayMs,
            onProgress: (id, s) => progress.update(id, s),
          });
        } finally {
          progress.done();
        }
        // The pipeline step: fold what was crawled into stories (incremental, one transaction).
        const pass = await clusterStories(handle.db);
        ctx.log.info(`stories: ${pass.newStories} new, ${pass.joined} joined existing ones, ${pass.merged} merged`);
        return crawled;
      });
      if (opts.json) writeJson(ctx, { ok: !results.some((r) => r.status === 'failed'), sources: results });
      else printSummary(ctx.out, results);
      const failed = results.filter((r) => r.status === 'failed').map((r) => r.sourceId);
      if (failed.length > 0) throw new ChecksFailedError(`crawl failed for: ${failed.join(', ')}`);
    });
}

function printSummary(out: (s: string) => void, results: SourceResult[]): void {
  for (const r of results) {
    const s = r.stats;
    const counts = s
      ? `pages ${s.pages}, articles ${s.articles} (new ${s.new}, updated ${s.updated}), errors ${s.errors}`
      : (r.reason ?? '');
    out(`${r.sourceId.padEnd(8)} ${r.status.padEnd(9)} ${counts}\n`);
    for (const e of r.errors.slice(0, 10)) out(`         ${e.kind}: ${e.url} — ${e.message}\n`);
    if (r.errors.length > 10) out(`         … ${r.errors.length - 10} more errors (see crawl_runs)\n`);
  }
}
