import { FIXTURE_HOSTS } from '../replay/server.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VerifyRun } from '../../pipeline/verify/types.js';
import { runCli } from '../cli/run-cli.js';
import { freshDir } from '../cli/temp.js';
import { crawlReplay } from '../crawlers/crawl-harness.js';
import { openDatabase } from '../../db/connect.js';
import { createLogger } from '../../core/log.js';

const DIGEST = new URL('../../digests/2026-06-09.md', import.meta.url).pathname;
// Ref 2 describes the article (行业高质量数据集建设专家解读) instead of giving its title: title_mismatch.
const EXPECTED = [
  'verified',
  'title_mismatch',
  'verified',
  'verified',
  'verified',
  'verified',
  'unverifiable',
  'verified',
  'not_found',
  'verified',
  'not_found',
];

describe('sourcecheck verify against the fixture crawl', () => {
  const dir = freshDir();
  const env = { SOURCECHECK_DATA_DIR: join(dir, 'db') };
  beforeAll(async () => {
    const run = await crawlReplay({
      hosts: [...FIXTURE_HOSTS],
      sources: ['nda', 'cac', 'cnr', 'reuters', 'govcn', 'mee', 'rmrb'],
      since: '2026-01-01T00:00:00+08:00',
      config: { dataDir: env.SOURCECHECK_DATA_DIR },
    });
    await run.close();
  }, 180_000);

  let json: VerifyRun;
  it('gives every one of the 11 references a status and a reason, and exits 2', async () => {
    const cli = await runCli(['verify', DIGEST, '--format', 'json'], env);
    expect(cli.code).toBe(2);
    json = JSON.parse(cli.stdout) as VerifyRun;
    const refs = json.digests[0]!.references;
    expect(refs.map((r) => r.status)).toEqual(EXPECTED);
    for (const r of refs) expect(r.reasons.length, `[${r.index}]`).toBeGreaterThan(0);
    expect(refs.map((r) => r.line)).toEqual([70, 71, 73, 74, 75, 76, 77, 78, 79, 80, 81]);
    expect(refs[0]!.match?.url).toBe('https://www.nda.gov.cn/sjj/zwgk/tzgg/0608/20260608172117399715004_pc.html');
    expect(refs[9]!.match?.publishedDate).toBe('2026-06-08'); // 23:18 UTC on 06-07 is 06-08 in Beijing
    expect(refs[6]!.reasons[0]).toMatch(/上海市相关规划信息/);
    // Reference 6 (生态环境部转载国务院文件): the MEE repost credits gov.cn and is issued by 国务院.
    expect(refs[5]!.match).toMatchObject({ source: 'mee', originalSource: '中国政府网', issuer: '国务院' });
    expect(refs[5]!.outletMatch).toEqual({ by: 'source', name: '生态环境部' });
    for (const r of refs.filter((x) => x.status === 'verified')) expect(r.outletMatch, `[${r.index}]`).not.toBeNull();
  }, 60_000);

  it('checks the body claims against the matched sources', () => {
    const claims = json.digests[0]!.claims;
    expect(claims.find((c) => c.text.includes('76.7%'))?.status).toBe('supported');
    expect(claims.find((c) => c.text.includes('《关于推进行业高质量数据集建设行动的实施方案》'))?.status).toBe(
      'supported',
    );
    expect(json.digests[0]!.unsupportedSections.length).toBeLessThan(json.digests[0]!.references.length);
  });

  it('writes reasons in English with --lang en, and the report to --output', async () => {
    const out = join(dir, 'report.md');
    const cli = await runCli(['verify', DIGEST, '--lang', 'en', '--format', 'markdown', '--output', out], env);
    expect(cli.code).toBe(2);
    expect(cli.stdout).toBe('');
    const md = (await import('node:fs')).readFileSync(out, 'utf8');
    expect(md).toMatch(/not covered by any crawled source/);
  });

  it('reports unreadable digests with file:line (exit 3) and still checks the others', async () => {
    const empty = join(dir, 'empty.md');
    const binary = join(dir, 'binary.md');
    const noRefs = join(dir, 'norefs.md');
    const noTitle = join(dir, 'notitle.md');
    writeFileSync(
      noTitle,
      '# 日报\n\n2026 年 6 月 9 日\n\n## 一、数据\n\n正文。\n\n## 参考文献\n\n1. 来源：国家数据局；日期：2026-06-08；用途：主线。\n',
    );
    writeFileSync(empty, '');
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2, 3]));
    writeFileSync(noRefs, '# 日报\n\n2026 年 6 月 9 日\n\n## 一、标题\n\n正文一段。\n');
    const cli = await runCli(['verify', empty, DIGEST, binary, noRefs, noTitle, '--format', 'json'], env);
    expect(cli.code).toBe(3);
    const run = JSON.parse(cli.stdout) as VerifyRun;
    expect(run.digests.map((d) => d.path)).toEqual([DIGEST]);
    expect(run.errors.map((e) => e.path).sort()).toEqual([binary, empty, noRefs, noTitle].sort());
    expect(run.errors.find((e) => e.path === noTitle)?.message).toMatch(new RegExp(`^${noTitle}:11: .*title`));
    for (const e of run.errors) expect(e.message).toMatch(new RegExp(`^${e.path}:\\d+: `));
    expect(cli.stderr).toContain(`${empty}:1: `);
  });

  it('warns on unverifiable references, and fails on them with --strict', async () => {
    const digest = join(dir, 'small.md');
    writeFileSync(
      digest,
      '# 日报\n\n2026 年 6 月 9 日\n\n## 一、数据\n\n国家数据局 6 月 8 日发布方案。\n\n## 参考文献\n\n' +
        '1. 来源：国家数据局；标题：关于推进行业高质量数据集建设行动的实施方案；日期：2026-06-08；用途：主线。\n' +
        '2. 来源：上海市相关规划信息；标题：服务业“十五五”规划相关内容；日期：2026-06；用途：背景。\n',
    );
    expect((await runCli(['verify', digest], env)).code).toBe(0);
    expect((await runCli(['verify', digest, '--strict'], env)).code).toBe(2);
  });

  it('lists stories with every copy and the credited original (sourcecheck stories)', async () => {
    const cli = await runCli(['stories', '--since', '2026-06-08', '--format', 'json'], env);
    expect(cli.code).toBe(0);
    const { stories } = JSON.parse(cli.stdout) as {
      stories: { title: string; originalArticle: string; copies: { source: string; original: boolean }[] }[];
    };
    const repost = stories.find(
      (s) => s.copies.some((c) => c.source === 'cac') && s.copies.some((c) => c.source === 'cnr'),
    )!;
    expect(repost.title).toBe('发展农业新质生产力！五大任务强化农业科技和装备支撑');
    expect(repost.copies.find((c) => c.original)?.source).toBe('cnr');
    expect(repost.originalArticle).toMatch(/^https:\/\/www\.cnr\.cn\//);
  });

  it('keeps no results with --no-store (a pull request draft), the same report otherwise', async () => {
    const count = async () => {
      const handle = await openDatabase(
        { dataDir: env.SOURCECHECK_DATA_DIR, dbConnectTimeoutMs: 5000 },
        createLogger('silent'),
      );
      try {
        return (await handle.db.selectFrom('digests').select('id').execute()).length;
      } finally {
        await handle.close();
      }
    };
    const before = await count();
    const cli = await runCli(['verify', '--no-store', '--format', 'json', DIGEST], env);
    expect(cli.code).toBe(2);
    expect((JSON.parse(cli.stdout) as VerifyRun).digests[0]!.references.map((r) => r.status)).toEqual(EXPECTED);
    expect(await count()).toBe(before);
    expect((await runCli(['verify', '--format', 'json', DIGEST], env)).code).toBe(2);
    expect(await count()).toBe(before + 1);
  }, 60_000);

  afterAll(async () => {
    // History is kept: every run above stored its digests and verifications.
    const cli = await runCli(['db', 'status', '--json'], env);
    expect(cli.code).toBe(0);
  });
});
