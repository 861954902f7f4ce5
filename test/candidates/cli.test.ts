import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../core/log.js';
import { openDatabase } from '../../db/connect.js';
import { migrateToLatest } from '../../db/migrate.js';
import { upsertArticle } from '../../db/repositories/article.repository.js';
import { upsertSources } from '../../db/repositories/source.repository.js';
import { sourceRegistry } from '../../crawlers/sources/index.js';
import type { CandidateList } from '../../pipeline/candidates/types.js';
import { clusterStories } from '../../pipeline/stories.js';
import { runCli } from '../cli/run-cli.js';
import { freshDir } from '../cli/temp.js';
import { article, storeDigest } from './helpers.js';

const ALL = ['--since', '2000-01-01'];

describe('sourcecheck candidates (CLI)', () => {
  const dir = freshDir();
  const empty = { SOURCECHECK_DATA_DIR: join(dir, 'empty') };
  const env = { SOURCECHECK_DATA_DIR: join(dir, 'db') };

  beforeAll(async () => {
    const handle = await openDatabase(
      { dataDir: env.SOURCECHECK_DATA_DIR, dbConnectTimeoutMs: 5000 },
      createLogger('silent'),
    );
    try {
      await migrateToLatest(handle.db);
      await upsertSources(handle.db, sourceRegistry);
      const nda = article(
        'nda',
        '国家数据局发布数据产权登记工作指引',
        '为规范数据产权登记，保护数据要素市场各方权益。',
      );
      await upsertArticle(handle.db, nda);
      await upsertArticle(
        handle.db,
        article('cac', '网络数据安全标签标识指南公开征求意见', '为指导网络数据处理者规范开展数据安全工作。', {
          originalOutlet: '央广网',
          publishedAt: '2026-06-07T23:30:00+08:00',
        }),
      );
      await upsertArticle(
        handle.db,
        article('mee', '<script>alert(1)</script> 碳排放权交易', '碳排放权交易市场扩围。'),
      );
      await clusterStories(handle.db);
      await storeDigest(handle.db, '2026-06-09', [{ title: '数据要素市场化配置改革' }]);
    } finally {
      await handle.close();
    }
  }, 120_000);

  it('on an empty database says so, points to crawl, and exits 0 (valid JSON with --format json)', async () => {
    const json = await runCli(['candidates', '--format', 'json'], empty);
    expect(json.code).toBe(0);
    const list = JSON.parse(json.stdout) as CandidateList;
    expect(list).toMatchObject({ candidates: [], emptyReason: 'no-articles', model: { examples: 0 } });
    expect(json.stderr).toContain('sourcecheck crawl');
    const md = await runCli(['candidates'], empty);
    expect(md.code).toBe(0);
    expect(md.stdout).toContain('run `sourcecheck crawl`');
  }, 120_000);

  it('prints one valid JSON document with a row per story and its reference line', async () => {
    const cli = await runCli(['candidates', ...ALL, '--format', 'json'], env);
    expect(cli.code).toBe(0);
    const list = JSON.parse(cli.stdout) as CandidateList;
    expect(list.candidates).toHaveLength(3);
    expect(list.model.relevant).toBe(1);
    const cac = list.candidates.find((c) => c.sourceId === 'cac')!;
    expect(cac.referenceLine).toBe(
      '来源：中央网信办 / 央广网；标题：网络数据安全标签标识指南公开征求意见；日期：2026-06-07；用途：',
    );
    expect(cac.publishedAt).toBe('2026-06-07T23:30:00+08:00');
  }, 120_000);

  it('passes --source, --topic, --decision and --limit to the listing', async () => {
    const titles = async (...args: string[]) => {
      const cli = await runCli(['candidates', ...ALL, '--format', 'json', ...args], env);
      expect(cli.code, cli.stderr).toBe(0);
      return (JSON.parse(cli.stdout) as CandidateList).candidates.map((c) => c.title);
    };
    expect(await titles('--source', 'cac,mee', '--topic', 'ecology')).toEqual([
      '<script>alert(1)</script> 碳排放权交易',
    ]);
    expect(await titles('--decision', 'none', '--limit', '2')).toHaveLength(2);
  }, 120_000);

  it('refuses bad flags with exit 3 and one line, leaving valid JSON on stdout', async () => {
    for (const [flag, value, message] of [
      ['--source', 'nda,nope', /unknown source "nope"/],
      ['--decision', 'maybe', /unknown decision "maybe"/],
      ['--since', 'yesterday', /--since/],
    ] as const) {
      const cli = await runCli(['candidates', flag, value, '--format', 'json'], env);
      expect(cli.code, `${flag} ${value}`).toBe(3);
      expect(cli.stderr).toMatch(message);
      expect(JSON.parse(cli.stdout)).toMatchObject({ ok: false, error: { exitCode: 3 } });
    }
    const md = await runCli(['candidates', '--topic', 'sports', '--limit', '0'], env);
    expect(md.code).toBe(3);
    expect(md.stderr).toMatch(/--limit|unknown topic "sports"/);
    expect(md.stdout).toBe('');
  }, 120_000);

  it('writes escaped HTML to --output and nothing to stdout', async () => {
    const out = join(dir, 'candidates.html');
    const cli = await runCli(['candidates', ...ALL, '--format', 'html', '--output', out], env);
    expect(cli.code).toBe(0);
    expect(cli.stdout).toBe('');
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; 碳排放权交易');
    expect(html).not.toContain('<script>');
    expect(html).toContain('来源：国家数据局；标题：国家数据局发布数据产权登记工作指引；日期：2026-06-08；用途：');
  }, 120_000);
});
