/**
 * A small leveled logger that writes to **stderr** only: stdout is reserved for results
 * (valid JSON with `--json`), so scripts can pipe it safely.
 */
export const LOG_LEVELS = ['silent', 'error', 'warn', 'info', 'debug'] as const;
/** A log level name, from quietest to noisiest. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Structured context printed after the message, e.g. `{ url, retryCount }`. */
export type LogContext = Record<string, unknown>;

/** The logger every module receives; never `console.log`, which goes to stdout. */
export interface Logger {
  error(message: string, context?: LogContext): void;
  warn(message: string, context?: LogContext): void;
  info(message: string, context?: LogContext): void;
  debug(message: string, context?: LogContext): void;
  readonly level: LogLevel;
}

/** Create a logger writing lines to `write` (stderr by default) at or above `level`. */
export function createLogger(
  level: LogLevel,
  write: (line: string) => void = (line) => process.stderr.write(line),
): Logger {
  const threshold = LOG_LEVELS.indexOf(level);
  const emit = (at: Exclude<LogLevel, 'silent'>, message: string, context?: LogContext) => {
    if (LOG_LEVELS.indexOf(at) > threshold) return;
    const tail = context && Object.keys(context).length > 0 ? ` ${JSON.stringify(context)}` : '';
    write(`${at === 'info' ? '' : `${at}: `}${message}${tail}\n`);
  };
  return {
    level,
    error: (m, c) => emit('error', m, c),
    warn: (m, c) => emit('warn', m, c),
    info: (m, c) => emit('info', m, c),
    debug: (m, c) => emit('debug', m, c),
  };
}
