/**
 * Failures of the fetch layer. Each class says what went wrong with one URL; the crawl
 * engine decides from the class whether a retry can help (timeouts and resets can, a body
 * over the cap or a redirect off the source's hosts cannot).
 */
export class FetchError extends Error {
  constructor(
    message: string,
    readonly url: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** No complete answer within the timeout. Retryable. */
export class FetchTimeoutError extends FetchError {}

/** The connection failed (refused, reset, DNS). Retryable. */
export class FetchNetworkError extends FetchError {}

/** The body exceeded the size cap; the rest was not read. Not retryable. */
export class BodyTooLargeError extends FetchError {}

/** Too many redirects, a loop, or a redirect to a host the source does not own. Not retryable. */
export class RedirectError extends FetchError {}
