import { NonRetryableError, type HttpCrawlingContext } from '@crawlee/http';
import { BotWallError, PermanentHttpError, RobotsDisallowedError, TransientHttpError } from '../errors.js';
import { FetchError, BodyTooLargeError, RedirectError } from '../fetch/errors.js';
import { backoffMs, retryAfterMs, type HostGate } from './host-gate.js';
import type { RobotsCache } from './robots.js';
import { keyOf, type RouteDeps } from './routes.js';

const BOT_WALL = new Set([401, 403, 412]);

/** Before a request: robots.txt must allow it (SITEMAP requests follow the sitemap rule). */
export function robotsHook(robots: RobotsCache) {
  return async ({ request }: HttpCrawlingContext) => {
    const verdict = await robots.check(request.url, request.label ?? 'ARTICLE');
    if (!verdict.allowed) throw new RobotsDisallowedError(request.url, verdict.reason);
  };
}

/**
 * After a response: archive it (every status, exact bytes) with its run, then turn the
 * status into the error class that decides what happens next. A 404 on a later list page
 * passes through: that is how a run of list pages ends.
 */
export function archiveHook(deps: RouteDeps, runId: string) {
  return async ({ request }: HttpCrawlingContext) => {
    const page = deps.client.take(request.method, request.url, request.payload);
    if (!page) return;
    const key = keyOf({ request });
    deps.fetched.set(key, page);
    const data = (request.userData as { data?: { page?: number; optional?: boolean } }).data ?? {};
    await deps.writer.addPage(key, {
      runId,
      sourceId: deps.source.id,
      label: request.label ?? 'ARTICLE',
      method: request.method,
      requestedUrl: request.url,
      finalUrl: page.finalUrl,
      status: page.status,
      headers: page.headers,
      body: page.body,
      error: null,
      userData: data,
    });
    const { status } = page;
    if (status < 300) return;
    if (status === 404 && endsNormally(request.label, data)) return;
    if (status === 429 || status >= 500)
      throw new TransientHttpError(status, request.url, retryAfterMs(page.headers['retry-after']));
    if (BOT_WALL.has(status)) throw new BotWallError(status, request.url, `bot wall: HTTP ${status}`);
    throw new PermanentHttpError(status, request.url);
  };
}

/** A 404 that is an answer, not a failure: past the last list page, or an optional request. */
export function endsNormally(label: string | undefined, data: { page?: number; optional?: boolean }): boolean {
  return data.optional === true || (label !== 'ARTICLE' && (data.page ?? 1) > 1);
}

/** Before a retry: hold the host for Retry-After, or an exponential backoff with jitter. */
export function backoffHandler(gate: HostGate) {
  return ({ request }: HttpCrawlingContext, error: Error) => {
    if (error instanceof NonRetryableError) return;
    const host = new URL(request.url).hostname;
    const wait =
      error instanceof TransientHttpError && error.retryAfterMs !== undefined
        ? error.retryAfterMs
        : backoffMs(request.retryCount);
    gate.defer(host, Date.now() + wait);
  };
}

/** When a URL has failed for good: one error record with its kind and the saved page. */
export function failureHandler(deps: RouteDeps) {
  return async ({ request }: HttpCrawlingContext, error: Error) => {
    deps.fetched.delete(keyOf({ request }));
    deps.recorder.fail(request.url, kindOf(error), error.message, await deps.writer.pageId(keyOf({ request })));
  };
}

/** A short, stable name for a failure, as stored in `crawl_runs.errors[].kind`. */
export function kindOf(error: Error): string {
  if (error instanceof PermanentHttpError || error instanceof TransientHttpError) return `HTTP ${error.status}`;
  if (error instanceof BotWallError) return `bot wall (HTTP ${error.status})`;
  if (error instanceof RobotsDisallowedError) return 'robots.txt';
  if (error instanceof BodyTooLargeError) return 'body too large';
  if (error instanceof RedirectError) return 'redirect';
  if (error instanceof FetchError) return error.name === 'FetchTimeoutError' ? 'timeout' : 'network';
  if (/timed out/i.test(error.message)) return 'timeout';
  return error.name;
}
