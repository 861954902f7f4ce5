import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configTableMarkdown, loadConfig } from '../../core/config.js';
import { BadInputError } from '../../core/errors.js';

function dirWithConfig(content: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'sc-config-'));
  writeFileSync(join(dir, 'sourcecheck.config.json'), typeof content === 'string' ? content : JSON.stringify(content));
  return dir;
}

describe('configuration', () => {
  it('uses the schema defaults when nothing is set', () => {
    const { config, origins, file } = loadConfig({ env: {}, cwd: mkdtempSync(join(tmpdir(), 'sc-')) });
    expect(config).toMatchObject({ dataDir: './data/pglite', logLevel: 'info', hostMap: '', dbConnectTimeoutMs: 5000 });
    expect(config.databaseUrl).toBeUndefined();
    expect(origins.dataDir).toBe('default');
    expect(file).toBeUndefined();
  });

  it('applies flags over env over the config file over defaults', () => {
    const cwd = dirWithConfig({ dataDir: '/from/file', logLevel: 'debug', dbConnectTimeoutMs: 900 });
    const env = { SOURCECHECK_DATA_DIR: '/from/env', SOURCECHECK_LOG_LEVEL: 'error' };
    const { config, origins } = loadConfig({ env, cwd, flags: { dataDir: '/from/flag' } });
    expect(config.dataDir).toBe('/from/flag');
    expect(config.logLevel).toBe('error');
    expect(config.dbConnectTimeoutMs).toBe(900);
    expect(origins).toMatchObject({ dataDir: 'flag', logLevel: 'env', dbConnectTimeoutMs: 'file', hostMap: 'default' });
  });

  it('treats an empty env var as unset', () => {
    const { config } = loadConfig({ env: { DATABASE_URL: '' }, cwd: tmpdir() });
    expect(config.databaseUrl).toBeUndefined();
  });

  it('names the offending setting and where it came from', () => {
    expect(() => loadConfig({ env: { SOURCECHECK_LOG_LEVEL: 'loud' }, cwd: tmpdir() })).toThrow(
      /SOURCECHECK_LOG_LEVEL/,
    );
    expect(() => loadConfig({ env: {}, cwd: tmpdir(), flags: { hostMap: 'nda' } })).toThrow(/--host-map.*host=http/);
    expect(() => loadConfig({ env: { DATABASE_URL: 'mysql://x' }, cwd: tmpdir() })).toThrow(BadInputError);
    const cwd = dirWithConfig({ dbConnectTimeoutMs: -1 });
    expect(() => loadConfig({ env: {}, cwd })).toThrow(/dbConnectTimeoutMs in .*sourcecheck.config.json/);
  });

  it('rejects unknown keys, broken JSON and a missing explicit file', () => {
    expect(() => loadConfig({ env: {}, cwd: dirWithConfig({ datadir: 'x' }) })).toThrow(/unknown key "datadir"/);
    expect(() => loadConfig({ env: {}, cwd: dirWithConfig('{oops') })).toThrow(/not valid JSON/);
    expect(() => loadConfig({ env: {}, cwd: tmpdir(), flags: { config: '/nope/sc.json' } })).toThrow(
      /cannot read config file \/nope\/sc.json/,
    );
  });

  it('is frozen once validated', () => {
    const { config } = loadConfig({ env: {}, cwd: tmpdir() });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('matches the table in the README (regenerate with `sourcecheck config --markdown`)', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const table = /<!-- config-table:start -->([\s\S]*?)<!-- config-table:end -->/.exec(readme)?.[1];
    // Compared cell by cell: Prettier pads the README's columns, the generator does not.
    const cells = (md: string) =>
      md
        .split('\n')
        .filter((line) => line.trim() !== '' && !/^\|[\s|:-]+\|$/.test(line))
        .map((line) => line.split('|').map((c) => c.trim()));
    expect(cells(table ?? '')).toEqual(cells(configTableMarkdown()));
  });
});
