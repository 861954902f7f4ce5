/**
 * The request dispatcher and the read-only pages (candidates, source health, digest reports).
 * Writes live in actions.ts; every request first passes the Host check, and `?token=` on any
 * page stores the write token in a cookie and redirects to the same URL without it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BadInputError, describeError } from '../core/errors.js';
import { sourceRegistry } from '../crawlers/sources/index.js';
import { defaultSince, listCandidates } from '../pipeline/candidates/list.js';
import { TOPICS } from '../pipeline/candidates/topics.js';
import { sourceHealth } from '../pipeline/health/source-health.js';
import { handlePost } from './actions.js';
import { TOKEN_COOKIE, reviewerOf, tokenState, type WebApp, type WebRequest } from './app.js';
import { ASSETS } from './assets.js';
import { readFilterQuery, toCandidateFilter } from './filters.js';
import { RequestError } from './forms.js';
import { REPORT_CSP, cookie, hostReason, page, parseCookies, redirect, send, type Reply } from './http.js';
import { candidatesPage } from './pages/candidates.js';
import { digestPage, framedReport } from './pages/digest.js';
import { errorPage } from './pages/layout.js';
import { sourcesPage } from './pages/sources.js';
import { tokenMatches } from './token.js';

const KNOWN = {
  sources: new Set(sourceRegistry.map((s) => s.id)),
  topics: new Set(TOPICS.map((t) => t.id)),
};

/** Whether nothing has been crawled yet (the pages then point at `sourcecheck crawl`). */
async function databaseEmpty(app: WebApp): Promise<boolean> {
  return (await app.db.selectFrom('articles').select('id').limit(1).executeTakeFirst()) === undefined;
}

/** The page URL as forms send it back: path and query, without a `token` parameter. */
function pagePath(url: URL): string {
  const params = new URLSearchParams(url.searchParams);
  params.delete('token');
  const query = params.toString();
  return query === '' ? url.pathname : `${url.pathname}?${query}`;
}

async function candidates(app: WebApp, r: WebRequest): Promise<Reply> {
  const query = readFilterQuery(r.url);
  const filter = toCandidateFilter(query, KNOWN, await defaultSince(app.db, app.now()));
  const list = await listCandidates(app.db, filter);
  const view = {
    list,
    query,
    emptyDatabase: await databaseEmpty(app),
    back: pagePath(r.url),
    reviewer: reviewerOf(r),
    ...tokenState(app, r),
    sources: sourceRegistry.map((s) => ({ id: s.id, name: s.name })),
    topics: TOPICS.map((t) => ({ id: t.id, name: t.name })),
  };
  return page(200, candidatesPage(view));
}

async function sources(app: WebApp): Promise<Reply> {
  const health = await sourceHealth(app.db, sourceRegistry, app.now());
  return page(200, sourcesPage(health, await databaseEmpty(app)));
}

function digest(app: WebApp, r: WebRequest, id: string | null): Reply {
  const report = id === null ? null : (app.reports.get(id) ?? null);
  if (id !== null && report === null)
    throw new RequestError(404, 'this report is no longer kept (the server keeps the last 20): check the digest again');
  return page(200, digestPage({ ...tokenState(app, r), report, text: '' }));
}

function digestReport(app: WebApp, id: string): Reply {
  const report = app.reports.get(id);
  if (!report) throw new RequestError(404, 'this report is no longer kept: check the digest again');
  return page(200, framedReport(report), { 'Content-Security-Policy': REPORT_CSP, 'X-Frame-Options': 'SAMEORIGIN' });
}

function asset(name: string): Reply {
  const file = ASSETS.get(name);
  if (!file) throw new RequestError(404, `no such file: /assets/${name}`);
  return { status: 200, body: file.body, type: file.type };
}

/** `?token=` given on a page: remember it in a cookie, or refuse a wrong one. */
function enterToken(app: WebApp, r: WebRequest, given: string): Reply {
  if (app.token === undefined) return redirect(pagePath(r.url));
  if (!tokenMatches(app.token, given)) throw new RequestError(403, 'wrong write token');
  return redirect(pagePath(r.url), { 'set-cookie': cookie(TOKEN_COOKIE, given, { httpOnly: true, maxAgeDays: 30 }) });
}

async function handleGet(app: WebApp, r: WebRequest): Promise<Reply> {
  const given = r.url.searchParams.get('token');
  if (given !== null) return enterToken(app, r, given);
  const path = r.url.pathname;
  if (path === '/') return redirect('/candidates');
  if (path === '/favicon.ico') return { status: 204 }; // browsers ask; a 404 would be noise in their console
  if (path === '/candidates') return candidates(app, r);
  if (path === '/sources') return sources(app);
  if (path === '/digest') return digest(app, r, null);
  const report = /^\/digest\/([0-9a-f]{24})(\/report)?$/.exec(path);
  if (report) return report[2] ? digestReport(app, report[1]!) : digest(app, r, report[1]!);
  if (path.startsWith('/assets/')) return asset(path.slice('/assets/'.length));
  throw new RequestError(404, `no page at ${path}`);
}

async function dispatch(app: WebApp, r: WebRequest): Promise<Reply> {
  const refused = hostReason(r.req.headers.host, app.loopback);
  if (refused !== null) throw new RequestError(403, refused);
  if (r.method === 'GET' || r.method === 'HEAD') return handleGet(app, r);
  if (r.method === 'POST') return handlePost(app, r);
  throw new RequestError(405, `method ${r.method} not allowed`);
}

function failure(app: WebApp, error: unknown): Reply {
  if (error instanceof RequestError) return page(error.status, errorPage(error.status, error.message));
  // Repositories refuse an unknown story or decision with BadInputError: the request was bad.
  if (error instanceof BadInputError) return page(400, errorPage(400, error.message));
  app.log.error(`web: ${describeError(error)}`);
  return page(500, errorPage(500, `internal error: ${describeError(error)}`));
}

/** The server's request listener. Never throws: every failure becomes an error page. */
export function createHandler(app: WebApp): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    let reply: Reply;
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      reply = await dispatch(app, { req, method: req.method ?? 'GET', url, cookies: parseCookies(req.headers.cookie) });
    } catch (error) {
      reply = failure(app, error);
    }
    if (res.writableEnded || res.destroyed) return;
    send(res, reply);
  };
}
