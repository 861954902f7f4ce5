import { pipeline, Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate, createInflateRaw } from 'node:zlib';
import { request, type Dispatcher } from 'undici';
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

/** The content codings asked for, each decoded by readCapped (what fetch asks for and decodes). */
const ACCEPT_ENCODING = 'gzip, deflate, br';
const DECODERS: Record<string, () => NodeJS.ReadWriteStream & Readable> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  br: createBrotliDecompress,
};

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
    const headers = headerRecord(response.headers);
    const status = response.statusCode;
    if (!REDIRECT.has(status) || !headers.location) {
      const bytes =
        method === 'HEAD'
          ? await discard(response)
          : await readCapped(response, current.href, options.maxBodyBytes, signal);
      return { requestedUrl: url, finalUrl: current.href, status, headers, body: bytes, redirects };
    }
    await discard(response);
    const location = headers.location;
    const next = toRealUrl(new URL(location, current), options.hostMap);
    checkRedirect(url, next, redirects, maxRedirects, options.allowedHosts);
    redirects.push(next.href);
    if (status === 303 || ((status === 301 || status === 302) && method === 'POST')) {
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
): Promise<Dispatcher.ResponseData> {
  try {
    // undici's request(), the client under Node's fetch without the WHATWG layer: a third of
    // fetch's CPU per page (issue #3's bench). It never follows redirects by itself.
    return await request(toWireUrl(url, options.hostMap), {
      method: method as Dispatcher.HttpMethod,
      body,
      headers: { 'accept-encoding': ACCEPT_ENCODING, ...options.headers },
      signal,
    });
  } catch (cause) {
    if (signal.aborted)
      throw new FetchTimeoutError(`no complete answer within ${options.timeoutMs ?? 30_000} ms`, url.href, { cause });
    const error = cause as { code?: string; cause?: { code?: string }; message: string };
    throw new FetchNetworkError(`request failed: ${error.code ?? error.cause?.code ?? error.message}`, url.href, {
      cause,
    });
  }
}

function checkRedirect(origin: string, next: URL, seen: string[], max: number, allowed?: ReadonlySet<string>): void {
  if (seen.includes(next.href) || next.href === origin)
    throw new RedirectError(`redirect loop at ${next.href}`, origin);
  if (seen.length >= max) throw new RedirectError(`more than ${max} redirects`, origin);
  if (allowed && !allowed.has(next.hostname)) throw new RedirectError(`redirect to another host: ${next.href}`, origin);
}

/**
 * The body's bytes as decoded from `coding`. Any other coding (identity, an unknown one, or a
 * chain such as `gzip, br`, which no source here sends and fetch would unwind) is kept as sent.
 */
function decoded(body: Readable, coding: string): AsyncIterable<Buffer> {
  if (coding === 'deflate') return inflated(body);
  const decoder = DECODERS[coding];
  return decoder ? pipeline(body, decoder(), () => {}) : body;
}

/** "deflate" comes zlib-wrapped (RFC 9110) or raw (some old servers): its first byte tells which, as in fetch. */
async function* inflated(body: Readable): AsyncGenerator<Buffer> {
  const chunks = body[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const first = await chunks.next();
  if (first.done) return;
  const inflate = (first.value[0]! & 0x0f) === 0x08 ? createInflate() : createInflateRaw();
  async function* all() {
    yield first.value;
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value;
  }
  yield* pipeline(Readable.from(all()), inflate, () => {}) as AsyncIterable<Buffer>;
}

/** Read a body nobody needs (a redirect's, a HEAD's) so its connection can be reused. */
async function discard(response: Dispatcher.ResponseData): Promise<Buffer> {
  await response.body.dump().catch(() => {}); // a broken connection is not reused anyway
  return Buffer.alloc(0);
}

/**
 * The body, decoded as its Content-Encoding says (as fetch would), at most `maxBytes` of it:
 * the cap applies to the decoded bytes, so a small compressed bomb is stopped too.
 */
async function readCapped(
  response: Dispatcher.ResponseData,
  url: string,
  maxBytes = 10 * 1024 * 1024,
  signal: AbortSignal,
): Promise<Buffer> {
  const declared = Number(response.headers['content-length'] ?? NaN);
  if (declared > maxBytes) {
    response.body.destroy();
    throw new BodyTooLargeError(`body of ${declared} bytes exceeds the ${maxBytes}-byte cap`, url);
  }
  const coding = String(response.headers['content-encoding'] ?? '')
    .trim()
    .toLowerCase();
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of decoded(response.body, coding)) {
      size += chunk.byteLength;
      if (size > maxBytes) throw new BodyTooLargeError(`body exceeds the ${maxBytes}-byte cap`, url);
      chunks.push(chunk);
    }
  } catch (error) {
    response.body.destroy();
    if (error instanceof BodyTooLargeError) throw error;
    if (signal.aborted) throw new FetchTimeoutError('body not complete within the timeout', url, { cause: error });
    throw new FetchNetworkError(`body read failed: ${(error as Error).message}`, url, { cause: error });
  }
  return Buffer.concat(chunks);
}

/**
 * Response headers as one string each: repeated ones joined with ", " (RFC 9110), except
 * Set-Cookie, whose values may hold commas themselves: joined with newlines.
 */
function headerRecord(headers: Dispatcher.ResponseData['headers']): Record<string, string> {
  const record: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    record[name] = Array.isArray(value) ? value.join(name === 'set-cookie' ? '\n' : ', ') : value;
  }
  return record;
}
