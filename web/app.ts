/** What every request handler of the editors' page gets: the database, the token and the request. */
import type { IncomingMessage } from 'node:http';
import type { Kysely } from 'kysely';
import type { Logger } from '../core/log.js';
import type { Database } from '../db/database.js';
import type { ReportStore } from './report-store.js';
import { tokenMatches } from './token.js';

/** The server's state, shared by all requests. */
export interface WebApp {
  db: Kysely<Database>;
  /** The write token every POST must carry, or undefined when none is required. */
  token: string | undefined;
  /** Whether the server listens on a loopback address (then it answers loopback Host names only). */
  loopback: boolean;
  log: Logger;
  now: () => Date;
  reports: ReportStore;
}

/** One request, parsed. */
export interface WebRequest {
  req: IncomingMessage;
  method: string;
  url: URL;
  cookies: ReadonlyMap<string, string>;
}

/** Cookie names: the write token (HttpOnly) and the reviewer's name. */
export const TOKEN_COOKIE = 'sc_token';
export const REVIEWER_COOKIE = 'sc_reviewer';
/** The reviewer recorded when the editor never gave a name. */
export const DEFAULT_REVIEWER = 'editor';

/** How the page should treat the token for this request. */
export interface TokenState {
  /** The value for the forms' hidden token field, or null. */
  formToken: string | null;
  /** A token is required and this browser has not given it yet. */
  tokenMissing: boolean;
}

/** Whether this request's browser already gave the token (in its cookie). */
export function tokenState(app: WebApp, r: WebRequest): TokenState {
  if (app.token === undefined) return { formToken: null, tokenMissing: false };
  const given = r.cookies.get(TOKEN_COOKIE);
  return tokenMatches(app.token, given)
    ? { formToken: given!, tokenMissing: false }
    : { formToken: null, tokenMissing: true };
}

/** The reviewer name remembered for this browser. */
export function reviewerOf(r: WebRequest): string {
  const name = r.cookies.get(REVIEWER_COOKIE)?.trim();
  return name && name.length <= 100 ? name : DEFAULT_REVIEWER;
}
