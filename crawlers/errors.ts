import { CriticalError, NonRetryableError, SessionError } from '@crawlee/http';

/**
 * The crawl error hierarchy. The class decides what crawlee does next (crawlee's own
 * `canRequestBeRetried` reads it): non-retryable errors fail the URL at once, session errors
 * retire the session and retry, anything else is retried up to the limit with backoff.
 * Every error names the URL; wrap the original in `cause`.
 */

/**
 * The page arrived but the expected markup was not there: the site's layout probably
 * changed. Retrying cannot help; the source is reported as "layout changed?" with the URL
 * and the saved HTML.
 */
export class LayoutChangedError extends NonRetryableError {
  constructor(
    message: string,
    readonly url: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'LayoutChangedError';
  }
}

/** A status that retrying will not change (404, 410, 400…), or a page beyond a fetch rule. */
export class PermanentHttpError extends NonRetryableError {
  constructor(
    readonly status: number,
    readonly url: string,
    message = `HTTP ${status}`,
  ) {
    super(message);
    this.name = 'PermanentHttpError';
  }
}

/**
 * A bot wall (401 DataDome interstitial, 403, a 412 JS cookie challenge): the session is
 * retired and the request retried with a fresh one, a bounded number of times.
 */
export class BotWallError extends SessionError {
  constructor(
    readonly status: number,
    readonly url: string,
    message: string,
  ) {
    super(message);
    this.name = 'BotWallError';
  }
}

/** A transient answer (429, 5xx): retried after `Retry-After` or an exponential backoff. */
export class TransientHttpError extends Error {
  constructor(
    readonly status: number,
    readonly url: string,
    readonly retryAfterMs: number | undefined,
  ) {
    super(`HTTP ${status}${retryAfterMs !== undefined ? ` (Retry-After ${Math.round(retryAfterMs / 1000)} s)` : ''}`);
    this.name = 'TransientHttpError';
  }
}

/** Disallowed by the host's robots.txt: recorded and skipped, never fetched. */
export class RobotsDisallowedError extends NonRetryableError {
  constructor(
    readonly url: string,
    reason = 'disallowed by robots.txt',
  ) {
    super(reason);
    this.name = 'RobotsDisallowedError';
  }
}

/**
 * The archive could not be written (the database refused a batch). Nothing after it can be
 * kept, so the crawl stops (crawlee's CriticalError ends the run) and the run is recorded as
 * failed with this cause; batches written before it stay, each whole.
 */
export class ArchiveWriteError extends CriticalError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ArchiveWriteError';
  }
}
