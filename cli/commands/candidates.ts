import { writeFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { BadInputError } from '../../core/errors.js';
import { DECISIONS } from '../../db/repositories/review.repository.js';
import { renderCandidates, type CandidateFormat } from '../../pipeline/candidates/format.js';
import { defaultSince, listCandidates } from '../../pipeline/candidates/list.js';
import { findTopic, TOPICS } from '../../pipeline/candidates/topics.js';
import type { CandidateFilter } from '../../pipeline/candidates/types.js';
import { createContext, withDatabase } from '../context.js';
import { parseSince, selectSources } from './options.js';

interface CandidateFlags {
  since?: string;
  source?: string;
  topic?: string;
  decision?: CandidateFilter['decision'];
  limit: string;
  format: CandidateFormat;
  output?: string;
}

/**
 * `sourcecheck candidates`: stories first seen in the window (default: since the last digest,
 * or 24 h), ranked by the desk's relevance model, each with the reference line the digest needs.
 */
export function candidatesCommand(): Command {
  return new Command('candidates')
    .description('list new stories ranked by relevance to the digest, each with its reference line')
    .addOption(new Option('--since <date>', 'stories first seen on or after this date (default: last digest, or 24 h)'))
    .addOption(new Option('--source <ids>', 'comma-separated source ids (a story with a copy from one of them)'))
    .addOption(new Option('--topic <id>', `only this topic (${TOPICS.map((t) => t.id).join(', ')})`))
    .addOption(
      new Option('--decision <decision>', 'only stories with this newest decision').choices([...DECISIONS, 'none']),
    )
    .addOption(new Option('--limit <n>', 'most rows').default('50'))
    .addOption(new Option('--format <format>', 'output format').choices(['md', 'json', 'html']).default('md'))
    .addOption(new Option('--output <file>', 'write to a file instead of stdout'))
    .action(async (flags: CandidateFlags, cmd: Command) => {
      const ctx = createContext(cmd);
      const limit = Number(flags.limit);
      if (!Number.isInteger(limit) || limit < 1)
        throw new BadInputError(`--limit: expected a positive integer, got "${flags.limit}"`);
      if (flags.topic && !findTopic(flags.topic))
        throw new BadInputError(`unknown topic "${flags.topic}" (known: ${TOPICS.map((t) => t.id).join(', ')})`);
      const sourceIds = flags.source ? selectSources(flags.source).map((s) => s.id) : undefined;
      const list = await withDatabase(ctx, { migrate: true }, async (handle) => {
        const since = flags.since ? parseSince(flags.since) : await defaultSince(handle.db, new Date());
        return listCandidates(handle.db, { since, sourceIds, topic: flags.topic, decision: flags.decision, limit });
      });
      if (list.emptyReason) ctx.log.warn('no articles yet: run `sourcecheck crawl` first');
      const text = renderCandidates(list, flags.format);
      if (flags.output) await writeFile(flags.output, text);
      else ctx.out(text);
    });
}
