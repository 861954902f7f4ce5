import { describe, expect, it } from 'vitest';
import { signingBody } from '../../crawlers/extract/sign-off.js';

describe('signingBody: the issuer from a document’s sign-off', () => {
  it('takes the body name above the sign-off date (padding and indentation removed)', () => {
    expect(signingBody('现批复如下：\n同意。\n　　国务院\n2026年5月22日\n　　（此件公开发布）')).toBe('国务院');
    expect(signingBody('正文。\n国家互联网信息办公室\n2026 年 9 月 18 日')).toBe('国家互联网信息办公室');
  });

  it('joins co-signers, one per line or on one line, with a space', () => {
    expect(signingBody('印发给你们。\n中央网信办\n工业和信息化部\n公安部\n2026年5月29日')).toBe('中央网信办 工业和信息化部 公安部');
    expect(signingBody('印发给你们。\n国家发展改革委　国家能源局\n2026年5月20日')).toBe('国家发展改革委 国家能源局');
    expect(signingBody('印发给你们。\n中央网信办秘书局\n国家数据局综合司\n2026年4月14日')).toBe('中央网信办秘书局 国家数据局综合司');
  });

  it('reads a 国务院令 signed by the Premier as issued by 国务院', () => {
    expect(signingBody('《条例》已经国务院常务会议通过，现予公布。\n总理 李强\n2026年5月12日')).toBe('国务院');
  });

  it('takes the first sign-off: the notice’s, not that of the document it prints', () => {
    const body = '现将《规划》印发给你们。\n国务院\n2026年5月30日\n规划全文\n国务院办公厅\n2026年5月1日';
    expect(signingBody(body)).toBe('国务院');
  });

  it('finds none in news, after a sentence, or for a name that is no state body', () => {
    expect(signingBody('新华社北京6月8日电 国务院新闻办公室8日举行吹风会。')).toBeNull();
    expect(signingBody('《办法》已经审议通过，现予公布，自2020年6月1日起施行。\n2020年4月13日')).toBeNull();
    expect(signingBody('记者 张三\n2026年6月8日')).toBeNull();
    expect(signingBody('')).toBeNull();
  });
});
