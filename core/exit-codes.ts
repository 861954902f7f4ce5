/**
 * Exit codes of the `sourcecheck` CLI. Scripts and CI rely on these numbers: add new ones,
 * never renumber. Modelled on lychee's `ExitCode` (0 ok, 1 catch-all, 2 check failures, 3 config).
 */
export const ExitCode = {
  /** Everything asked for was done and every check passed. */
  Ok: 0,
  /** An unexpected failure: a bug or an error nobody classified. The catch-all for bubbled errors. */
  Unexpected: 1,
  /** The run completed but checks failed (a reference not verified, a source broken). */
  ChecksFailed: 2,
  /** Bad input or configuration: unknown command or flag, invalid value, unreadable file. */
  BadInput: 3,
  /** The database cannot be used: unreachable, wrong credentials, wrong locale, locked or corrupt. */
  DatabaseUnavailable: 4,
  /** Refused because the same job is already running (a second `nightly`). */
  Busy: 5,
} as const;

/** One of the numbers in {@link ExitCode}. */
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];
