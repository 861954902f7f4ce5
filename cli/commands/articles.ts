import { Command, Option } from 'commander';
import { listArticles } from '../../db/repositories/article.repository.js';
import { exportArticle, toCsv } from '../../pipeline/article-export.js';
import { createContext, withDatabase } from '../context.js';
import { parseSince, selectSources } from './options.js';

/** `sourcecheck articles`: export stored articles as JSON, JSON Lines or CSV on stdout. */
export function articlesCommand(): Command {
  return new Command('articles')
    .description('export stored articles (json, jsonl or csv) on stdout')
    .addOption(new Option('--source <ids>', 'comma-separated source ids (default: all)'))
    .addOption(new Option('--since <date>', 'only articles published on or after this date (undated ones included)'))
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'jsonl', 'csv']).default('json'))
    .action(async (opts: { source?: string; since?: string; format: 'json' | 'jsonl' | 'csv' }, cmd: Command) => {
      const ctx = createContext(cmd);
      const sourceIds = opts.source ? selectSources(opts.source).map((s) => s.id) : undefined;
      const since = opts.since ? parseSince(opts.since) : undefined;
      const rows = await withDatabase(ctx, { migrate: true }, (handle) =>
        listArticles(handle.db, { sourceIds, since }),
      );
      const articles = rows.map(exportArticle);
      if (opts.format === 'csv') ctx.out(toCsv(articles));
      else if (opts.format === 'jsonl') ctx.out(articles.map((a) => `${JSON.stringify(a)}\n`).join(''));
      else ctx.out(`${JSON.stringify({ articles }, null, 2)}\n`);
    });
}
