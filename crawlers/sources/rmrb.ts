import type { SourceInput } from './schema.js';

/** 人民日报 People's Daily: the e-paper by issue date, plus people.com.cn articles. */
export const rmrb = {
  id: 'rmrb',
  name: '人民日报',
  aliases: ['人民网', "People's Daily", 'People’s Daily', '人民日报社'],
  hosts: ['paper.people.com.cn', 'politics.people.com.cn', 'www.people.com.cn'],
  description: "People's Daily e-paper issues (layout → pages → articles) and people.com.cn pages",
  // The layout index is (or redirects to) the latest issue's page 01; earlier issues are reached
  // from it by their date URLs (quirk `back-issues-by-date-url`). people.com.cn has no start page here:
  // its articles are fetched when cited.
  discovery: [
    {
      name: '电子版 latest issue (layout/index.html)',
      url: 'https://paper.people.com.cn/rmrb/pc/layout/index.html',
      label: 'LIST',
      role: 'index',
    },
  ],
  selectors: {
    // E-paper, new layout (sources.md §4.3; RSSHub people/rmrb).
    pageLink: ['#list li a[href$=".html"]', '.swiper-container .swiper-slide a[href$=".html"]'],
    articleLink: ['.news-list a[href*="content_"]', '#titleList a[href*="content_"]'],
    title: ['.article > h1', '.article h1'],
    byline: ['.article > .sec', '.article .sec'],
    issueDate: ['.article .newstime', '.article .date', '.newstime', '.date'],
    body: ['#ozoom'],
    // people.com.cn article pages (real page: test/fixtures/real/people).
    peopleTitle: ['.rm_txt h1', '.rm_txt .col-1 h1'],
    peopleInfo: ['.rm_txt .channel .col-1-1', '.channel .col-1-1'],
    peopleBody: ['div.rm_txt_con', '.rm_txt .rm_txt_con'],
    // Inside the people.com.cn body but not article text: editors line, share bar, empty boxes.
    peopleBodyNoise: ['.edit', '.paper_num', '.bza', '.box_pic'],
  },
  // sources.md §7.2 puts the e-paper URL date first and the (sometimes stale) meta last. The
  // e-paper's .newstime and URL are both the issue day, so page-before-url chooses the same day;
  // it lets people.com.cn's visible minute (`2024年04月24日23:52`) beat its URL day. Meta is last.
  datePrecedence: ['page', 'url', 'meta'],
  nativeId: {
    pattern:
      /^https?:\/\/[a-z.]*people\.com\.cn\/(?:rmrb\/pc\/content\/\d{6}\/\d{2}\/content_|n1\/\d{4}\/\d{4}\/c\d+-)(\d+)\.html$/,
    note: 'The number of content_<n>.html (e-paper; one running sequence across issues) or of c1001-<n>.html (people.com.cn), as labelled in the fixtures',
  },
  politeness: { delayMs: 1500, concurrency: 1 },
  // One issue a day, out early in the morning.
  expectedCadenceHours: 30,
  quirks: [
    {
      name: 'stale-publishdate-meta',
      reason:
        'E-paper pages can carry <meta name="publishdate" content="2013-07-17"> on a 2026 page; the URL YYYYMM/DD and .newstime rank before meta.',
    },
    {
      name: 'editor-links-in-article-dom',
      reason:
        '本版责编 credits are listed in .news-list like articles (li > a[href*=content_]); they are skipped by their text (责编/责任编辑).',
    },
    {
      name: 'index-is-latest-issue-page',
      reason:
        'layout/index.html redirects to the latest issue\'s node_01.html (sources.md §4.3); some clients see it answer 200 with that page. The start request carries role "index", so back issues are followed whatever the final URL.',
    },
    {
      name: 'back-issues-by-date-url',
      reason:
        'No archive list exists: an earlier issue is reached at layout/YYYYMM/DD/node_01.html, built from dates between since and the latest issue.',
    },
    {
      name: 'gb2312-meta-only',
      reason:
        'people.com.cn declares charset=GB2312 only in <meta> (GBK bytes in fact); the document is decoded from the meta, read as GBK per WHATWG.',
    },
    {
      name: 'logo-h1-first',
      reason: 'On people.com.cn the first <h1> holds only the logo image; the title is the h1 inside .rm_txt.',
    },
    {
      name: 'editor-line-in-body',
      reason:
        'people.com.cn puts (责编：…) and the share bar inside div.rm_txt_con; they are removed before taking the text.',
    },
  ],
} satisfies SourceInput;
