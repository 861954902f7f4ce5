import { CommanderError } from 'commander';
import { ChecksFailedError, ResultWrittenError, SourcecheckError, describeError } from '../core/errors.js';
import { ExitCode, type ExitCodeValue } from '../core/exit-codes.js';
import { buildProgram } from './program.js';

const COMMANDER_OK = new Set([
  'commander.helpDisplayed',
  'commander.help',
  'commander.version',
  'commander.executeSubCommandAsync',
]);

/**
 * Run the CLI with `argv` (without node and script) and return the exit code. Known errors
 * print one line on stderr; `--verbose` adds the stack and the cause chain. With `--json`,
 * a failure still leaves valid JSON on stdout (`{ "ok": false, "error": … }`).
 */
export async function main(argv: readonly string[]): Promise<ExitCodeValue> {
  const program = buildProgram();
  const verbose = argv.includes('--verbose');
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return ExitCode.Ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (COMMANDER_OK.has(error.code)) return ExitCode.Ok;
      if (!(error.cause instanceof Error)) return ExitCode.BadInput; // commander already printed usage
    }
    const failure = error instanceof CommanderError && error.cause ? error.cause : error;
    const code = failure instanceof SourcecheckError ? failure.exitCode : ExitCode.Unexpected;
    const prefix = code === ExitCode.Unexpected ? 'unexpected error: ' : '';
    process.stderr.write(`sourcecheck: ${prefix}${describeError(failure)}\n`);
    if (verbose) process.stderr.write(`${formatChain(failure)}\n`);
    // A ChecksFailedError comes after the command printed its own (valid) JSON result.
    if (argv.includes('--json') && !(failure instanceof ChecksFailedError || failure instanceof ResultWrittenError)) {
      process.stdout.write(
        `${JSON.stringify({ ok: false, error: { message: describeError(failure), exitCode: code } })}\n`,
      );
    }
    return code;
  }
}

function formatChain(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error, depth = 0; e !== undefined && depth < 8; depth++) {
    parts.push(e instanceof Error ? (e.stack ?? e.message) : String(e));
    e = e instanceof Error ? e.cause : undefined;
    if (e !== undefined) parts.push('caused by:');
  }
  return parts.join('\n');
}
