import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { runCreator } from '../db/pglite-thread.js';
import { createScratchDatabase } from '../db/scratch-database.js';
import { siteUrls, startGeneratedSite } from './nda-like-site.js';

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
 * local site; pages/s of each, the ratio and each side's peak RSS are printed, each the median
 * of BENCH_RUNS rounds (default 3) run one after another. Every round starts from an empty
 * database: PostgreSQL when BENCH_DATABASE_URL names a server whose role may create databases
 * (the bench creates and drops its own), and the embedded one, whose first night creates it (in
 * a short-lived process of its own, shown on its own row) and whose later nights open it.
 * Target (issue #3): ratio ≥ 0.5, RSS < 600 MB. A benchmark, not a test: numbers vary with the
 * machine and its load.
 */
export async function benchCrawl(articles = 2000, runs = 3): Promise<void> {
  const site = await startGeneratedSite(articles);
  const rounds: Map<string, Measured>[] = [];
  try {
    for (let r = 0; r < runs; r++) rounds.push(await round(site.origin, articles));
  } finally {
    await site.close();
  }
  const rows = [...rounds[0]!.keys()].map((name): [string, Measured] => [
    name,
    median(rounds.map((x) => x.get(name)!)),
  ]);
  process.stdout.write(report(articles, siteUrls(articles).listUrls.length, runs, rows));
}

/** One round: every side once, each on fresh state. */
async function round(origin: string, articles: number): Promise<Map<string, Measured>> {
  const dir = mkdtempSync(join(tmpdir(), 'sc-bench-'));
  const rows = new Map<string, Measured>();
  try {
    rows.set(BARE, await measure('bare', origin, String(articles)));
    rows.set(LEAN, await measure('bare-lean', origin, String(articles)));
    const server = process.env.BENCH_DATABASE_URL;
    if (server) rows.set('crawl, PostgreSQL', await withDatabase(server, (url) => measure('crawl', origin, '', url)));
    rows.set('crawl, PGlite, first night', await measure('crawl', origin, join(dir, 'first')));
    const { from, ...created } = await runCreator(join(dir, 'later'));
    rows.set(`  (creating it, once: ${from})`, { ...created, pages: 0 });
    rows.set('crawl, PGlite, later nights', await measure('crawl', origin, join(dir, 'later')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

const BARE = 'bare loop (fetch + cheerio)';
const LEAN = '  same, undici + htmlparser2';

/** Run `use` on a new database of the server `serverUrl` names, dropped afterwards. */
async function withDatabase<T>(serverUrl: string, use: (url: string) => Promise<T>): Promise<T> {
  const scratch = await createScratchDatabase(serverUrl, { prefix: 'sourcecheck_bench' });
  try {
    return await use(scratch.url);
  } finally {
    await scratch.drop();
  }
}

/** The median of each field (rounds of one side). */
function median(of: Measured[]): Measured {
  const mid = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  return {
    pages: mid(of.map((m) => m.pages)),
    seconds: mid(of.map((m) => m.seconds)),
    peakRssMb: mid(of.map((m) => m.peakRssMb)),
  };
}

function report(articles: number, lists: number, runs: number, rows: [string, Measured][]): string {
  const bare = rows.find(([name]) => name === BARE)![1];
  const rate = (m: Measured) => m.pages / m.seconds;
  const lines = [
    `crawl bench: ${articles} articles, ${lists} list pages, one request in flight per side, median of ${runs} runs`,
    '  (targets: ratio ≥ 0.5, peak RSS < 600 MB)',
  ];
  lines.push(
    `  ${'side'.padEnd(31)} ${'pages'.padStart(6)} ${'seconds'.padStart(8)} ${'pages/s'.padStart(8)} ${'ratio'.padStart(6)} ${'peak RSS'.padStart(9)}`,
  );
  for (const [name, m] of rows) {
    const ratio = m === bare || m.pages === 0 || name === LEAN ? '' : (rate(m) / rate(bare)).toFixed(2);
    const pagesPerSecond = m.pages === 0 ? '' : rate(m).toFixed(1);
    lines.push(
      `  ${name.padEnd(31)} ${String(m.pages || '').padStart(6)} ${m.seconds.toFixed(2).padStart(8)} ${pagesPerSecond.padStart(8)} ${ratio.padStart(6)} ${`${m.peakRssMb.toFixed(0)} MB`.padStart(9)}`,
    );
  }
  // The ratio is against the loop issue #3 names (fetch + cheerio.load, which parses with parse5).
  // The crawl fetches with undici's request() and parses with htmlparser2: against a loop that
  // does the same, what remains is what the crawl itself adds (crawlee, extraction, database).
  const lean = rows.find(([name]) => name === LEAN)![1];
  const leanRatios = rows
    .filter(([name, m]) => name.startsWith('crawl') && m.pages > 0)
    .map(([name, m]) => `${name.replace('crawl, ', '')} ${(rate(m) / rate(lean)).toFixed(2)}`);
  lines.push(`  against the same-client, same-parser loop: ${leanRatios.join(', ')}`);
  return `${lines.join('\n')}\n`;
}
