import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquirePidLock } from '../../core/pid-lock.js';
import type { NightlySummary } from '../../jobs/nightly-summary.js';
import { startReplay, type Replay } from '../replay/server.js';
import { runCli } from '../cli/run-cli.js';
import { freshDir } from '../cli/temp.js';

const DIGEST = new URL('../../digests/2026-06-09.md', import.meta.url).pathname;
const NOW = '2026-06-09T06:00:00+08:00';
/** A 通知公告 list page whose markup no longer has the list: the selectors match nothing. */
const brokenList = {
  path: '/sjj/zwgk/tzgg/list/index_pc_1.html',
  body: '<!DOCTYPE html><html><head><meta charset="utf-8"><title>通知公告</title></head><body><div class="new-layout">改版</div></body></html>',
};

interface Night {
  code: number;
  summary: NightlySummary;
  stderr: string;
  out: string;
}

async function nightly(replay: Replay, digests: string, extra: string[] = []): Promise<Night> {
  const out = freshDir();
  const run = await runCli(
    [
      'nightly',
      '--json',
      '--source',
      'nda',
      '--now',
      NOW,
      '--since',
      '2026-01-01',
      '--digests',
      digests,
      '--out',
      out,
      ...extra,
    ],
    { SOURCECHECK_HOST_MAP: replay.hostMap, SOURCECHECK_DATA_DIR: `${freshDir()}/db`, SOURCECHECK_DELAY_MS: '0' },
  );
  return { code: run.code, summary: JSON.parse(run.stdout) as NightlySummary, stderr: run.stderr, out };
}

describe('sourcecheck nightly', () => {
  let healthy: Replay;
  let broken: Replay;
  beforeAll(async () => {
    healthy = await startReplay({ hosts: ['www.nda.gov.cn'] });
    broken = await startReplay({ hosts: ['www.nda.gov.cn'], routes: { 'www.nda.gov.cn': [brokenList] } });
  });
  afterAll(async () => {
    await healthy?.close();
    await broken?.close();
  });

  it('writes the report in all four formats, the candidates and the summary; exit 0 when all is well', async () => {
    const night = await nightly(healthy, freshDir());
    expect(night.code).toBe(0);
    expect(night.summary).toMatchObject({ date: '2026-06-09', exitCode: 0, brokenSources: [], verifyExitCode: 0 });
    const folder = join(night.out, '2026-06-09');
    for (const file of ['report.md', 'report.json', 'report.junit.xml', 'report.html', 'candidates.md', 'nightly.json'])
      expect(existsSync(join(folder, file)), file).toBe(true);
    expect(JSON.parse(readFileSync(join(folder, 'report.json'), 'utf8'))).toMatchObject({ schemaVersion: 1 });
    expect(readFileSync(join(folder, 'report.junit.xml'), 'utf8')).toMatch(/^<\?xml[^>]*>\s*<testsuites/);
    expect(
      cheerio
        .load(readFileSync(join(folder, 'report.html')))
        .root()
        .find('html').length,
    ).toBe(1);
    expect(JSON.parse(readFileSync(join(folder, 'nightly.json'), 'utf8'))).toEqual(night.summary);
    expect(night.summary.sources[0]).toMatchObject({ sourceId: 'nda', broken: false });
    expect(['succeeded', 'partial']).toContain(night.summary.sources[0]!.crawl); // the fixture keeps one dead link
    expect(night.summary.sources[0]!.stats!.new).toBeGreaterThan(10);
  }, 120_000);

  it('exits 2 and names the broken source, with the layout alert and its URL, when selectors stop matching', async () => {
    const night = await nightly(broken, freshDir());
    expect(night.code).toBe(2);
    expect(night.summary.exitCode).toBe(2);
    expect(night.summary.brokenSources.map((s) => s.sourceId)).toEqual(['nda']);
    expect(night.summary.brokenSources[0]!.flags).toContain('layout-changed');
    expect(night.summary.brokenSources[0]!.alerts.join('\n')).toContain(
      'layout changed? https://www.nda.gov.cn/sjj/zwgk/tzgg/list/index_pc_1.html',
    );
    expect(night.stderr).toMatch(/nightly 2026-06-09 failed: broken sources: nda/);
    // The reports are still written: a broken source must not cost the night its reports.
    expect(existsSync(join(night.out, '2026-06-09', 'report.junit.xml'))).toBe(true);
  }, 120_000);

  it('verifies every digest in the folder and reports a broken file by name (exit 3), the rest still checked', async () => {
    const digests = freshDir();
    copyFileSync(DIGEST, join(digests, '2026-06-09.md'));
    writeFileSync(join(digests, '2026-06-10.md'), '');
    const night = await nightly(healthy, digests);
    expect(night.code).toBe(3);
    expect(night.summary.digests.map((d) => d.path)).toEqual([join(digests, '2026-06-09.md')]);
    expect(night.summary.digests[0]!.references).toBe(11);
    expect(night.summary.digestErrors.map((e) => e.path)).toEqual([join(digests, '2026-06-10.md')]);
    const md = readFileSync(join(night.out, '2026-06-09', 'report.md'), 'utf8');
    expect(md).toContain('国家数据局');
  }, 120_000);

  it('refuses a second nightly while one runs (exit 5), touching nothing', async () => {
    const out = freshDir();
    mkdirSync(out, { recursive: true });
    const release = acquirePidLock(join(out, '.nightly.lock')); // this test process plays the running nightly
    try {
      const run = await runCli(['nightly', '--json', '--out', out, '--digests', freshDir()], {
        SOURCECHECK_DATA_DIR: `${freshDir()}/db`,
      });
      expect(run.code).toBe(5);
      expect(run.stderr.trim()).toMatch(/^sourcecheck: another nightly is running \(pid \d+/);
      expect(JSON.parse(run.stdout)).toMatchObject({ ok: false, error: { exitCode: 5 } });
      expect(existsSync(join(out, '2026-06-09'))).toBe(false);
    } finally {
      release();
    }
  });
});
