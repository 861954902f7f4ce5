import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
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
 * politeness off, and in the same run a bare loop (fetch + cheerio parse, one request at a
 * time like the crawl's per-host concurrency of 1, no database). Each side runs in its own
 * process against the same local site; pages/s of each, the ratio and each side's peak RSS are
 * printed. The crawl is measured on the embedded database twice (the first night creates it,
 * later nights open it) and on PostgreSQL when BENCH_DATABASE_URL names an empty database.
 * Target (issue #3): ratio ≥ 0.5, RSS < 600 MB. A benchmark, not a test.
 */
export async function benchCrawl(articles = 2000): Promise<void> {
  const site = await startGeneratedSite(articles);
  const dirs = [mkdtempSync(join(tmpdir(), 'sc-bench-')), mkdtempSync(join(tmpdir(), 'sc-bench-'))];
  try {
    const bare = await measure('bare', site.origin, String(articles));
    const rows: [string, Measured][] = [['bare loop (fetch + cheerio)', bare]];
    rows.push(['crawl, PGlite, first night', await measure('crawl', site.origin, join(dirs[0]!, 'db'))]);
    await measure('init', join(dirs[1]!, 'db'));
    rows.push(['crawl, PGlite, later nights', await measure('crawl', site.origin, join(dirs[1]!, 'db'))]);
    const url = process.env.BENCH_DATABASE_URL;
    if (url) rows.push(['crawl, PostgreSQL', await measure('crawl', site.origin, '', url)]);
    process.stdout.write(report(articles, site.listUrls.length, bare, rows));
  } finally {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    await site.close();
  }
}

function report(articles: number, lists: number, bare: Measured, rows: [string, Measured][]): string {
  const rate = (m: Measured) => m.pages / m.seconds;
  const lines = [`crawl bench: ${articles} articles, ${lists} list pages (targets: ratio ≥ 0.5, peak RSS < 600 MB)`];
  lines.push(
    `  ${'side'.padEnd(30)} ${'pages'.padStart(6)} ${'seconds'.padStart(8)} ${'pages/s'.padStart(8)} ${'ratio'.padStart(6)} ${'peak RSS'.padStart(9)}`,
  );
  for (const [name, m] of rows) {
    const ratio = m === bare ? '' : (rate(m) / rate(bare)).toFixed(2);
    lines.push(
      `  ${name.padEnd(30)} ${String(m.pages).padStart(6)} ${m.seconds.toFixed(2).padStart(8)} ${rate(m).toFixed(1).padStart(8)} ${ratio.padStart(6)} ${`${m.peakRssMb.toFixed(0)} MB`.padStart(9)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
