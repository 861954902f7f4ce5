import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { FIXTURE_HOSTS, startReplay } from '../test/replay/server.js';

/**
 * `npm run demo`: the whole flow offline. Serves the bundled replay of the real sites (the test
 * fixtures, one local port per host), runs the real `sourcecheck nightly` through the host map
 * into a throwaway embedded database under `.demo/`, verifies the digests in `digests/` (a copy
 * of the 2026-06-09 issue), and prints where the reports are and how to open the web page.
 * The job's clock is set to the morning of that issue, so the crawl windows match the replay.
 */
const ROOT = resolve(new URL('..', import.meta.url).pathname);
// SOURCECHECK_DEMO_DIR lets the demo's own test run it elsewhere than the user's `.demo/`.
const DEMO = resolve(process.env.SOURCECHECK_DEMO_DIR || join(ROOT, '.demo'));
const NOW = '2026-06-09T06:00:00+08:00';

async function main(): Promise<number> {
  rmSync(DEMO, { recursive: true, force: true }); // throwaway: every demo starts from nothing
  const hosts = [...FIXTURE_HOSTS];
  const replay = await startReplay({ hosts });
  process.stderr.write(`demo: replaying ${hosts.length} sites on localhost (${hosts.join(', ')})\n`);
  const env = {
    ...process.env,
    SOURCECHECK_HOST_MAP: replay.hostMap,
    SOURCECHECK_DATA_DIR: join(DEMO, 'db'),
    SOURCECHECK_DELAY_MS: '0', // the replay is ours: no need to be polite to it
    DATABASE_URL: '', // always the throwaway embedded database, never a configured server
  };
  let code: number;
  try {
    code = await run(
      [
        'nightly',
        '--now',
        NOW,
        '--since',
        '2026-01-01',
        '--digests',
        join(ROOT, 'digests'),
        '--out',
        join(DEMO, 'reports'),
      ],
      env,
    );
  } finally {
    await replay.close();
  }
  return explain(code);
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const bin = join(ROOT, 'bin', 'sourcecheck.js');
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [bin, ...args], { env, stdio: 'inherit' });
    child.on('error', fail);
    child.on('exit', (c) => done(c ?? 1));
  });
}

/** Exit 0 when the nightly ran to its reports (its own exit 2 only says references failed). */
function explain(code: number): number {
  const folder = join(DEMO, 'reports', '2026-06-09');
  if (![0, 2].includes(code) || !existsSync(join(folder, 'report.html'))) {
    process.stderr.write(`demo: the nightly failed (exit ${code}); see the messages above\n`);
    return code || 1;
  }
  const rel = (p: string) => relative(process.cwd(), p) || '.';
  const lines = [
    '',
    `demo: reports in ${rel(folder)}/`,
    ...['report.html', 'report.md', 'report.json', 'report.junit.xml', 'candidates.html', 'nightly.json'].map(
      (f) => `  ${rel(join(folder, f))}`,
    ),
    `demo: open the HTML report:  xdg-open ${rel(join(folder, 'report.html'))}   (or any browser)`,
    `demo: the editors' page:     SOURCECHECK_DATA_DIR=${rel(join(DEMO, 'db'))} npx sourcecheck serve`,
    code === 2
      ? 'demo: the nightly exited 2: some references are not verified or a source is broken (see the report); that is what CI would fail on'
      : 'demo: every reference verified',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

process.exitCode = await main();
