import { describe, expect, it } from 'vitest';
import { formatHostMap, parseHostMap, toRealUrl, toWireUrl } from '../../crawlers/fetch/host-map.js';

describe('host map', () => {
  const map = parseHostMap(' www.nda.gov.cn=http://127.0.0.1:8101 , www.cac.gov.cn=http://127.0.0.1:8102');

  it('parses host=origin entries', () => {
    expect([...map.keys()]).toEqual(['www.nda.gov.cn', 'www.cac.gov.cn']);
    expect(formatHostMap(map)).toBe('www.nda.gov.cn=http://127.0.0.1:8101,www.cac.gov.cn=http://127.0.0.1:8102');
    expect(parseHostMap('').size).toBe(0);
  });

  it('rejects entries without a host, with a path, or with a non-http origin', () => {
    expect(() => parseHostMap('http://127.0.0.1:1')).toThrow(/host=http/);
    expect(() => parseHostMap('a.cn=http://127.0.0.1:1/x')).toThrow(/no path/);
    expect(() => parseHostMap('a.cn=ftp://127.0.0.1')).toThrow(/origin/);
    expect(() => parseHostMap('a.cn=not a url')).toThrow(/origin/);
  });

  it('sends the request to the mirror and keeps path and query', () => {
    const wire = toWireUrl(new URL('https://www.nda.gov.cn/sjj/index_pc.html?a=1'), map);
    expect(wire.href).toBe('http://127.0.0.1:8101/sjj/index_pc.html?a=1');
    expect(toWireUrl(new URL('https://www.gov.cn/x'), map).href).toBe('https://www.gov.cn/x');
  });

  it('turns a mirror URL back into the real one', () => {
    expect(toRealUrl(new URL('http://127.0.0.1:8102/2026-06/08/c_1.htm'), map).href).toBe(
      'https://www.cac.gov.cn/2026-06/08/c_1.htm',
    );
    expect(toRealUrl(new URL('http://127.0.0.1:9999/x'), map).href).toBe('http://127.0.0.1:9999/x');
  });
});
