/**
 * The HTTP plumbing of the editors' page: replies with the security headers every response
 * carries, cookies, and the cross-site and Host checks that keep other web sites (and DNS
 * rebinding) from driving a server an editor runs on their own machine.
 */
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { isLoopbackHost } from './token.js';

/** A response to send. */
export interface Reply {
  status: number;
  body?: string;
  type?: string;
  headers?: Record<string, string | string[]>;
}

// Pages load script and style only from /assets/ (no inline code, so an injected <script> or
// style attribute cannot run even if escaping were missed); the report frame is same-origin.
const PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; frame-src 'self'; " +
  "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
/** The CSP of the HTML report shown in the digest page's frame (its style is inline; no script at all). */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'; form-action 'none'";

/** An HTML page. */
export function page(status: number, body: string, headers: Record<string, string | string[]> = {}): Reply {
  return { status, body, type: 'text/html; charset=utf-8', headers };
}

/** A 303 See Other to a same-site path (Post/Redirect/Get). */
export function redirect(location: string, headers: Record<string, string | string[]> = {}): Reply {
  return { status: 303, headers: { ...headers, location } };
}

/** Write `reply` with the headers every response carries. */
export function send(res: ServerResponse, reply: Reply): void {
  const body = reply.body ?? '';
  res.statusCode = reply.status;
  res.setHeader('Content-Security-Policy', PAGE_CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  // Decisions change under the editor: a page from the cache would show an old state.
  res.setHeader('Cache-Control', 'no-store');
  for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
  if (reply.type) res.setHeader('Content-Type', reply.type);
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(body);
}

/** The request's cookies (malformed ones are skipped). */
export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    try {
      cookies.set(part.slice(0, eq).trim(), decodeURIComponent(part.slice(eq + 1).trim()));
    } catch {
      // A cookie another app on localhost set with a stray `%`: not ours, ignore it.
    }
  }
  return cookies;
}

/** A `Set-Cookie` value for this site only, never sent on cross-site requests. */
export function cookie(name: string, value: string, options: { httpOnly: boolean; maxAgeDays: number }): string {
  const parts = [
    `${name}=${encodeURIComponent(value)}`,
    'Path=/',
    'SameSite=Strict',
    `Max-Age=${options.maxAgeDays * 86400}`,
  ];
  if (options.httpOnly) parts.push('HttpOnly');
  return parts.join('; ');
}

/**
 * Why a POST must be refused as cross-site, or null. `Sec-Fetch-Site` decides when the browser
 * sends it (`Origin` is `null` on same-origin posts under `Referrer-Policy: no-referrer`); else
 * an `Origin` must name this host. A client sending neither (curl, a script) is not a browser
 * another site can drive, and the token check still applies to it.
 */
export function crossSiteReason(headers: IncomingHttpHeaders): string | null {
  const site = headers['sec-fetch-site'];
  if (site !== undefined)
    return site === 'same-origin' || site === 'none' ? null : `cross-site request refused (Sec-Fetch-Site: ${site})`;
  const origin = headers.origin;
  if (origin === undefined) return null;
  if (origin === 'null') return 'request from an opaque origin refused';
  try {
    if (new URL(origin).host === headers.host) return null;
  } catch {
    // An Origin that is not a URL is refused below.
  }
  return `cross-origin request refused (Origin: ${origin})`;
}

/**
 * Why the Host header is refused, or null. A server on a loopback address answers only to
 * loopback names, so a page on another site that rebinds its DNS name to 127.0.0.1 cannot read
 * it; on other addresses any Host is fine (the token guards writes there).
 */
export function hostReason(hostHeader: string | undefined, boundToLoopback: boolean): string | null {
  if (!boundToLoopback) return null;
  const host = /^(\[[^\]]*\]|[^:]*)/.exec(hostHeader ?? '')?.[1] ?? '';
  return isLoopbackHost(host)
    ? null
    : `unexpected Host header "${hostHeader ?? ''}": this server answers on loopback names only`;
}

/** `value` when it is a path of this site's candidates page, else the page itself (no open redirect). */
export function safeBack(value: string | undefined, prefix: string): string {
  // Printable ASCII only: anything else could not go into a Location header anyway.
  if (value === undefined || !/^[\x21-\x7e]+$/.test(value)) return prefix;
  return value === prefix || value.startsWith(`${prefix}?`) ? value : prefix;
}
