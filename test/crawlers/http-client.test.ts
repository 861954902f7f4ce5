import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostGate } from '../../crawlers/engine/host-gate.js';
import { SourcecheckHttpClient } from '../../crawlers/engine/http-client.js';
import { parseHostMap } from '../../crawlers/fetch/host-map.js';

describe('the HTTP client crawlee crawls through', () => {
  let server: Server;
  let client: SourcecheckHttpClient;
  const cookies = ['sid=1; Expires=Wed, 09 Jun 2027 10:18:14 GMT; Path=/', 'lang=zh; Path=/'];
  beforeAll(async () => {
    server = createServer((_req, res) => {
      res.setHeader('set-cookie', cookies);
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end('<p>ok</p>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    client = new SourcecheckHttpClient({
      fetch: {
        hostMap: parseHostMap(`a.example.cn=http://127.0.0.1:${port}`),
        allowedHosts: new Set(['a.example.cn']),
      },
      headers: { 'user-agent': 'sourcecheck-test' },
      gate: new HostGate(() => 0),
    });
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("hands crawlee every Set-Cookie on its own (for the session's cookie jar) and keeps the page for the archive", async () => {
    const url = 'https://a.example.cn/page.html'; // a made-up host: this is the client, not any source
    const response = await client.stream({ url, method: 'GET', headers: {} });
    expect(response.headers['set-cookie']).toEqual(cookies);
    expect(String(response.url)).toBe(url);
    const page = client.take('GET', url, undefined);
    expect(page?.headers['set-cookie']).toBe(cookies.join('\n'));
    expect(page?.body.toString()).toBe('<p>ok</p>');
  });
});
