import { benchCrawl } from './crawl.js';
import { benchDedupe } from './dedupe.js';
import { benchVerify } from './verify.js';

/**
 * `npm run bench -- <name>`: benchmarks print measurements and ratios side by side; they never
 * assert timings (tests don't time things). Names: crawl (issue #3), dedupe (#4), verify (#5).
 */
const benches: Record<string, () => Promise<void>> = {
  crawl: () => benchCrawl(positive('BENCH_ARTICLES', 2000), positive('BENCH_RUNS', 3)),
  dedupe: () => benchDedupe(),
  verify: () => benchVerify(),
};

/** A positive whole number from the environment, else its default; anything else exits 3. */
function positive(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (Number.isInteger(value) && value > 0) return value;
  process.stderr.write(`${name} must be a positive whole number, got ${JSON.stringify(raw)}\n`);
  process.exit(3);
}

const names = process.argv.slice(2);
const unknown = names.filter((n) => !(n in benches));
if (unknown.length > 0) {
  process.stderr.write(`unknown bench: ${unknown.join(', ')} (known: ${Object.keys(benches).join(', ')})\n`);
  process.exit(3);
}
for (const name of names.length > 0 ? names : Object.keys(benches)) await benches[name]!();
