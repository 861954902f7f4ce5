import { readFileSync } from 'node:fs';
import { sql, type Kysely } from 'kysely';
import { loadConfig } from '../core/config.js';
import { createLogger } from '../core/log.js';
import { openDatabase } from '../db/connect.js';
import type { Database } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { upsertSources } from '../db/repositories/source.repository.js';
import { finishCrawlRun, startCrawlRun } from '../db/repositories/crawl-run.repository.js';
import { sourceRegistry } from '../crawlers/sources/index.js';
import { parseDigest } from '../pipeline/digest/parse.js';
import { verifyDigest } from '../pipeline/verify/verify-digest.js';

const DIGEST = new URL('../digests/2026-06-09.md', import.meta.url).pathname;
const SOURCES = ['nda', 'cac', 'cnr', 'reuters', 'govcn', 'mee', 'rmrb'];
const WORDS = [
  '数据要素',
  '人工智能',
  '算力网络',
  '高质量发展',
  '数字经济',
  '公共数据',
  '网络安全',
  '城市更新',
  '农业科技',
  '新型工业化',
  '绿色低碳',
  '标准体系',
];
const KINDS = ['关于推进', '关于印发', '关于开展', '解读', '答记者问', '工作要点', '实施方案', '指导意见'];

/** Deterministic pseudo-random numbers (mulberry32), so every run inserts the same corpus. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Insert `count` synthetic articles spread over 2025–2026 across all sources, in batches. */
async function insertArticles(db: Kysely<Database>, from: number, count: number): Promise<void> {
  const rand = prng(from + 1);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  for (let start = from; start < from + count; start += 1000) {
    const rows = Array.from({ length: Math.min(1000, from + count - start) }, (_, k) => {
      const i = start + k;
      const published = new Date(
        Date.UTC(2025, 0, 1) + Math.floor(rand() * 560) * 86_400_000 + Math.floor(rand() * 86_400_000),
      );
      return {
        source_id: pick(SOURCES),
        native_id: `bench-${i}`,
        canonical_url: `https://bench.example/${i}`,
        title: `${pick(KINDS)}${pick(WORDS)}${pick(WORDS)}第${i}号${pick(KINDS)}`,
        published_at: published,
        date_precision: 'minute' as const,
        date_evidence: '{}',
        attachments: '[]',
        body_text: `${pick(WORDS)}${pick(WORDS)}。`.repeat(20),
      };
    });
    await db.insertInto('articles').values(rows).execute();
  }
}

async function timeVerify(db: Kysely<Database>): Promise<number> {
  const digest = parseDigest(DIGEST, readFileSync(DIGEST));
  const t0 = performance.now();
  const report = await verifyDigest(db, digest, sourceRegistry, 'zh');
  if (report.counts.unverifiable > 1) throw new Error('bench setup: references were not searched');
  return performance.now() - t0;
}

/**
 * `npm run bench -- verify`: verify the sample digest against 10k, then 100k stored articles
 * (same database, one run) and print the latency of each and the ratio. Targets (issue #5):
 * < 1 s at 100k, ≤ 3× the 10k time. Best of 3 runs each, after one warm-up.
 */
export async function benchVerify(): Promise<void> {
  const { config } = loadConfig({ env: {}, flags: { dataDir: 'memory://' } });
  const handle = await openDatabase(config, createLogger('silent'));
  try {
    await migrateToLatest(handle.db);
    await upsertSources(handle.db, sourceRegistry);
    // Crawls covering the period, so references are searched rather than found unverifiable.
    for (const id of SOURCES) {
      const run = await startCrawlRun(handle.db, id, new Date('2024-12-01T00:00:00Z'), {});
      await finishCrawlRun(handle.db, run, 'succeeded', {}, []);
    }
    const measured: [number, number][] = [];
    let stored = 0;
    for (const size of [10_000, 100_000]) {
      await insertArticles(handle.db, stored, size - stored);
      stored = size;
      await sql`analyze articles`.execute(handle.db); // fresh planner statistics, as autovacuum would give
      await timeVerify(handle.db);
      const best = Math.min(await timeVerify(handle.db), await timeVerify(handle.db), await timeVerify(handle.db));
      measured.push([size, best]);
    }
    const [[, small], [, large]] = measured as [[number, number], [number, number]];
    process.stdout.write(
      [
        'verify bench: the sample digest (11 references) against stored articles (PGlite)',
        ...measured.map(([n, ms]) => `  ${String(n).padStart(7)} articles   ${ms.toFixed(0).padStart(6)} ms`),
        `  ratio 100k/10k     ${(large / small).toFixed(2)}   (targets: < 1000 ms at 100k, ratio ≤ 3)`,
        '',
      ].join('\n'),
    );
  } finally {
    await handle.close();
  }
}
