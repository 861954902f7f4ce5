/**
 * The write token of `sourcecheck serve`. On a loopback address only this machine's users
 * can reach the page; bound anywhere else, anyone on the network could accept or reject
 * stories, so the server refuses to start without a token and every POST must carry it.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import { BadInputError } from '../core/errors.js';

/** The environment variable that supplies the token when `--token` is not given. */
export const TOKEN_ENV = 'SOURCECHECK_WEB_TOKEN';

/** Whether `host` names this machine only: 127.0.0.0/8, ::1, `localhost` (and IPv4-mapped ::ffff:127.x). */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) !== 6) return false;
  // The URL parser writes IPv6 canonically: `0:0::1` becomes `::1`, `::ffff:127.0.0.1` becomes `::ffff:7f00:1`.
  const canonical = new URL(`http://[${h}]/`).hostname.slice(1, -1);
  return canonical === '::1' || /^::ffff:7f[0-9a-f]{2}:/.test(canonical);
}

/**
 * Whether `given` equals `expected`, in constant time. Both are hashed first so that
 * `timingSafeEqual` compares equal lengths and the time does not reveal the token's length.
 */
export function tokenMatches(expected: string, given: string | null | undefined): boolean {
  if (typeof given !== 'string' || given === '') return false;
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(given).digest();
  return timingSafeEqual(a, b);
}

/**
 * The token the server enforces: the flag, else the environment variable, else none. Throws
 * {@link BadInputError} (exit 3) when `host` is not loopback and no token is given, or when the
 * token is too short to resist guessing.
 */
export function resolveToken(host: string, flag: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  const token = flag ?? (env[TOKEN_ENV] || undefined);
  if (token === undefined) {
    if (isLoopbackHost(host)) return undefined;
    throw new BadInputError(
      `refusing to serve on ${host} (not a loopback address) without a write token: pass --token or set ${TOKEN_ENV}`,
    );
  }
  if (token.length < 12) throw new BadInputError('the write token must be at least 12 characters');
  return token;
}

/** The bearer token of an `Authorization` header, or null. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1] ?? null;
}
