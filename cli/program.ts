import { Command, Option } from 'commander';
import { configFields, type ConfigKey } from '../core/config.js';
import { configCommand } from './commands/config.js';
import { dbCommand } from './commands/db.js';
import { sourcesCommand } from './commands/sources.js';
import { crawlCommand } from './commands/crawl.js';
import { articlesCommand } from './commands/articles.js';
import { reprocessCommand } from './commands/reprocess.js';
import { storiesCommand } from './commands/stories.js';
import { verifyCommand } from './commands/verify.js';
import { nightlyCommand } from './commands/nightly.js';
import { candidatesCommand } from './commands/candidates.js';
import { serveCommand } from './commands/serve.js';
import { version } from './version.js';

/**
 * Build the `sourcecheck` command tree. Global flags are generated from the config table,
 * so every setting has a flag and `--help` lists them all. Commander is told not to exit:
 * `main` maps its errors to exit codes.
 */
export function buildProgram(): Command {
  const program = new Command('sourcecheck')
    .description('Crawl policy-news sources and verify a digest’s references against them.')
    .version(version, '-V, --version')
    .option('--config <path>', 'config file (JSON; default ./sourcecheck.config.json if present)')
    .option('--verbose', 'print stack traces and causes of errors')
    .configureOutput({ writeOut: (s) => process.stdout.write(s), writeErr: (s) => process.stderr.write(s) });
  for (const key of Object.keys(configFields) as ConfigKey[]) {
    const { flag, description, env } = configFields[key];
    // The env var is read by loadConfig (so precedence is decided in one place), not by commander.
    program.addOption(new Option(flag, `${description} [env: ${env}]`));
  }
  for (const cmd of [
    crawlCommand(),
    articlesCommand(),
    storiesCommand(),
    candidatesCommand(),
    verifyCommand(),
    nightlyCommand(),
    serveCommand(),
    reprocessCommand(),
    dbCommand(),
    sourcesCommand(),
    configCommand(),
  ])
    program.addCommand(cmd);
  // Usage goes to stderr after any parse error; errors come back to `main` as exceptions.
  applyRecursively(program, (cmd) => cmd.exitOverride().showHelpAfterError());
  return program;
}

function applyRecursively(cmd: Command, fn: (c: Command) => void): void {
  fn(cmd);
  for (const sub of cmd.commands) applyRecursively(sub, fn);
}
