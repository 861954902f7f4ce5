import { execFile } from 'node:child_process';

const BIN = new URL('../../bin/sourcecheck.js', import.meta.url).pathname;

/** What one CLI run produced. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

/**
 * Run the real `sourcecheck` binary in a child process with a clean environment (no
 * DATABASE_URL or SOURCECHECK_* from the developer's shell leaks in) plus `env`.
 */
export function runCli(args: readonly string[], env: Record<string, string> = {}, cwd?: string): Promise<CliResult> {
  const started = Date.now();
  const base = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    NO_COLOR: '1',
    SOURCECHECK_LOG_LEVEL: 'warn',
  };
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { ...base, ...env }, cwd, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr, ms: Date.now() - started });
      },
    );
  });
}
