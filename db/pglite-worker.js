// The embedded database's own thread (and, run as a script, its one-off creator).
//
// Plain JavaScript on purpose: a worker thread or child process starts without the TypeScript
// loader that the CLI, the bench and vitest each install in their own way.
//
// As a worker thread (started by db/pglite-thread.ts): opens PGlite in `workerData.dataDir`
// (a new in-memory database when there is none) and answers `{ id, sql, params }` messages with
// `{ id, rows, affectedRows }` or `{ id, error }`, one query at a time, until `{ close: true }`.
// PostgreSQL compiled to WASM then runs beside the crawl instead of inside its event loop.
//
// As a script:
//   --create <dir> [--template <file>]   create the database in <dir>, print { seconds, peakRssMb, from }
//   --build-template <file>              write the template of this PGlite version (see below)
//
// A new database starts as a copy of the template shipped in db/templates/, an empty cluster
// made by this PGlite version's initdb: loading it peaks near 330 MB, where running initdb needs
// a second WASM instance and a copy of the first one's memory, near 750 MB (issue #3's bench; too
// much for a small VM). A template of another PGlite version, or one that does not load, is left
// aside and initdb runs instead, in a short-lived process, which gives the memory back at exit.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { Blob } from 'node:buffer';
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
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

/** The installed PGlite's version: a template is only ever loaded by the version that made it. */
function pgliteVersion() {
  const manifest = new URL('../package.json', import.meta.resolve('@electric-sql/pglite'));
  return JSON.parse(readFileSync(manifest, 'utf8')).version;
}

/** Where the template of the installed PGlite version is (or would be) shipped. */
function templatePath() {
  return new URL(`./templates/pglite-${pgliteVersion()}.tar.br`, import.meta.url).pathname;
}

/**
 * A new database in `dataDir` (in memory when undefined): a copy of the template when one
 * loads, else made by initdb. Returns the open database and where it came from.
 */
async function createFresh(dataDir, template = templatePath()) {
  if (existsSync(template)) {
    try {
      const loadDataDir = new Blob([brotliDecompressSync(readFileSync(template))]);
      return { pglite: await PGlite.create({ ...pgliteOptions(dataDir), loadDataDir }), from: 'template' };
    } catch (error) {
      if (dataDir) rmSync(dataDir, { recursive: true, force: true }); // whatever the failed load left
      process.stderr.write(`the database template ${template} did not load (${error?.message}); running initdb\n`);
    }
  }
  return { pglite: await PGlite.create(pgliteOptions(dataDir)), from: 'initdb' };
}

/** Make the template: initdb in memory, the data folder as a tar, brotli-compressed (about 1.3 MB). */
async function buildTemplate(file) {
  const pglite = await PGlite.create(pgliteOptions(undefined));
  const tar = Buffer.from(await (await pglite.dumpDataDir('none')).arrayBuffer());
  await pglite.close();
  const params = { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_LGWIN]: 24 };
  writeFileSync(file, brotliCompressSync(tar, { params }));
  return { file, bytes: tar.length };
}

async function serve(port, dataDir) {
  let pglite;
  try {
    pglite = dataDir ? await PGlite.create(pgliteOptions(dataDir)) : (await createFresh(undefined)).pglite;
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

const [mode, target, option, optionValue] = process.argv.slice(2);
if (!isMainThread && workerData?.role === 'pglite') {
  await serve(parentPort, workerData.dataDir);
} else if (isMainThread && mode === '--create' && target) {
  const started = performance.now();
  const { pglite, from } = await createFresh(target, option === '--template' ? optionValue : undefined);
  await pglite.close();
  // What creating cost, for `npm run bench -- crawl` (this process's peak is nobody else's).
  const seconds = (performance.now() - started) / 1000;
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify({ seconds, peakRssMb, from })}\n`);
} else if (isMainThread && mode === '--build-template') {
  process.stdout.write(`${JSON.stringify(await buildTemplate(target ?? templatePath()))}\n`);
}
