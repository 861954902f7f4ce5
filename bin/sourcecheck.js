#!/usr/bin/env node
// The `sourcecheck` command. The CLI is TypeScript run through tsx's loader: no build step,
// so `npx sourcecheck` works straight from a fresh clone and never runs stale compiled code.
import { register } from 'tsx/esm/api';

// A closed pipe (`sourcecheck sources | head`) is a normal way for a reader to stop.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
