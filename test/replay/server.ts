import { readdirSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  contentTypeFor,
  readManifest,
  requestParams,
  routeMatches,
  routeSchema,
  type ParsedRoute,
  type ReplayRoute,
} from './routes.js';

/** One request the replay server saw, for assertions (politeness, robots, headers). */
export interface ReplayHit {
  host: string;
  method: string;
  url: string;
  status: number;
  headers: IncomingMessage['headers'];
  /** When the request arrived (ms since epoch). */
  at: number;
}

/** Options for {@link startReplay}. */
export interface ReplayOptions {
  /** Folder holding one sub-folder per host (default: test/fixtures/sites). */
  sitesDir?: string;
  /** Hosts to serve (default: none; name each so a test states what it crawls). */
  hosts: readonly string[];
  /** Extra routes per host, checked before the host's `_replay.json` routes. */
  routes?: Readonly<Record<string, readonly ReplayRoute[]>>;
}

/** A running replay: the host map to give the crawler, the hits seen, and `close()`. */
export interface Replay {
  /** `host=http://127.0.0.1:PORT,...`, the value for `--host-map` / `SOURCECHECK_HOST_MAP`. */
  hostMap: string;
  origins: Readonly<Record<string, string>>;
  hits: ReplayHit[];
  close(): Promise<void>;
}

/** The default fixture folder. */
export const SITES_DIR = new URL('../fixtures/sites/', import.meta.url).pathname;

/** Every replayed host: one folder each under {@link SITES_DIR}, so a new fixture site is picked up everywhere. */
export const FIXTURE_HOSTS: readonly string[] = readdirSync(SITES_DIR, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

/**
 * Serve each host folder on its own 127.0.0.1 port (port 0: the OS picks a free one), so the
 * crawler's per-host logic sees distinct origins exactly as on the real sites.
 */
export async function startReplay(options: ReplayOptions): Promise<Replay> {
  const sitesDir = options.sitesDir ?? SITES_DIR;
  const hits: ReplayHit[] = [];
  const servers: Server[] = [];
  const origins: Record<string, string> = {};
  for (const host of options.hosts) {
    const extra = (options.routes?.[host] ?? []).map((r) => routeSchema.parse(r));
    const routes = [...extra, ...readManifest(join(sitesDir, host))];
    const server = createServer((req, res) => {
      // Stamped on arrival: politeness is about when requests start, not when answers end.
      const arrived = Date.now();
      handle(join(sitesDir, host), routes, req, res)
        .then((status) =>
          hits.push({
            host,
            method: req.method ?? 'GET',
            url: req.url ?? '/',
            status,
            headers: req.headers,
            at: arrived,
          }),
        )
        .catch((error: unknown) => {
          if (!res.headersSent) res.writeHead(500).end(String(error));
        });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origins[host] = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    servers.push(server);
  }
  const close = () =>
    Promise.all(
      servers.map((s) => new Promise<void>((resolve) => (s.closeAllConnections(), s.close(() => resolve())))),
    ).then(() => undefined);
  return {
    hostMap: Object.entries(origins)
      .map(([h, o]) => `${h}=${o}`)
      .join(','),
    origins,
    hits,
    close,
  };
}

const used = new WeakMap<ParsedRoute, number>();

async function handle(
  hostDir: string,
  routes: ParsedRoute[],
  req: IncomingMessage,
  res: ServerResponse,
): Promise<number> {
  const url = new URL(req.url ?? '/', 'http://replay.invalid');
  const body = await readBody(req);
  const facts = {
    method: req.method ?? 'GET',
    path: url.pathname,
    params: requestParams(url.searchParams, body, req.headers['content-type']),
  };
  const route = routes.find((r) => routeMatches(r, facts) && (r.times === undefined || (used.get(r) ?? 0) < r.times));
  if (route) {
    used.set(route, (used.get(route) ?? 0) + 1);
    return answerRoute(hostDir, route, req, res);
  }
  if (facts.method !== 'GET' && facts.method !== 'HEAD') return send(res, req, 405, {}, 'method not allowed');
  return answerFile(hostDir, url.pathname, req, res);
}

async function answerRoute(
  hostDir: string,
  route: ParsedRoute,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<number> {
  if (route.delayMs > 0) await sleep(route.delayMs);
  if (res.destroyed) return 499; // the client gave up while we waited
  const headers: Record<string, string> = { ...route.headers };
  if (route.redirect) headers.location = route.redirect;
  const status = route.status ?? (route.redirect ? 302 : 200);
  if (route.file) {
    const bytes = await readFile(join(hostDir, route.file));
    headers['content-type'] ??= contentTypeFor(route.file);
    return send(res, req, status, headers, bytes);
  }
  if (route.body !== undefined) headers['content-type'] ??= 'text/html';
  return send(res, req, status, headers, route.body ?? '');
}

async function answerFile(
  hostDir: string,
  pathname: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<number> {
  let rel: string;
  try {
    rel = normalize(decodeURIComponent(pathname)).replace(/^\/+/, '');
  } catch {
    return send(res, req, 400, {}, 'bad path');
  }
  // `_…` holds route bodies and labels, README.md the provenance notes: neither is on the real site.
  const hidden = rel === 'README.md' || rel.split('/').some((seg) => seg.startsWith('_'));
  if (rel.startsWith('..') || hidden) return send(res, req, 404, {}, 'not found');
  let file = join(hostDir, rel);
  const info = await stat(file).catch(() => undefined);
  if (info?.isDirectory()) file = join(file, 'index.html');
  const bytes = await readFile(file).catch(() => undefined);
  if (!bytes)
    return send(res, req, 404, { 'content-type': 'text/html' }, '<html><body><h1>404 Not Found</h1></body></html>');
  return send(res, req, 200, { 'content-type': contentTypeFor(file) }, bytes);
}

function send(
  res: ServerResponse,
  req: IncomingMessage,
  status: number,
  headers: Record<string, string>,
  body: string | Buffer,
): number {
  res.writeHead(status, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
  return status;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
