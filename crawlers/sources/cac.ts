import type { SourceInput } from './schema.js';

/** 中央网信办 Cyberspace Administration of China, incl. its reposts of other outlets. */
export const cac = {
  id: 'cac',
  name: '中央网信办',
  aliases: [
    '国家网信办',
    '网信办',
    '中国网信网',
    '国家互联网信息办公室',
    '中央网络安全和信息化委员会办公室',
    'CAC',
    'Cyberspace Administration of China',
  ],
  hosts: ['www.cac.gov.cn'],
  description: 'Column pages and the JsonList API of cac.gov.cn; reposts keep their original outlet (来源)',
  // Column pages (sources.md §2.1). The channel code for JsonList is read from each page's own
  // pager script (`channelCode = 'A093702'`), falling back to the code in the file name.
  discovery: [
    { name: '网信发布 wxzw/wxfb (A093702)', url: 'https://www.cac.gov.cn/wxzw/wxfb/A093702index_1.htm', label: 'LIST' },
    { name: '政策法规 wxzw/zcfg (A093703)', url: 'https://www.cac.gov.cn/wxzw/zcfg/A093703index_1.htm', label: 'LIST' },
    { name: '网信@你 hdfw/wxan (A093802)', url: 'https://www.cac.gov.cn/hdfw/wxan/A093802index_1.htm', label: 'LIST' },
  ],
  selectors: {
    // Column page rows: <li> directly inside div#loadingInfoPage (no <ul>).
    listRow: ['#loadingInfoPage > li', '#loadingInfoPage li'],
    listLink: ['h5 a[title]', 'a[title]', 'h5 a[href]', 'a[href]'],
    listDate: ['.times'],
    // Current layout (2023-), then the 2020 layout, then the 2018 one; <title> last (suffix stripped).
    title: ['.main-title h1.title', 'h1#title', 'h1.title', '#title', 'head > title'],
    pubtime: ['.main-title #pubtime', '#pubtime'],
    source: ['.main-title #source', '#source'],
    body: ['.main-content #BodyLabel', '#BodyLabel', '#content'],
    attachment: ['a[href*="downloadfile.jsp"]'],
  },
  // sources.md §7.2: #pubtime > JsonList pubtime > (column row date) > URL date.
  datePrecedence: ['page', 'api', 'list', 'url'],
  nativeId: {
    pattern: /^https?:\/\/www\.cac\.gov\.cn\/\d{4}-\d{2}\/\d{2}\/c_(\d+)\.htm$/,
    note: 'The digits after c_ in /YYYY-MM/DD/c_<id>.htm; one id per article across every column (sources.md §7.3)',
  },
  politeness: { delayMs: 2000, concurrency: 1 },
  // Several items most working days, none at weekends.
  expectedCadenceHours: 72,
  quirks: [
    {
      name: 'static-column-page-one-only',
      reason: 'Only …index_1.htm exists as a static page; …index_2.htm answers 404 (sources.md §2.1).',
    },
    {
      name: 'jsonlist-for-later-pages',
      reason:
        "Pages 2+ come from POST /cms/JsonList {channelCode, perPage, pageno}; the answer is {list, totalRec}, past the end an empty list. The column page's script gives the size as total:'N'.",
    },
    {
      name: 'root-relative-hrefs',
      reason:
        'Column rows link `2026-06/08/c_….htm` without a leading slash, yet relative to the site root: resolve against https://www.cac.gov.cn/, not the column URL.',
    },
    {
      name: 'protocol-relative-hrefs',
      reason: 'Live rows (often unquoted) and every JsonList infourl are protocol-relative `//www.cac.gov.cn/…`.',
    },
    {
      name: 'truncated-list-titles',
      reason: 'Row link text is cut (at 36 characters, no marker) by the site JS; the full title is in a[title].',
    },
    {
      name: 'list-template-in-script',
      reason:
        "The column script holds a row template `<li><h5><a href='{链接URL}' … title='{长标题}'>` that regex scrapers match; rows are read from the DOM only.",
    },
    {
      name: 'title-suffix',
      reason: '<title> is `<title>_中央网络安全和信息化委员会办公室`; stripped when the page has no h1 title.',
    },
    {
      name: 'layout-2020',
      reason:
        'Pages from about 2020 use div.main_tit > h1#title, #pubtime `2020-02-20 17:27:30` and #content > #BodyLabel (RSSHub PR #12792 records the change).',
    },
    {
      name: 'pagestat-script-in-body',
      reason:
        'A pagestat <script> holding the title sits inside #BodyLabel; scripts are dropped before taking the text.',
    },
    {
      name: 'attachment-name-in-ftext',
      reason:
        'Attachments go through /cms/pub/interact/downloadfile.jsp?filepath=…&fText=<name> with no extension; the name is fText. Relative links resolve against the site root.',
    },
    {
      name: 'source-label-in-link',
      reason:
        '#source reads `来源：<a>中国网信网</a>` (or plain text, or name on its own line in 2020); it names the original outlet of reposts.',
    },
  ],
} satisfies SourceInput;
