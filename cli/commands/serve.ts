import { Command, Option } from 'commander';
import { BadInputError } from '../../core/errors.js';
import { startServer } from '../../web/server.js';
import { resolveToken, TOKEN_ENV } from '../../web/token.js';
import { createContext, withDatabase } from '../context.js';

interface ServeFlags {
  port: string;
  host: string;
  token?: string;
}

/** The port flag as a number: 0..65535 (0 picks a free port). */
export function parsePort(value: string): number {
  const port = /^\d{1,5}$/.test(value) ? Number(value) : NaN;
  if (!(port >= 0 && port <= 65535)) throw new BadInputError(`--port: expected 0..65535, got "${value}"`);
  return port;
}

/** Resolve on the first SIGINT or SIGTERM. */
function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/**
 * `sourcecheck serve`: the editors' page (candidates with accept / reject / shortlist, digest
 * check, source health) until SIGINT or SIGTERM. Exit 3 for a bad flag or a non-loopback host
 * without a token, 5 when the port is in use.
 */
export function serveCommand(): Command {
  return new Command('serve')
    .description('the editors’ web page: candidates to accept or reject, digest check, source health')
    .addOption(new Option('--port <port>', 'port to listen on (0: any free port)').default('8787'))
    .addOption(new Option('--host <host>', 'address to listen on; not loopback needs a token').default('127.0.0.1'))
    .addOption(new Option('--token <token>', `write token (required off loopback) [env: ${TOKEN_ENV}]`))
    .action(async (flags: ServeFlags, cmd: Command) => {
      const ctx = createContext(cmd);
      const port = parsePort(flags.port);
      // Checked before the database opens: a refused start should be quick and change nothing.
      const token = resolveToken(flags.host, flags.token, process.env);
      await withDatabase(ctx, { migrate: true }, async (handle) => {
        const server = await startServer({ db: handle.db, host: flags.host, port, token, log: ctx.log });
        ctx.out(`sourcecheck serve: ${server.url}\n`);
        const signal = await untilSignal();
        ctx.log.info(`${signal}: stopping the server`);
        await server.close();
      });
    });
}
