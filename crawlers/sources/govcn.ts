import type { SourceInput } from './schema.js';

/** 国务院 / 中国政府网: the latest-policy feed and its article pages. */
export const govcn = {
  id: 'govcn',
  name: '国务院',
  aliases: ['中国政府网', '国务院办公厅', '中华人民共和国中央人民政府', 'State Council', 'gov.cn'],
  hosts: ['www.gov.cn'],
  description: 'Latest State Council policies (ZUIXINZHENGCE.json) and their pages on gov.cn',
  discovery: [
    { name: '最新政策 zhengce/zuixin feed', url: 'https://www.gov.cn/zhengce/zuixin/ZUIXINZHENGCE.json', label: 'API' },
  ],
  selectors: {
    title: ['div.share-title', '.article h1', 'h1'],
    // Keys ending in `Meta` hold `<meta name>` values (read with metaContent).
    publishedMeta: ['firstpublishedtime'],
    manuscriptIdMeta: ['manuscriptId'],
    pageDate: ['div.pages-date'],
    source: ['span.font-zyygwj', '.pages-date span'],
    // 政策文件库 info table: label cells (`<b>发文机关：</b>`) followed by value cells.
    infoTableCell: ['table.bd1 td', '.policyLibraryOverview_header td'],
    body: ['div.TRS_UEDITOR', '#UCAP-CONTENT', 'div.pages_content', '.trs_editor_view'],
    attachmentLinks: ['a[href]'],
  },
  datePrecedence: ['meta', 'api', 'page', 'url'],
  nativeId: {
    pattern: /\/content_(\d+)\.htm$/,
    note: 'meta manuscriptId, else n of content_<n>.htm; the 政策文件库 copy of a 国务院 document takes the id of its /zhengce/content/ page',
  },
  politeness: { delayMs: 2000, concurrency: 1 },
  browser: 'never',
  expectedCadenceHours: 24,
  quirks: [
    {
      name: 'zhengceku-index-403',
      reason:
        'The /zhengce/zhengceku/ directory answers 403 (nginx) and guessed URLs 404: only feed (or search API) URLs are requested',
    },
    {
      name: 'hyphenated-publish-time',
      reason: 'firstpublishedtime is written YYYY-MM-DD-HH:mm:ss in Beijing time, with a hyphen between date and time',
    },
    {
      name: 'feed-date-only',
      reason: 'ZUIXINZHENGCE.json DOCRELPUBTIME is a bare YYYY-MM-DD; the clock time is only on the page',
    },
    {
      name: 'zhengceku-twin-id',
      reason:
        'A 国务院/国务院办公厅 document is served at /zhengce/content/…/content_N.htm and as a 政策文件库 copy content_{N+1}.htm with its own manuscriptId; the copy is given id N so both URLs are one article',
    },
    {
      name: 'issuer-in-info-table',
      reason:
        '来源 on policy pages is the website (中国政府网); the issuing body is the 发文机关 cell of table.bd1, used as the outlet when present',
    },
  ],
} satisfies SourceInput;
