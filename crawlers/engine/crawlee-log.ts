import { log as crawleeLog, Logger as CrawleeLogger, LogLevel } from 'crawlee';
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
    if (level <= LogLevel.ERROR) this.target.error(`crawlee: ${message}`, context);
    else if (level === LogLevel.WARNING) this.target.debug(`crawlee: ${message}`, context);
    else this.target.debug(`crawlee: ${message}`, context);
  }
}

/** Send crawlee's global log to `logger` (stderr), at a level that follows ours. */
export function routeCrawleeLog(logger: Logger): void {
  crawleeLog.setOptions({
    logger: new ForwardingLogger(logger),
    level: logger.level === 'debug' ? LogLevel.DEBUG : LogLevel.WARNING,
  });
}
