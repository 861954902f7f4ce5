import { execFile } from 'node:child_process';
import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Worker } from 'node:worker_threads';

const WORKER = new URL('./pglite-worker.js', import.meta.url);

/** The worker script, which is also the creator: `node <it> --create <dir>` (see runCreator). */
const PGLITE_SCRIPT = fileURLToPath(WORKER);

/** A query result as kysely-pglite-dialect reads it. */
export interface ThreadResult {
  rows: Record<string, unknown>[];
  affectedRows?: number;
}

interface Reply {
  id: number;
  rows?: Record<string, unknown>[];
  affectedRows?: number;
  error?: { name: string; message: string; [key: string]: unknown };
  ready?: boolean;
  closed?: boolean;
}

interface Pending {
  resolve: (reply: Reply) => void;
  reject: (error: Error) => void;
}

/**
 * PGlite running in its own worker thread (db/pglite-worker.js), with the two methods
 * kysely-pglite-dialect calls: `query` and `close`. PostgreSQL in WASM then uses another core
 * instead of stalling the crawl's event loop (issue #3's bench), and the web server stays
 * responsive during long queries. The dialect's driver already serialises connections, so
 * queries arrive one at a time, as PGlite's single session needs.
 */
export class PgliteThread {
  readonly #worker: Worker;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  #dead: Error | undefined;

  private constructor(dataDir: string | undefined) {
    this.#worker = new Worker(WORKER, { workerData: { role: 'pglite', dataDir } });
    this.#worker.unref(); // an idle database never keeps the process alive; a query in flight does
    this.#worker.on('message', (reply: Reply) => this.#settle(reply));
    this.#worker.on('error', (error) => this.#fail(error));
    this.#worker.on('exit', (code) => this.#fail(new Error(`the embedded database thread exited (code ${code})`)));
  }

  /** Start the thread and open the database in `dataDir` (in memory when undefined). */
  static async open(dataDir: string | undefined): Promise<PgliteThread> {
    const thread = new PgliteThread(dataDir);
    await thread.#request(0);
    return thread;
  }

  /** Run one statement with parameters; rows come back with bytea as Buffer, as from `pg`. */
  async query(sql: string, params: readonly unknown[] = []): Promise<ThreadResult> {
    const reply = await this.#send({ sql, params });
    const rows = reply.rows ?? [];
    for (const row of rows) for (const [key, value] of Object.entries(row)) row[key] = asBuffer(value);
    return { rows, ...(reply.affectedRows !== undefined ? { affectedRows: reply.affectedRows } : {}) };
  }

  /** Close the database and let the thread end. */
  async close(): Promise<void> {
    if (this.#dead) return;
    await this.#send({ close: true });
    this.#dead = new Error('the embedded database is closed');
  }

  #send(message: Record<string, unknown>): Promise<Reply> {
    if (this.#dead) return Promise.reject(this.#dead);
    const id = this.#nextId++;
    this.#worker.postMessage({ id, ...message });
    return this.#request(id);
  }

  #request(id: number): Promise<Reply> {
    this.#worker.ref();
    return new Promise<Reply>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
    }).finally(() => {
      if (this.#pending.size === 0) this.#worker.unref();
    });
  }

  #settle(reply: Reply): void {
    const pending = this.#pending.get(reply.id);
    this.#pending.delete(reply.id);
    if (!pending) return;
    if (reply.error) pending.reject(Object.assign(new Error(reply.error.message), reply.error));
    else pending.resolve(reply);
  }

  #fail(error: Error): void {
    this.#dead ??= error;
    for (const { reject } of this.#pending.values()) reject(error);
    this.#pending.clear();
  }
}

/** Structured cloning turns a Buffer into a plain Uint8Array: give it back its Buffer view. */
function asBuffer(value: unknown): unknown {
  return value instanceof Uint8Array && !Buffer.isBuffer(value)
    ? Buffer.from(value.buffer, value.byteOffset, value.byteLength)
    : value;
}

const run = promisify(execFile);

/** Where a database came from: already there, the shipped template (db/templates/), or initdb. */
export type DatabaseOrigin = 'existing' | 'template' | 'initdb';

/** What the creator process reports: its time, its peak RSS, and where the database came from. */
export interface CreatorReport {
  seconds: number;
  peakRssMb: number;
  from: Exclude<DatabaseOrigin, 'existing'>;
}

/**
 * Create a database in `dir`, which must hold none, in a short-lived process of its own
 * (`node db/pglite-worker.js --create`); `template` replaces the shipped one.
 */
export async function runCreator(dir: string, template?: string): Promise<CreatorReport> {
  const args = [PGLITE_SCRIPT, '--create', dir, ...(template ? ['--template', template] : [])];
  const { stdout } = await run(process.execPath, args, { maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as CreatorReport;
}

/**
 * Create the database in `dir` when it has none, in a short-lived child process: a copy of the
 * shipped template (about 330 MB at its peak), or initdb when no template of the installed PGlite
 * loads (about 750 MB, which WASM only gives back at exit). It is built in a sibling folder and
 * renamed into place, so a creation cut short (a kill, a full disk) never leaves a half-made
 * database that looks like a real one. Failures are one line. `template` replaces the shipped one.
 */
export async function createIfMissing(dir: string, options: { template?: string } = {}): Promise<DatabaseOrigin> {
  if (existsSync(join(dir, 'PG_VERSION'))) return 'existing';
  if (existsSync(dir) && readdirSync(dir).length > 0)
    throw new Error(`${dir} is not empty and holds no database (no PG_VERSION)`);
  const building = `${dir}.creating-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  try {
    const { from } = await runCreator(building, options.template);
    renameSync(building, dir); // onto the empty folder, or where none is
    return from;
  } catch (cause) {
    const stderr = String((cause as { stderr?: unknown }).stderr ?? '');
    const last = stderr
      .split('\n')
      .filter((line) => line.trim() !== '')
      .at(-1);
    throw new Error(`creating the database failed: ${last ?? (cause as Error).message}`, { cause });
  } finally {
    rmSync(building, { recursive: true, force: true });
  }
}
