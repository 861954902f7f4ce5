import { accessSync, constants } from 'node:fs';
import { BadInputError } from '../../core/errors.js';

// Debian's chromium (the wrapper script, then the binary behind it, which skips the wrapper's
// noisy checks), then names other distributions and GitHub's images use.
const KNOWN_PATHS = [
  '/usr/lib/chromium/chromium',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

/** Flags for headless Chromium on a closed network (see the machine notes in the README). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * The Chromium to drive: `SOURCECHECK_CHROMIUM` if set (it must exist), else the first known
 * path. Playwright cannot download its own browser here, so a missing one is a clear error
 * saying what to install.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const wanted = env.SOURCECHECK_CHROMIUM;
  if (wanted) {
    if (!isExecutable(wanted)) throw new BadInputError(`SOURCECHECK_CHROMIUM=${wanted} is not an executable file`);
    return wanted;
  }
  const found = KNOWN_PATHS.find(isExecutable);
  if (!found) {
    throw new BadInputError(
      `no Chromium found (looked in ${KNOWN_PATHS.join(', ')}): install Debian's chromium ` +
        `(apt-get install chromium) or set SOURCECHECK_CHROMIUM to a Chrome/Chromium binary`,
    );
  }
  return found;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
