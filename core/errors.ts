import { ExitCode, type ExitCodeValue } from './exit-codes.js';

/**
 * An error the CLI reports as one line (no stack trace unless `--verbose`) and exits with
 * `exitCode`. Anything that is not a `SourcecheckError` is a bug and exits with
 * {@link ExitCode.Unexpected}. Wrap the original error in `cause` so `--verbose` can show it.
 */
export class SourcecheckError extends Error {
  readonly exitCode: ExitCodeValue;

  constructor(message: string, exitCode: ExitCodeValue, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.exitCode = exitCode;
  }
}

/** Bad input or configuration (exit 3): the user can fix it by changing what they passed. */
export class BadInputError extends SourcecheckError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, ExitCode.BadInput, options);
  }
}

/** The database cannot be used (exit 4): unreachable, refused, wrong locale, locked or corrupt. */
export class DatabaseUnavailableError extends SourcecheckError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, ExitCode.DatabaseUnavailable, options);
  }
}

/** The run completed but checks failed (exit 2): a source broke, a reference did not verify. */
export class ChecksFailedError extends SourcecheckError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, ExitCode.ChecksFailed, options);
  }
}

/** Describe any thrown value in one line, without a stack trace. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message.split('\n')[0] ?? error.name;
  return String(error);
}

/** Another run of the same job holds its lock (exit 5). */
export class BusyError extends SourcecheckError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, ExitCode.Busy, options);
    this.name = 'BusyError';
  }
}

/**
 * The command already wrote its whole result (a JSON document included); only its exit code is
 * left to give, so `main` must not print a second JSON document.
 */
export class ResultWrittenError extends SourcecheckError {
  constructor(message: string, exitCode: ExitCodeValue) {
    super(message, exitCode);
    this.name = 'ResultWrittenError';
  }
}
