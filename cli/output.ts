import { Option } from 'commander';
import type { CommandContext } from './context.js';

/** The `--json` flag: results as one JSON document on stdout. */
export function jsonOption(): Option {
  return new Option('--json', 'print results as JSON on stdout');
}

/** Write one JSON document (pretty, newline-terminated) to stdout. */
export function writeJson(ctx: Pick<CommandContext, 'out'>, value: unknown): void {
  ctx.out(`${JSON.stringify(value, null, 2)}\n`);
}
