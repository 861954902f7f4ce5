import { toRealUrl, toWireUrl, type HostMap } from './host-map.js';
import { BodyTooLargeError, FetchNetworkError, FetchTimeoutError, RedirectError } from './errors.js';

/** Options of {@link fetchPage}. */
export interface FetchPageOptions {
  hostMap: HostMap;
  method?: 'GET' | 'POST' | 'HEAD';
  headers?: Record<string, string>;
  body?: string;
  /** Whole-request timeout, connection to last byte. @default 30000 */
  timeoutMs?: number;
  /** Largest body read; a larger one fails with `BodyTooLargeError`. @default 10 MiB */
  maxBodyBytes?: number;
  /** Redirects followed before giving up. @default 5 */
  maxRedirects?: number;
  /** When given, a redirect to a host outside this set fails with `RedirectError`. */
  allowedHosts?: ReadonlySet<string>;
}

/** A response with URLs in their real form (never the mirror's), and the raw body bytes. */
export interface FetchedPage {
  requestedUrl: string;
  finalUrl: string;
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  redirects: string[];
}

const REDIRECT = new Set([301, 302, 303, 307, 308]);

/**
 * Fetch one URL. The host map is applied here and only here: the request goes to the
 * mirror, every URL reported back (final URL, redirect chain) is the real one. Redirects are
 * followed by hand so each hop is mapped and checked against `allowedHosts`.
 */
export async function fetchPage(url: string, options: FetchPageOptions): Promise<FetchedPage> {
  const { timeoutMs = 30_000 } = options;
  // Not AbortSignal.timeout(): its timer lives out the full timeout after the page is in, and
  // holds whatever the caller's async context references (under crawlee: the whole crawling
  // context with the response) until then. Issue #3's bench kept every page of the last 30 s.
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    return await follow(url, options, controller.signal);
  } finally {
    clearTimeout(timer);
  }
}

async function follow(url: string, options: FetchPageOptions, signal: AbortSignal): Promise<FetchedPage> {
  const { maxRedirects = 5 } = options;
  const redirects: string[] = [];
  let current = new URL(url);
  let method = options.method ?? 'GET';
  let body = options.body;
  for (;;) {
    const response = await send(current, method, body, options, signal);
    const location = response.headers.get('location');
    if (!REDIRECT.has(response.status) || !location) {
      const bytes =
        method === 'HEAD' ? Buffer.alloc(0) : await readCapped(response, current.href, options.maxBodyBytes, signal);
      return {
        requestedUrl: url,
        finalUrl: current.href,
        status: response.status,
        headers: headerRecord(response.headers),
        body: bytes,
        redirects,
      };
    }
    await response.body?.cancel();
    const next = toRealUrl(new URL(location, current), options.hostMap);
    checkRedirect(url, next, redirects, maxRedirects, options.allowedHosts);
    redirects.push(next.href);
    if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
      method = 'GET';
      body = undefined;
    }
    current = next;
  }
}

async function send(
  url: URL,
  method: string,
  body: string | undefined,
  options: FetchPageOptions,
  signal: AbortSignal,
): Promise<Response> {
  try {
    return await fetch(toWireUrl(url, options.hostMap), {
      method,
      body,
      headers: options.headers,
      redirect: 'manual',
      signal,
    });
  } catch (cause) {
    if (signal.aborted)
      throw new FetchTimeoutError(`no complete answer within ${options.timeoutMs ?? 30_000} ms`, url.href, { cause });
    const reason = (cause as { cause?: { code?: string } }).cause?.code ?? (cause as Error).message;
    throw new FetchNetworkError(`request failed: ${reason}`, url.href, { cause });
  }
}

function checkRedirect(origin: string, next: URL, seen: string[], max: number, allowed?: ReadonlySet<string>): void {
  if (seen.includes(next.href) || next.href === origin)
    throw new RedirectError(`redirect loop at ${next.href}`, origin);
  if (seen.length >= max) throw new RedirectError(`more than ${max} redirects`, origin);
  if (allowed && !allowed.has(next.hostname)) throw new RedirectError(`redirect to another host: ${next.href}`, origin);
}

async function readCapped(
  response: Response,
  url: string,
  maxBytes = 10 * 1024 * 1024,
  signal: AbortSignal,
): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw new BodyTooLargeError(`body of ${declared} bytes exceeds the ${maxBytes}-byte cap`, url);
  }
  const chunks: Uint8Array[] = [];
  const reader = response.body?.getReader();
  let size = 0;
  try {
    for (let part = await reader?.read(); part && !part.done; part = await reader?.read()) {
      const chunk = part.value;
      size += chunk.byteLength;
      if (size > maxBytes) {
        await reader?.cancel();
        throw new BodyTooLargeError(`body exceeds the ${maxBytes}-byte cap`, url);
      }
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw error;
    if (signal.aborted) throw new FetchTimeoutError('body not complete within the timeout', url, { cause: error });
    throw new FetchNetworkError(`body read failed: ${(error as Error).message}`, url, { cause: error });
  }
  return Buffer.concat(chunks);
}

function headerRecord(headers: Headers): Record<string, string> {
  return Object.fromEntries(headers);
}
