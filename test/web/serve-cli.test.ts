import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';

const BIN = new URL('../../bin/sourcecheck.js', import.meta.url).pathname;
const ENV = { SOURCECHECK_DATA_DIR: 'memory://' };

describe('sourcecheck serve', () => {
  let blocker: Server;
  let port: number;
  beforeAll(async () => {
    blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    port = (blocker.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => blocker.close(() => resolve())));

  it('exits 5 with one line naming the port when it is in use', async () => {
    const r = await runCli(['serve', '--port', String(port)], ENV);
    expect(r.code).toBe(5);
    expect(r.stderr.trim()).toBe(
      `sourcecheck: port ${port} is already in use on 127.0.0.1: stop the other server or pass --port`,
    );
    expect(r.stdout).toBe('');
  });

  it('refuses a non-loopback host without a token (exit 3) and a bad port', async () => {
    const r = await runCli(['serve', '--host', '0.0.0.0', '--port', '0'], ENV);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/without a write token: pass --token or set SOURCECHECK_WEB_TOKEN/);
    const bad = await runCli(['serve', '--port', '99999'], ENV);
    expect(bad.code).toBe(3);
    expect(bad.stderr).toContain('--port: expected 0..65535');
  });

  it('prints its URL, serves the page, and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0'], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', SOURCECHECK_LOG_LEVEL: 'warn', ...ENV },
    });
    let stdout = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = /^sourcecheck serve: (http:\/\/127\.0\.0\.1:\d+\/)\n/.exec(stdout);
        if (match) resolve(match[1]!);
      });
      child.on('exit', (code) => reject(new Error(`serve exited early with ${code}`)));
    });
    const page = await fetch(`${url}candidates`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('sourcecheck crawl'); // a fresh database
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
