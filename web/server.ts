/**
 * `sourcecheck serve`: the editors' web page on a plain `node:http` server (no framework: three
 * pages and three forms do not need one). Binding errors become one clear line: a port in use
 * is a {@link BusyError} (exit 5, like a second nightly: the same job already holds the
 * resource), an address that cannot be bound is bad input (exit 3).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Kysely } from 'kysely';
import { BadInputError, BusyError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import type { Database } from '../db/database.js';
import { ReportStore } from './report-store.js';
import { createHandler } from './routes.js';
import { isLoopbackHost } from './token.js';

/** What {@link startServer} needs. */
export interface ServerOptions {
  db: Kysely<Database>;
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** The write token; required by the caller when `host` is not loopback (see token.ts). */
  token?: string;
  log: Logger;
  /** The clock of the candidates window and source health (tests pin it). */
  now?: () => Date;
}

/** A listening server. */
export interface RunningServer {
  /** e.g. `http://127.0.0.1:8787/` */
  url: string;
  port: number;
  close(): Promise<void>;
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      const where = `${host}:${port}`;
      if (error.code === 'EADDRINUSE')
        reject(
          new BusyError(`port ${port} is already in use on ${host}: stop the other server or pass --port`, {
            cause: error,
          }),
        );
      else if (error.code === 'EACCES')
        reject(
          new BadInputError(`not allowed to listen on ${where} (ports below 1024 need privileges)`, { cause: error }),
        );
      else if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN')
        reject(new BadInputError(`cannot listen on ${where}: no such address on this machine`, { cause: error }));
      else reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

/** The URL host part: IPv6 literals in brackets. */
function urlHost(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/** Start the editors' page on `host:port` and resolve once it listens. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const handler = createHandler({
    db: options.db,
    token: options.token,
    loopback: isLoopbackHost(options.host),
    log: options.log,
    now: options.now ?? (() => new Date()),
    reports: new ReportStore(),
  });
  const server = createServer((req, res) => void handler(req, res));
  // A slow or stalled client must not hold a connection forever.
  server.requestTimeout = 60_000;
  server.headersTimeout = 20_000;
  await listen(server, options.host, options.port);
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${urlHost(options.host)}:${port}/`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Browsers keep idle connections open; without this close() waits for them to time out.
        server.closeAllConnections();
      }),
  };
}
