import type { Command } from 'commander';
import { configFields, loadConfig, type ConfigKey, type LoadedConfig } from '../core/config.js';
import { createLogger, type Logger } from '../core/log.js';
import { openDatabase, type DatabaseHandle } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';
import { upsertSources } from '../db/repositories/source.repository.js';
import { sourceRegistry } from '../crawlers/sources/index.js';
import { parsers } from '../crawlers/parsers/index.js';
import { answerReprocessRequests } from '../crawlers/engine/reprocess.js';

/** What every command gets: validated config, a stderr logger, and a stdout writer. */
export interface CommandContext extends LoadedConfig {
  log: Logger;
  /** Write results to stdout. Nothing else may write there. */
  out: (text: string) => void;
}

/** Build the context from the global flags of `cmd` (flags > env > config file > defaults). */
export function createContext(cmd: Command, env: NodeJS.ProcessEnv = process.env): CommandContext {
  const opts = cmd.optsWithGlobals<Record<string, unknown>>();
  const flags: Partial<Record<ConfigKey, unknown>> & { config?: string } = {};
  for (const key of Object.keys(configFields) as ConfigKey[]) {
    if (opts[key] !== undefined) flags[key] = opts[key];
  }
  if (typeof opts.config === 'string') flags.config = opts.config;
  const loaded = loadConfig({ flags, env });
  return { ...loaded, log: createLogger(loaded.config.logLevel), out: (text) => process.stdout.write(text) };
}

/**
 * Open the database, optionally bring it to the latest migration, sync the source registry into
 * it and answer a migration's request to re-parse the archive (a column only the parsers can
 * fill, like `articles.issuer`), run `fn`, and always close it again.
 */
export async function withDatabase<T>(
  ctx: CommandContext,
  options: {
    migrate: boolean;
    /** Answer pending archive re-parses (default true; `reprocess` does its own). */ answerReprocess?: boolean;
  },
  fn: (handle: DatabaseHandle) => Promise<T>,
): Promise<T> {
  const handle = await openDatabase(ctx.config, ctx.log);
  try {
    if (options.migrate) {
      for (const r of await migrateToLatest(handle.db)) ctx.log.info(`applied migration ${r.migrationName}`);
      await upsertSources(handle.db, sourceRegistry);
      if (options.answerReprocess !== false)
        for (const name of await answerReprocessRequests(handle.db, sourceRegistry, parsers, ctx.log))
          ctx.log.info(`archive reprocessed for migration ${name}`);
    }
    return await fn(handle);
  } finally {
    await handle.close();
  }
}
