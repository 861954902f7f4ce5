import { writeFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { BadInputError, describeError, ResultWrittenError, SourcecheckError } from '../../core/errors.js';
import { DECISIONS } from '../../db/repositories/review.repository.js';
import { renderCandidates, type CandidateFormat } from '../../pipeline/candidates/format.js';
import { defaultSince, listCandidates } from '../../pipeline/candidates/list.js';
import { findTopic, TOPICS } from '../../pipeline/candidates/topics.js';
import type { CandidateFilter } from '../../pipeline/candidates/types.js';
import { createContext, withDatabase, type CommandContext } from '../context.js';
import { parseSince, selectSources } from './options.js';

interface CandidateFlags {
  since?: string;
  source?: string;
  topic?: string;
  decision?: string;
  limit: string;
  format: CandidateFormat;
  output?: string;
}

const DECISION_CHOICES = [...DECISIONS, 'none'] as const;

/**
 * `sourcecheck candidates`: stories first seen in the window (default: since the last digest,
 * or 24 h), ranked by the desk's relevance model, each with the reference line the digest needs.
 * With `--format json`, stdout holds one valid JSON document even when the input is refused.
 */
export function candidatesCommand(): Command {
  return new Command('candidates')
    .description('list new stories ranked by relevance to the digest, each with its reference line')
    .addOption(new Option('--since <date>', 'stories first seen on or after this date (default: last digest, or 24 h)'))
    .addOption(new Option('--source <ids>', 'comma-separated source ids (a story with a copy from one of them)'))
    .addOption(new Option('--topic <id>', `only this topic (${TOPICS.map((t) => t.id).join(', ')})`))
    .addOption(
      new Option(
        '--decision <decision>',
        `only stories whose newest decision is this (${DECISION_CHOICES.join(', ')})`,
      ),
    )
    .addOption(new Option('--limit <n>', 'most rows').default('50'))
    .addOption(new Option('--format <format>', 'output format').choices(['md', 'json', 'html']).default('md'))
    .addOption(new Option('--output <file>', 'write to a file instead of stdout'))
    .action(async (flags: CandidateFlags, cmd: Command) => {
      const ctx = createContext(cmd);
      try {
        await run(ctx, flags);
      } catch (error) {
        if (flags.format !== 'json' || !(error instanceof SourcecheckError)) throw error;
        // `main` prints a JSON failure only for `--json`; this command's JSON flag is `--format json`.
        ctx.out(
          `${JSON.stringify({ ok: false, error: { message: describeError(error), exitCode: error.exitCode } })}\n`,
        );
        throw new ResultWrittenError(describeError(error), error.exitCode);
      }
    });
}

async function run(ctx: CommandContext, flags: CandidateFlags): Promise<void> {
  const filter = parseFilter(flags);
  const list = await withDatabase(ctx, { migrate: true }, async (handle) => {
    const since = flags.since ? parseSince(flags.since) : await defaultSince(handle.db, new Date());
    return listCandidates(handle.db, { ...filter, since });
  });
  if (list.emptyReason) ctx.log.warn('no articles yet: run `sourcecheck crawl` first');
  else ctx.log.info(`${list.candidates.length} candidate(s) since ${list.since}`);
  const text = renderCandidates(list, flags.format);
  if (flags.output) await writeFile(flags.output, text);
  else ctx.out(text);
}

/** Every flag checked before the database is opened: a typo costs nothing and names the fix. */
function parseFilter(flags: CandidateFlags): Omit<CandidateFilter, 'since'> {
  if (flags.since) parseSince(flags.since);
  const limit = Number(flags.limit);
  if (!Number.isInteger(limit) || limit < 1)
    throw new BadInputError(`--limit: expected a positive integer, got "${flags.limit}"`);
  if (flags.topic && !findTopic(flags.topic))
    throw new BadInputError(`unknown topic "${flags.topic}" (known: ${TOPICS.map((t) => t.id).join(', ')})`);
  const decision = flags.decision;
  if (decision !== undefined && !isDecision(decision))
    throw new BadInputError(`unknown decision "${decision}" (known: ${DECISION_CHOICES.join(', ')})`);
  const sourceIds = flags.source ? selectSources(flags.source).map((s) => s.id) : undefined;
  return { sourceIds, topic: flags.topic, decision, limit };
}

function isDecision(value: string): value is NonNullable<CandidateFilter['decision']> {
  return (DECISION_CHOICES as readonly string[]).includes(value);
}
