import type { SourceInput } from './schema.js';

/** 生态环境部 Ministry of Ecology and Environment: news, policy documents, consultations. */
export const mee = {
  id: 'mee',
  name: '生态环境部',
  aliases: ['生态环境部办公厅', 'MEE', 'Ministry of Ecology and Environment'],
  hosts: ['www.mee.gov.cn'],
  description: 'Static lists and both article templates (栏目 and 信息公开) of mee.gov.cn',
  // The two lists confirmed by the replay fixture; the ywdt/* news lists and the other zcwj/*
  // columns of sources.md §4.2 share the markup but are not verified yet.
  discovery: [
    { name: '意见征集 hdjl/yjzj', url: 'https://www.mee.gov.cn/hdjl/yjzj/', label: 'LIST' },
    { name: '国务院有关文件 zcwj/gwywj', url: 'https://www.mee.gov.cn/zcwj/gwywj/', label: 'LIST' },
  ],
  selectors: {
    // List pages: rows are the `li` with a date; the navigation rows (ul.sub) have none.
    listItem: ['li:has(> span.date)', 'li:has(span.date)'],
    listLink: ['a[href]'],
    listDate: ['span.date'],
    // Article pages: 栏目 (hdjl/ywdt) h2, then the 文件库 and 信息公开 h1 inside .content_body
    // (never the bare `h1`: the 信息公开 page ends with a "leaving the site" dialog h1).
    title: ['h2.neiright_Title', 'div.content_body > h1', '#print_html h1'],
    // Keys ending in `Meta` hold `<meta name>` values (read with metaContent).
    titleMeta: ['ArticleTitle'],
    pubDateMeta: ['PubDate'],
    body: ['.neiright_JPZ_GK_CP', '.content_body_box', '.TRS_Editor', '.Custom_UnionStyle'],
    // 文件库 `<em>发布时间：…</em><em>来源：…</em>`; 栏目 `span.xqLyPc` (来源) and `span.xqLyPc.time`.
    labelledLine: ['.wjkFontBox em', 'span.xqLyPc'],
    columnDate: ['span.xqLyPc.time', 'p.ydLyZzBox span'],
    // 信息公开 box: `<div><span>发布机关</span><i>…</i></div>`, `<div><span>文 号</span>…</div>`.
    infoField: ['.content_top_box li > div'],
    attachmentLinks: ['a[href]'],
  },
  datePrecedence: ['meta', 'page', 'list', 'url'],
  nativeId: {
    pattern: /\/(t\d{8}_\d+)\.s?html?$/,
    note: 'The full t-id of …/YYYYMM/tYYYYMMDD_<n>.(s)html, e.g. t20260914_1166201 (the number alone would do, the date keeps it readable)',
  },
  politeness: { delayMs: 2000, concurrency: 1 },
  browser: 'never',
  expectedCadenceHours: 72,
  quirks: [
    {
      name: 'relative-hrefs',
      reason:
        'Live lists write ./zjyj/… and ../../xxgk2018/… (resolved against the list URL); copies trimmed by a collector write hdjl/… and xxgk2018/… from the site root, so a bare href starting with a top-level section is resolved against the root',
    },
    {
      name: 'three-article-templates',
      reason:
        '栏目 pages (h2.neiright_Title), 信息公开 pages (.content_top_box + h1) and 文件库 reposts (.wjkFontBox) share one site and one list',
    },
    {
      name: 'leave-site-dialog-h1',
      reason: '信息公开 pages end with a second h1, 您访问的链接即将离开生态环境部门户网站, which is no title',
    },
    {
      name: 'pagination-index-n',
      reason:
        'Page 2 of a list is index_1.shtml, page 3 index_2.shtml; there is no pager markup, so paging ends at a 404',
    },
    {
      name: 'state-council-order-number',
      reason:
        'Reposted 国务院令 write 中华人民共和国国务院令 / 第839号 on two lines; the 文号 is normalised to 国令第839号',
    },
  ],
} satisfies SourceInput;
