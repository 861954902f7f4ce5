import type { SourceInput } from './schema.js';

const LIST = 'https://www.nda.gov.cn/sjj';

/** 国家数据局 National Data Administration: static column lists, TRS article meta. */
export const nda = {
  id: 'nda',
  name: '国家数据局',
  aliases: ['NDA', 'National Data Administration', '国家数据局官网'],
  hosts: ['www.nda.gov.cn'],
  description: 'Releases, news and interpretations from the static column lists of nda.gov.cn',
  // Page 1 of each column list (sources.md §1.1–1.2). The 业务频道 columns are the four that are
  // confirmed in the replay fixture; szsh, szkjyjcss and gjjlhz exist live but are unverified.
  discovery: [
    { name: '政策发布 zwgk/zcfb', url: `${LIST}/zwgk/zcfb/list/index_pc_1.html`, label: 'LIST' },
    { name: '通知公告 zwgk/tzgg', url: `${LIST}/zwgk/tzgg/list/index_pc_1.html`, label: 'LIST' },
    { name: '政策解读 zwgk/zcjd', url: `${LIST}/zwgk/zcjd/list/index_pc_1.html`, label: 'LIST' },
    { name: '专家解读 zwgk/zjjd', url: `${LIST}/zwgk/zjjd/list/index_pc_1.html`, label: 'LIST' },
    { name: '新闻发布 swdt/xwfb', url: `${LIST}/swdt/xwfb/list/index_pc_1.html`, label: 'LIST' },
    { name: '数字中国 ywpd/sjzg', url: `${LIST}/ywpd/sjzg/list/index_pc_1.html`, label: 'LIST' },
    { name: '政策规划 ywpd/zcgh', url: `${LIST}/ywpd/zcgh/list/index_pc_1.html`, label: 'LIST' },
    { name: '数据资源 ywpd/sjzy', url: `${LIST}/ywpd/sjzy/list/index_pc_1.html`, label: 'LIST' },
    { name: '数字经济 ywpd/szjj', url: `${LIST}/ywpd/szjj/list/index_pc_1.html`, label: 'LIST' },
  ],
  selectors: {
    // List pages.
    listItem: ['ul.u-list > li', '.list-box li'],
    listLink: ['a[href*="_pc.html"]', 'a[href]'],
    listDate: ['span', '.date'],
    // Article pages. Keys ending in `Meta` hold `<meta name>` values (read with metaContent).
    titleMeta: ['ArticleTitle'],
    title: ['.content-box h1', '.m-content h1', 'h1'],
    pubDateMeta: ['PubDate'],
    sourceMeta: ['ContentSource'],
    source: ['ul.info li.source', '.m-info .source', 'li.source'],
    body: ['div.article', 'div.detail', '.TRS_Editor', '.article-content'],
    attachments: ['.filelist dd a', '.filelist a'],
    // Removed from the body text: the attachment list repeats the link names.
    bodyNoise: ['.filelist'],
  },
  datePrecedence: ['meta', 'list', 'url'],
  nativeId: {
    pattern: /\/(\d{23})_(?:pc|mobile)\.html$/,
    note: 'The 23-digit id (YYYYMMDDHHMMSS + 9 digits) of /<MMDD>/<id>_pc.html; one id under several columns is one document',
  },
  politeness: { delayMs: 2000, concurrency: 1 },
  browser: 'never',
  expectedCadenceHours: 48,
  quirks: [
    {
      name: 'js-shell-home',
      reason:
        '`/` is a 193-byte JS redirect to /sjj/index_pc.html that cheerio cannot follow; the crawl starts at the column lists instead',
    },
    {
      name: 'id-timestamp-not-publish-date',
      reason:
        'The id timestamp is the CMS creation time (0112/20260107…); dates come from PubDate, the list, then the MMDD folder',
    },
    {
      name: 'same-id-under-several-columns',
      reason:
        'xwfb and ywpd repost one document under the same 23-digit id with other attachment names; the id is the native id',
    },
    {
      name: 'list-titles-truncated',
      reason: 'List link text is cut to 29 characters plus "..."; the full title is in the a[title] attribute',
    },
    {
      name: 'pagination-total-in-script',
      reason:
        'The pager is drawn by JS from `var totalData` / `showData`; read them to stop before the 404 after the last page',
    },
  ],
} satisfies SourceInput;
