import { mkdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright';
import { CHROMIUM_ARGS, findChromium } from '../../crawlers/engine/chromium.js';
import { describeError } from '../../core/errors.js';
import { HOSTILE_TITLE, startTestServer, type TestServer } from './harness.js';

const SCREENSHOT = new URL('../../test-artifacts/editors-page.png', import.meta.url).pathname;

let executablePath: string | undefined;
let missing = '';
try {
  executablePath = findChromium();
} catch (error) {
  missing = describeError(error);
}
// The CI gate installs chromium and sets this: there a missing browser is a failure, not a skip.
const required = Boolean(process.env.SOURCECHECK_REQUIRE_BROWSER);

describe.runIf(!executablePath && required)('the editors’ page in a browser (required)', () => {
  it('has a Chromium to run in', () => {
    throw new Error(`SOURCECHECK_REQUIRE_BROWSER is set but ${missing}`);
  });
});

describe.runIf(executablePath)('the editors’ page in a browser', () => {
  let t: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    t = await startTestServer();
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('filters by source, accepts a story, and keeps the decision across a reload', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const problems: string[] = [];
    page.on('dialog', (d) => (problems.push(`dialog: ${d.message()}`), void d.dismiss()));
    page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));

    await page.goto(`${t.base}/candidates`);
    await expect.poll(() => page.locator('tr[data-story-id]').count()).toBe(3);
    await page.selectOption('#filter-source', 'nda');
    await Promise.all([page.waitForURL(/source=nda/), page.click('#apply-filters')]);
    const rows = page.locator('tr[data-story-id]');
    expect(await rows.count()).toBe(1);
    expect(await rows.locator('td.title a').textContent()).toBe(HOSTILE_TITLE);
    // The row offers the digest's reference line, the crawled title inside it as text.
    expect(await rows.locator('code.reference').textContent()).toMatch(
      new RegExp(`^来源：国家数据局；标题：.*script.*；日期：\\d{4}-\\d{2}-\\d{2}；用途：$`),
    );
    const storyId = (await rows.getAttribute('data-story-id'))!;

    await rows.locator('input[name=note]').fill('头条');
    const row = page.locator(`tr[data-story-id="${storyId}"]`);
    // The URL already matches before the POST, so wait for its answer (the 303's page) to show
    // the decision; reloading while that navigation is in flight detaches the page.
    await rows.locator('button[value=accept]').click();
    await expect.poll(() => row.getAttribute('data-decision'), { timeout: 10_000 }).toBe('accept');
    await page.waitForLoadState('load');
    await page.reload();
    expect(page.url()).toMatch(/\/candidates\?source=nda/);
    expect(await row.getAttribute('data-decision')).toBe('accept');
    expect(await row.locator('td.decision').textContent()).toMatch(/accept[\s\S]*editor[\s\S]*头条/);

    const stored = await t.handle.db.selectFrom('reviews').selectAll().where('story_id', '=', storyId).execute();
    expect(stored.map((r) => [r.decision, r.reviewer, r.note])).toEqual([['accept', 'editor', '头条']]);

    await mkdir(new URL('.', `file://${SCREENSHOT}`).pathname, { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    // No alert ran, and the CSP blocked nothing the page itself needs.
    expect(problems, problems.join('\n')).toEqual([]);
  }, 30_000);

  it('checks an uploaded digest file and shows the report with links to the sources', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.goto(`${t.base}/digest`);
    const digest = `# 每日动态\n\n## 一、数据集\n\n正文。\n\n## 参考文献\n\n1. 来源：国家数据局；标题：${HOSTILE_TITLE}；日期：2026-06-08；用途：核验。\n`;
    await page.setInputFiles('#digest-file', {
      name: '2026-06-09.md',
      mimeType: 'text/markdown',
      buffer: Buffer.from(digest),
    });
    await expect.poll(() => page.inputValue('#upload-name')).toBe('2026-06-09.md');
    await Promise.all([page.waitForURL(/\/digest\/[0-9a-f]{24}$/), page.click('#check-digest')]);
    expect(await page.locator('#report-summary h2').textContent()).toBe('2026-06-09.md');
    const report = page.frameLocator('iframe.report');
    await expect
      .poll(() => report.locator('#ref-1 a').getAttribute('href'))
      .toBe('https://example.invalid/nda/1001.html');
    expect(await report.locator('#ref-1 .badge').textContent()).toBe('已核实'); // verified (reasons in Chinese by default);
    expect(problems, problems.join('\n')).toEqual([]);
  }, 30_000);
});
