import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/** One scripted answer of a replayed host (see test/fixtures/sites/FORMAT.md). */
export const routeSchema = z.strictObject({
  method: z.string().toUpperCase().default('GET'),
  path: z.string().startsWith('/'),
  params: z.record(z.string(), z.string()).default({}),
  status: z.number().int().min(100).max(599).optional(),
  headers: z.record(z.string(), z.string()).default({}),
  file: z.string().optional(),
  body: z.string().optional(),
  redirect: z.string().optional(),
  delayMs: z.number().int().min(0).max(120_000).default(0),
  times: z.number().int().min(1).optional(),
});
/** A scripted route, as declared in `_replay.json` or passed by a test. */
export type ReplayRoute = z.input<typeof routeSchema>;
/** A validated route. */
export type ParsedRoute = z.output<typeof routeSchema>;

const manifestSchema = z.strictObject({ routes: z.array(routeSchema).default([]) });

/** Read a host folder's `_replay.json` (absent: no routes). Throws naming the file. */
export function readManifest(hostDir: string): ParsedRoute[] {
  const path = join(hostDir, '_replay.json');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return [];
  }
  const parsed = manifestSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${path}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data.routes;
}

/** The request facts a route is matched on. */
export interface RouteRequest {
  method: string;
  path: string;
  params: Record<string, string>;
}

/** Whether `route` answers `req`: method (HEAD as GET), exact path, every declared param. */
export function routeMatches(route: ParsedRoute, req: RouteRequest): boolean {
  const method = req.method === 'HEAD' ? 'GET' : req.method;
  if (route.method !== method || route.path !== req.path) return false;
  return Object.entries(route.params).every(([k, v]) => req.params[k] === v);
}

/** Query string and form or JSON body merged into one flat string map. */
export function requestParams(
  search: URLSearchParams,
  body: Buffer,
  contentType: string | undefined,
): Record<string, string> {
  const params: Record<string, string> = Object.fromEntries(search);
  if (body.length === 0) return params;
  const text = body.toString('utf8');
  if (contentType?.includes('json')) {
    try {
      for (const [k, v] of Object.entries(JSON.parse(text) as Record<string, unknown>)) params[k] = String(v);
    } catch {
      // not JSON after all: matched on the query string only
    }
  } else {
    for (const [k, v] of new URLSearchParams(text)) params[k] = v;
  }
  return params;
}

const TYPES: Record<string, string> = {
  html: 'text/html',
  htm: 'text/html',
  shtml: 'text/html',
  xml: 'application/xml',
  json: 'application/json',
  txt: 'text/plain',
  pdf: 'application/pdf',
  js: 'application/javascript',
  css: 'text/css',
  png: 'image/png',
  jpg: 'image/jpeg',
};

/** Content-Type for a file by extension, deliberately without a charset (pages declare their own). */
export function contentTypeFor(path: string): string {
  return TYPES[path.slice(path.lastIndexOf('.') + 1).toLowerCase()] ?? 'application/octet-stream';
}
