import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PGLITE_SCRIPT } from '../db/pglite-thread.js';
import { startGeneratedSite } from './nda-like-site.js';

/** One measured side of the comparison, as printed by `crawl-child.ts`. */
interface Measured {
  pages: number;
  seconds: number;
  peakRssMb: number;
}

const run = promisify(execFile);
const child = new URL('./crawl-child.ts', import.meta.url).pathname;

async function measure(...args: string[]): Promise<Measured> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', child, ...args], { maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as Measured;
}

/**
 * `npm run bench -- crawl`: crawl a generated site of ≥ 2,000 NDA-like article pages with
 * politeness off, and in the same run a bare loop (fetch + cheerio parse, no database). Both
 * sides have one request in flight at a time (the crawl's per-host limit of 1; the crawl may
 * parse one page while the next is fetched). Each side runs in its own process against the same
 * local site; pages/s of each, the ratio and each side's peak RSS are printed. The crawl is
 * measured on PostgreSQL when BENCH_DATABASE_URL names an empty database, and on the embedded
 * database twice: the first night creates it (in a short-lived process of its own, shown on
 * its own row), later nights open it. Target (issue #3): ratio ≥ 0.5, RSS < 600 MB.
 * A benchmark, not a test: numbers vary with the machine and its load.
 */
export async function benchCrawl(articles = 2000): Promise<void> {
  const site = await startGeneratedSite(articles);
  const dirs = [mkdtempSync(join(tmpdir(), 'sc-bench-')), mkdtempSync(join(tmpdir(), 'sc-bench-'))];
  try {
    const bare = await measure('bare', site.origin, String(articles));
    const rows: [string, Measured][] = [['bare loop (fetch + cheerio)', bare]];
    const url = process.env.BENCH_DATABASE_URL;
    if (url) rows.push(['crawl, PostgreSQL', await measure('crawl', site.origin, '', url)]);
    rows.push(['crawl, PGlite, first night', await measure('crawl', site.origin, join(dirs[0]!, 'db'))]);
    const created = await createDatabase(join(dirs[1]!, 'db'));
    rows.push(['  (creating the database, once)', { ...created, pages: 0 }]);
    rows.push(['crawl, PGlite, later nights', await measure('crawl', site.origin, join(dirs[1]!, 'db'))]);
    process.stdout.write(report(articles, site.listUrls.length, bare, rows));
  } finally {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    await site.close();
  }
}

/** Create an embedded database the way a first night does: in its own process. */
async function createDatabase(dataDir: string): Promise<Omit<Measured, 'pages'>> {
  const { stdout } = await run(process.execPath, [PGLITE_SCRIPT, '--create', dataDir], { maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as Omit<Measured, 'pages'>;
}

function report(articles: number, lists: number, bare: Measured, rows: [string, Measured][]): string {
  const rate = (m: Measured) => m.pages / m.seconds;
  const lines = [
    `crawl bench: ${articles} articles, ${lists} list pages, one request in flight per side (targets: ratio ≥ 0.5, peak RSS < 600 MB)`,
  ];
  lines.push(
    `  ${'side'.padEnd(31)} ${'pages'.padStart(6)} ${'seconds'.padStart(8)} ${'pages/s'.padStart(8)} ${'ratio'.padStart(6)} ${'peak RSS'.padStart(9)}`,
  );
  for (const [name, m] of rows) {
    const ratio = m === bare || m.pages === 0 ? '' : (rate(m) / rate(bare)).toFixed(2);
    const pagesPerSecond = m.pages === 0 ? '' : rate(m).toFixed(1);
    lines.push(
      `  ${name.padEnd(31)} ${String(m.pages || '').padStart(6)} ${m.seconds.toFixed(2).padStart(8)} ${pagesPerSecond.padStart(8)} ${ratio.padStart(6)} ${`${m.peakRssMb.toFixed(0)} MB`.padStart(9)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
