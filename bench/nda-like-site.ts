import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A generated site with the URL layout and markup of nda.gov.cn's 政策发布 column (as in the NDA replay fixture). */
export interface GeneratedSite {
  origin: string;
  listUrls: string[];
  articleUrls: string[];
  close(): Promise<void>;
}

const PER_PAGE = 20;

// Every page is one of the NDA replay fixture's own pages (test/fixtures/sites/www.nda.gov.cn,
// built to sources.md §1) with its title, dates, body or list rows swapped: the chrome (header,
// nav, crumbs, share bar, tools, QR code, footer, scripts) stays the fixture's, so the bench
// follows the fixture when it is rebuilt. Articles come out at 4.5–6.5 KB, around the one real
// NDA article size on record (5,540 B, sources.md §5); list pages at about 8 KB.
const FIXTURE = new URL('../test/fixtures/sites/www.nda.gov.cn/sjj/zwgk/zcfb/', import.meta.url);
const ARTICLE_TEMPLATE = readFileSync(new URL('0605/20260605132526485058642_pc.html', FIXTURE), 'utf8');
const LIST_TEMPLATE = readFileSync(new URL('list/index_pc_1.html', FIXTURE), 'utf8');

/** Replace what `pattern` matches in `html`; a fixture that no longer has it stops the bench. */
function swap(html: string, pattern: RegExp, replacement: string): string {
  if (!pattern.test(html)) throw new Error(`bench: the NDA fixture page no longer matches ${String(pattern)}`);
  return html.replace(pattern, () => replacement);
}

function day(i: number): Date {
  return new Date(Date.UTC(2026, 5, 9) - Math.floor(i / 8) * 86_400_000);
}

function articlePath(i: number): string {
  const iso = day(i).toISOString();
  const id = `${iso.slice(0, 10).replaceAll('-', '')}${String(100000 + i).padStart(6, '0')}${String(i).padStart(9, '0')}`;
  return `/sjj/zwgk/zcfb/${iso.slice(5, 7)}${iso.slice(8, 10)}/${id}_pc.html`;
}

function dateOf(i: number): string {
  return day(i).toISOString().slice(0, 10).replaceAll('-', '.');
}

function titleOf(i: number): string {
  return `国家数据局关于印发《数据要素市场化配置改革第${i}号实施指引（试行）》的通知`;
}

function listPage(page: number, total: number): string {
  const rows: string[] = [];
  for (let i = (page - 1) * PER_PAGE; i < Math.min(total, page * PER_PAGE); i++) {
    const title = titleOf(i);
    const shown = title.length > 29 ? `${title.slice(0, 29)}...` : title;
    rows.push(
      `<li><a href="${articlePath(i)}" title="${title}" target="_blank">${shown}</a><span>${dateOf(i)}</span></li>`,
    );
  }
  let html = swap(
    LIST_TEMPLATE,
    /(<ul class="u-list">\n)[\s\S]*?(\n<\/ul>)/,
    `<ul class="u-list">\n${rows.join('\n')}\n</ul>`,
  );
  html = swap(html, /var totalData = \d+;/, `var totalData = ${total};`);
  return swap(html, /var currentPage = \d+;/, `var currentPage = ${page};`);
}

function articleBody(i: number): string {
  const paragraphs = Array.from(
    { length: 8 + (i % 5) },
    (_, p) =>
      `<p style="text-indent: 2em;">第${p + 1}条　各地区、各有关部门要推进数据要素市场化配置改革，完善数据产权、流通交易、收益分配和安全治理等基础制度，国数政策〔2026〕${i}号文件明确的任务要逐项落实。</p>`,
  );
  const files =
    i % 3 === 0
      ? `\n<dl class="filelist"><dt>附件：</dt><dd><a href="ff808081-${String(i).padStart(8, '0')}.pdf" target="_blank">${titleOf(i)}</a></dd></dl>`
      : '';
  return `<div class="article">\n${paragraphs.join('\n')}${files}\n</div>`;
}

function article(i: number): string {
  const title = titleOf(i);
  let html = swap(
    ARTICLE_TEMPLATE,
    /<meta name="ArticleTitle" content="[^"]*">/,
    `<meta name="ArticleTitle" content="${title}">`,
  );
  html = swap(html, /<meta name="PubDate" content="[^"]*">/, `<meta name="PubDate" content="${dateOf(i)}">`);
  html = swap(html, /<title>[^<]*_国家数据局<\/title>/, `<title>${title}_国家数据局</title>`);
  html = swap(html, /<h1>[^<]*<\/h1>/, `<h1>${title}</h1>`);
  html = swap(html, /发布时间：[\d-]+/, `发布时间：${dateOf(i).replaceAll('.', '-')}`);
  return swap(html, /<div class="article">[\s\S]*?<\/div>/, articleBody(i));
}

/** The real-site URLs of a generated site of `articles` articles: its list pages and articles. */
export function siteUrls(articles: number): { listUrls: string[]; articleUrls: string[] } {
  return {
    listUrls: Array.from(
      { length: Math.ceil(articles / PER_PAGE) },
      (_, p) => `https://www.nda.gov.cn/sjj/zwgk/zcfb/list/index_pc_${p + 1}.html`,
    ),
    articleUrls: Array.from({ length: articles }, (_, i) => `https://www.nda.gov.cn${articlePath(i)}`),
  };
}

/**
 * Serve `articles` generated NDA-style articles and their list pages on 127.0.0.1. Every page
 * is rendered once, up front: serving then costs little CPU, which both measured sides would
 * otherwise share with the server on a small machine.
 */
export async function startGeneratedSite(articles: number): Promise<GeneratedSite> {
  const byPath = new Map<string, Buffer>();
  for (let i = 0; i < articles; i++) byPath.set(articlePath(i), Buffer.from(article(i)));
  for (let page = 1; page <= Math.ceil(articles / PER_PAGE); page++)
    byPath.set(`/sjj/zwgk/zcfb/list/index_pc_${page}.html`, Buffer.from(listPage(page, articles)));
  const notFound = Buffer.from('not found');
  const server: Server = createServer((req, res) => {
    const body = byPath.get((req.url ?? '/').split('?')[0]!);
    res
      .writeHead(body ? 200 : 404, { 'content-type': 'text/html', 'content-length': (body ?? notFound).length })
      .end(body ?? notFound);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    ...siteUrls(articles),
    close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}
