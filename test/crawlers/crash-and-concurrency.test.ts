import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connect.js';
import { createLogger } from '../../core/log.js';
import { createTestDatabase, testDatabaseUrl } from '../db/backends.js';
import { runCli } from '../cli/run-cli.js';
import { freshDir } from '../cli/temp.js';
import { startReplay, type Replay } from '../replay/server.js';

const BIN = new URL('../../bin/sourcecheck.js', import.meta.url).pathname;
const quiet = createLogger('silent');
let replay: Replay | undefined;
afterEach(async () => replay?.close());

function crawlEnv(extra: Record<string, string>): Record<string, string> {
  return {
    SOURCECHECK_HOST_MAP: replay!.hostMap,
    SOURCECHECK_DELAY_MS: '30',
    SOURCECHECK_LOG_LEVEL: 'error',
    ...extra,
  };
}

async function duplicatesAndCounts(config: { databaseUrl?: string; dataDir: string }) {
  const handle = await openDatabase({ ...config, dbConnectTimeoutMs: 5000 }, quiet);
  try {
    const dupes = await handle.db
      .selectFrom('articles')
      .select(['source_id', 'native_id'])
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .groupBy(['source_id', 'native_id'])
      .having((eb) => eb.fn.countAll(), '>', 1)
      .execute();
    const articles = await handle.db.selectFrom('articles').select(['title', 'body_text', 'canonical_url']).execute();
    const runs = await handle.db.selectFrom('crawl_runs').select(['status']).orderBy('id').execute();
    return { dupes, articles, runs: runs.map((r) => r.status) };
  } finally {
    await handle.close();
  }
}

describe('a crawl killed with SIGKILL and run again', () => {
  it('leaves no duplicate and no half-written row, and marks the dead run aborted', async () => {
    replay = await startReplay({ hosts: ['www.nda.gov.cn'] });
    const dataDir = join(freshDir(), 'pglite');
    const env = { ...process.env, ...crawlEnv({ SOURCECHECK_DATA_DIR: dataDir }) };
    const child = spawn(process.execPath, [BIN, 'crawl', '--source', 'nda', '--since', '2026-01-01'], {
      env,
      stdio: 'ignore',
    });
    await waitFor(() => replay!.hits.filter((h) => h.url.endsWith('_pc.html')).length >= 15, 60_000);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const rerun = await runCli(
      ['crawl', '--source', 'nda', '--since', '2026-01-01', '--json'],
      crawlEnv({ SOURCECHECK_DATA_DIR: dataDir }),
    );
    expect(rerun.stderr).not.toMatch(/unexpected error/);
    const state = await duplicatesAndCounts({ dataDir });
    expect(state.dupes).toEqual([]);
    expect(state.articles.length).toBeGreaterThan(50);
    expect(
      state.articles.every(
        (a) => a.title !== '' && a.body_text !== '' && a.canonical_url.startsWith('https://www.nda.gov.cn/'),
      ),
    ).toBe(true);
    expect(state.runs[0]).toBe('aborted');
    expect(state.runs.at(-1)).not.toBe('running');
  });
});

describe('two crawls at once', () => {
  it('on the embedded database: the second is refused while the first holds it', async () => {
    replay = await startReplay({ hosts: ['www.nda.gov.cn'] });
    const dataDir = join(freshDir(), 'pglite');
    const first = runCli(
      ['crawl', '--source', 'nda', '--since', '2026-01-01'],
      crawlEnv({ SOURCECHECK_DATA_DIR: dataDir, SOURCECHECK_DELAY_MS: '100' }),
    );
    await waitFor(() => replay!.hits.length >= 3, 60_000);
    const second = await runCli(
      ['crawl', '--source', 'nda', '--since', '2026-05-01'],
      crawlEnv({ SOURCECHECK_DATA_DIR: dataDir }),
    );
    expect(second.code).toBe(4);
    expect(second.stderr).toMatch(/in use by another sourcecheck process/);
    expect((await first).code).not.toBe(1);
    expect((await duplicatesAndCounts({ dataDir })).dupes).toEqual([]);
  });

  it.runIf(testDatabaseUrl)('on PostgreSQL: never a duplicate article (per-source lock plus constraints)', async () => {
    replay = await startReplay({ hosts: ['www.nda.gov.cn'] });
    const { url, drop } = await createTestDatabase();
    try {
      expect((await runCli(['db', 'migrate'], { DATABASE_URL: url })).code).toBe(0);
      const args = ['crawl', '--source', 'nda', '--since', '2026-01-01', '--json'];
      const env = crawlEnv({ DATABASE_URL: url, SOURCECHECK_DELAY_MS: '100' });
      const [a, b] = await Promise.all([runCli(args, env), runCli(args, env)]);
      const statuses = [a, b].map(
        (r) => (JSON.parse(r.stdout) as { sources: { status: string }[] }).sources[0]?.status,
      );
      expect(statuses).toContain('skipped');
      const state = await duplicatesAndCounts({ databaseUrl: url, dataDir: '' });
      expect(state.dupes).toEqual([]);
      expect(state.articles.length).toBeGreaterThan(10);
    } finally {
      await drop();
    }
  });
});

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
