import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { effectiveCharset, makeDocument } from '../../crawlers/extract/document.js';

const TITLE = '关于推进行业高质量数据集建设行动的实施方案';
const page = (meta: string) => `<html><head>${meta}<title>${TITLE}</title></head><body><h1>${TITLE}</h1></body></html>`;
const gbk = (text: string) => iconv.encode(text, 'gbk');

describe('decoding a page: header charset, then <meta>, then the bytes', () => {
  it('follows a GB2312 declared only in <meta> (people.com.cn)', () => {
    const doc = makeDocument(
      'https://x.cn/',
      200,
      { 'content-type': 'text/html' },
      gbk(page('<meta http-equiv="content-type" content="text/html;charset=GB2312">')),
    );
    expect(doc.$()('h1').text()).toBe(TITLE);
  });

  it('trusts the bytes over a GB header when they are valid UTF-8', () => {
    const doc = makeDocument('https://x.cn/', 200, { 'content-type': 'text/html; charset=GBK' }, Buffer.from(page('')));
    expect(doc.$()('h1').text()).toBe(TITLE);
    expect(effectiveCharset('gbk', Buffer.from('plain ascii'))).toBe('gbk');
  });

  it('falls back to <meta>, then GB18030, when a UTF-8 header lies', () => {
    const withMeta = makeDocument(
      'https://x.cn/',
      200,
      { 'content-type': 'text/html;charset=utf-8' },
      gbk(page('<meta charset="gb2312">')),
    );
    expect(withMeta.$()('h1').text()).toBe(TITLE);
    const bare = makeDocument('https://x.cn/', 200, { 'content-type': 'text/html;charset=utf-8' }, gbk(page('')));
    expect(bare.$()('h1').text()).toBe(TITLE);
  });

  it('reads JSON and XML without a charset as UTF-8, not windows-1252', () => {
    const json = makeDocument(
      'https://x.cn/a.json',
      200,
      { 'content-type': 'application/json' },
      Buffer.from(JSON.stringify({ t: TITLE })),
    );
    expect(JSON.parse(json.text())).toEqual({ t: TITLE });
  });
});
