import type { SourceInput } from './schema.js';

/**
 * 央广网 China National Radio: section lists and articles (often reposted by CAC).
 *
 * UNVERIFIED: no public code names cnr.cn's title, date or source markup (sources.md §4.4); only
 * the body selector `div.article-content` and the article URL shape are documented. The title,
 * info-line and list selectors below follow the replay fixture's plain markup and must be checked
 * against a live page on the first run. The generic fallbacks (`h1`, any link matching the URL
 * shape) are there so that a different real layout degrades instead of failing outright.
 */
export const cnr = {
  id: 'cnr',
  name: '央广网',
  aliases: ['CNR', '中央人民广播电台', '中国之声', 'China National Radio'],
  hosts: ['www.cnr.cn', 'news.cnr.cn', 'china.cnr.cn', 'finance.cnr.cn', 'tech.cnr.cn'],
  description: 'Section lists and articles of cnr.cn',
  discovery: [{ name: '时政 newscenter/native/gd', url: 'https://www.cnr.cn/newscenter/native/gd/', label: 'LIST' }],
  selectors: {
    // Any link on a list page whose URL has the article shape is an article; its row gives the date.
    listLink: ['.list li a[href]', 'li a[href]', 'a[href]'],
    listRow: ['li'],
    listDate: ['span', '.time', '.date'],
    // Unverified (sources.md §4.4): title and info line.
    title: ['.article-header h1', '.article h1', 'h1', 'head > title'],
    infoLine: ['.article-header .source', '.article .source', '.source'],
    // Documented by one scraper (`div.article-content`, also `.TRS_Editor`).
    body: ['div.article-content', '.TRS_Editor'],
  },
  datePrecedence: ['page', 'list', 'url'],
  nativeId: {
    pattern: /^https?:\/\/[a-z]+\.cnr\.cn\/(?:[a-z0-9_]+\/)+\d{8}\/(t\d{8}_\d+)\.shtml$/,
    note: 'The file name tYYYYMMDD_<id> of /<section…>/YYYYMMDD/tYYYYMMDD_<id>.shtml, e.g. t20260608_527667185',
  },
  politeness: { delayMs: 2000, concurrency: 1 },
  expectedCadenceHours: 12,
  quirks: [
    {
      name: 'unverified-article-markup',
      reason:
        'Title, date and 来源 selectors are not documented anywhere (sources.md §4.4); they follow the fixture and need a live check.',
    },
    {
      name: 'charset-per-response',
      reason:
        'cnr.cn was historically mixed UTF-8/GBK; the charset is taken per response (header, then <meta>), never assumed.',
    },
    {
      name: 'no-known-pagination',
      reason:
        'The section lists are read as one page: the paging scheme (index_1.shtml?) is unknown, so no next page is guessed.',
    },
    {
      name: 'list-hrefs-relative-to-list',
      reason: 'List links are `./YYYYMMDD/t….shtml`, relative to the list URL (unlike CAC).',
    },
    {
      name: 'title-suffix',
      reason: '<title> ends in `_央广网`; stripped when the page has no h1.',
    },
  ],
} satisfies SourceInput;
