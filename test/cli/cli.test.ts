import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';
import { freshDir } from './temp.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

describe('sourcecheck CLI conventions', () => {
  it('prints its version and help on stdout with exit 0', async () => {
    const version = await runCli(['--version']);
    expect([version.code, version.stdout.trim()]).toEqual([0, pkg.version]);
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: sourcecheck/);
    for (const cmd of ['db', 'sources', 'config']) expect(help.stdout).toContain(cmd);
    for (const args of [
      ['db', '--help'],
      ['db', 'status', '--help'],
      ['sources', '--help'],
    ]) {
      expect((await runCli(args)).code).toBe(0);
    }
  });

  it('answers an unknown command or flag with usage on stderr and exit 3', async () => {
    for (const args of [['frobnicate'], ['sources', '--frob'], ['db', 'explode']]) {
      const run = await runCli(args);
      expect(run.code).toBe(3);
      expect(run.stderr).toMatch(/unknown (command|option)/);
      expect(run.stderr).toMatch(/Usage: sourcecheck/);
      expect(run.stdout).toBe('');
    }
  });

  it('lists the source registry with the health of each source, as JSON with --json', async () => {
    const env = { SOURCECHECK_DATA_DIR: `${freshDir()}/db` };
    const run = await runCli(['sources', '--json'], env);
    expect(run.code).toBe(0);
    const { sources } = JSON.parse(run.stdout) as {
      sources: { id: string; aliases: string[]; hosts: string[]; health: { flags: string[] } }[];
    };
    expect(sources.map((s) => s.id)).toEqual(['nda', 'cac', 'reuters', 'govcn', 'mee', 'rmrb', 'cnr']);
    expect(sources.find((s) => s.id === 'reuters')?.aliases).toContain('路透');
    expect(sources.every((s) => s.health.flags.includes('never-crawled'))).toBe(true);
    const text = await runCli(['sources'], env);
    expect(text.stdout).toMatch(/^cac\s+中央网信办/m);
    expect(text.stdout).toMatch(/never-crawled — never crawled/);
    const registryOnly = await runCli(['sources', '--no-health', '--json'], {
      SOURCECHECK_DATA_DIR: '/proc/forbidden',
    });
    expect(registryOnly.code).toBe(0);
    expect(JSON.parse(registryOnly.stdout).sources[0].health).toBeUndefined();
  });

  it('rejects an invalid setting naming it, with exit 3', async () => {
    const run = await runCli(['sources'], { SOURCECHECK_HOST_MAP: 'www.nda.gov.cn' });
    expect(run.code).toBe(3);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/SOURCECHECK_HOST_MAP/);
  });

  it('shows the effective configuration and where each value came from', async () => {
    const dir = freshDir();
    const run = await runCli(['config', '--json', '--log-level', 'debug'], { SOURCECHECK_DATA_DIR: `${dir}/db` });
    const { settings } = JSON.parse(run.stdout) as { settings: { key: string; value: unknown; origin: string }[] };
    expect(settings.find((s) => s.key === 'logLevel')).toMatchObject({ value: 'debug', origin: 'flag' });
    expect(settings.find((s) => s.key === 'dataDir')).toMatchObject({ value: `${dir}/db`, origin: 'env' });
  });
});
