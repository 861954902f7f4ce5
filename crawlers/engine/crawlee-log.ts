import { log as crawleeLog, Logger as CrawleeLogger, LogLevel } from '@crawlee/http';
import type { Logger } from '../../core/log.js';

/**
 * crawlee logs to stdout by default, which would corrupt `--json` output. Route it to our
 * stderr logger; its INFO chatter (statistics every minute) goes to debug.
 */
class ForwardingLogger extends CrawleeLogger {
  constructor(private readonly target: Logger) {
    super({});
  }

  override _log(level: LogLevel, message: string, data?: Record<string, unknown>, exception?: unknown): void {
    const context = exception instanceof Error ? { ...data, error: exception.message } : data;
    // A request that failed for good is already recorded per URL and summarised per source:
    // one line is enough; crawlee's stack trace (in the message) only with --log-level debug.
    const [first = message, ...rest] = message.split('\n');
    if (level <= LogLevel.ERROR) {
      this.target.warn(`crawlee: ${first}`, context);
      if (rest.length > 0) this.target.debug(`crawlee: ${message}`, context);
    } else this.target.debug(`crawlee: ${message}`, context);
  }
}

/** Send crawlee's global log to `logger` (stderr), at a level that follows ours. */
export function routeCrawleeLog(logger: Logger): void {
  crawleeLog.setOptions({
    logger: new ForwardingLogger(logger),
    level: logger.level === 'debug' ? LogLevel.DEBUG : LogLevel.WARNING,
  });
}
