import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright';
import { describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, findChromium } from '../../crawlers/engine/chromium.js';
import { freshDir } from '../cli/temp.js';

const run = promisify(execFile);
const DEMO = new URL('../../demo/main.ts', import.meta.url).pathname;

let executablePath: string | undefined;
try {
  executablePath = findChromium();
} catch {
  executablePath = undefined; // the HTML check below then needs SOURCECHECK_REQUIRE_BROWSER unset
}

describe('npm run demo', () => {
  it('replays the sites offline, runs the nightly, prints where the reports are, and the HTML report opens', async () => {
    const dir = join(freshDir(), 'demo');
    // A clean environment: no DATABASE_URL or host map of the developer's shell, no network needed.
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NO_COLOR: '1',
      SOURCECHECK_DEMO_DIR: dir,
    };
    const { stdout } = await run(process.execPath, ['--import', 'tsx', DEMO], { env, timeout: 170_000 });
    const paths = [...stdout.matchAll(/^ {2}(\S+\.(?:html|md|json|xml))$/gm)].map((m) => m[1]!);
    expect(paths.map((p) => p.split('/').at(-1))).toEqual([
      'report.html',
      'report.md',
      'report.json',
      'report.junit.xml',
      'candidates.html',
      'nightly.json',
    ]);
    for (const p of paths) expect(existsSync(p), p).toBe(true);
    expect(stdout).toMatch(/npx sourcecheck serve/);
    if (!executablePath && !process.env.SOURCECHECK_REQUIRE_BROWSER) return;
    const browser = await chromium.launch({ executablePath: executablePath ?? findChromium(), args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage();
      await page.goto(pathToFileURL(paths[0]!).href);
      // The report of the real digest: 11 references, the first verified against nda.gov.cn.
      expect(await page.title()).toMatch(/sourcecheck/);
      expect(await page.locator('#ref-1 a[href^="https://www.nda.gov.cn/"]').count()).toBe(1);
      expect(await page.locator('[id^="ref-"]').count()).toBe(11);
    } finally {
      await browser.close();
    }
  }, 180_000);
});
