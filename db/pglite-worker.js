// The embedded database's own thread (and, run as a script, its one-off creator).
//
// Plain JavaScript on purpose: a worker thread or child process starts without the TypeScript
// loader that the CLI, the bench and vitest each install in their own way.
//
// As a worker thread (started by db/pglite-thread.ts): opens PGlite in `workerData.dataDir`
// and answers `{ id, sql, params }` messages with `{ id, rows, affectedRows }` or
// `{ id, error }`, one query at a time, until `{ close: true }`. PostgreSQL compiled to WASM
// then runs beside the crawl instead of inside its event loop.
//
// As a script (`node db/pglite-worker.js --create <dir>`): creates the database in <dir> and
// exits. Creating one (initdb) takes a second PGlite instance and the initdb module, several
// hundred MB that WASM never gives back; in a short-lived process it is returned at exit.
import { performance } from 'node:perf_hooks';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

const BYTEA = 17;

/**
 * PGlite options. Its own bytea codec builds one string per byte (and parses back with a
 * parseInt per byte): archiving page bodies spent more time there than in the database. Handing
 * the bytes over as they are makes PGlite's protocol writer send a binary parameter (its branch
 * for typed arrays), which PostgreSQL reads as raw bytea; reads decode the hex text with Node's
 * codec. shared_buffers: PGlite touches all of PostgreSQL's default 128 MB at start; 32 MB is
 * plenty for one writer, and the operating system caches the files underneath anyway.
 */
export function pgliteOptions(dataDir) {
  return {
    ...(dataDir ? { dataDir } : {}),
    extensions: { pg_trgm },
    serializers: { [BYTEA]: (value) => value },
    parsers: { [BYTEA]: (text) => Buffer.from(text.slice(2), 'hex') },
    startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'],
  };
}

/** An error as plain data: structured cloning would drop PostgreSQL's fields (code, detail…). */
function plainError(error) {
  const out = { name: error?.name ?? 'Error', message: error?.message ?? String(error) };
  for (const [key, value] of Object.entries(error ?? {})) {
    if (['string', 'number', 'boolean'].includes(typeof value)) out[key] = value;
  }
  return out;
}

async function serve(port, dataDir) {
  let pglite;
  try {
    pglite = await PGlite.create(pgliteOptions(dataDir));
  } catch (error) {
    port.postMessage({ id: 0, error: plainError(error) });
    return;
  }
  port.postMessage({ id: 0, ready: true });
  // One query at a time, in arrival order (PGlite has one session; the client keeps it so too).
  let chain = Promise.resolve();
  port.on('message', (message) => {
    chain = chain.then(() => answer(port, pglite, message));
  });
}

async function answer(port, pglite, { id, sql, params, close }) {
  try {
    if (close) {
      await pglite.close();
      port.postMessage({ id, closed: true });
      port.close();
      return;
    }
    const result = await pglite.query(sql, params);
    port.postMessage({ id, rows: result.rows, affectedRows: result.affectedRows });
  } catch (error) {
    port.postMessage({ id, error: plainError(error) });
  }
}

if (!isMainThread && workerData?.role === 'pglite') {
  await serve(parentPort, workerData.dataDir);
} else if (isMainThread && process.argv[2] === '--create' && process.argv[3]) {
  const started = performance.now();
  const pglite = await PGlite.create(pgliteOptions(process.argv[3]));
  await pglite.close();
  // What creating cost, for `npm run bench -- crawl` (this process's peak is nobody else's).
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(`${JSON.stringify({ seconds, peakRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
}
