import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A generated site with the URL layout and markup of nda.gov.cn's 政策发布 column. */
export interface GeneratedSite {
  origin: string;
  listUrls: string[];
  articleUrls: string[];
  close(): Promise<void>;
}

const PER_PAGE = 20;

function articlePath(i: number): string {
  const day = new Date(Date.UTC(2026, 5, 9) - Math.floor(i / 8) * 86_400_000);
  const mmdd = day.toISOString().slice(5, 10).replace('-', '');
  const id = `${day.toISOString().slice(0, 10).replaceAll('-', '')}${String(100000 + i).padStart(6, '0')}${String(i).padStart(9, '0')}`;
  return `/sjj/zwgk/zcfb/${mmdd}/${id}_pc.html`;
}

function dateOf(i: number): string {
  return new Date(Date.UTC(2026, 5, 9) - Math.floor(i / 8) * 86_400_000)
    .toISOString()
    .slice(0, 10)
    .replaceAll('-', '.');
}

function listPage(page: number, total: number): string {
  const rows: string[] = [];
  for (let i = (page - 1) * PER_PAGE; i < Math.min(total, page * PER_PAGE); i++) {
    rows.push(
      `<li><a href="${articlePath(i)}" title="关于数据要素第${i}号文件的通知">关于数据要素第${i}号文件的通知</a><span>${dateOf(i)}</span></li>`,
    );
  }
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>政策发布_国家数据局</title></head><body>
<div class="header">国家数据局</div><ul class="u-list">${rows.join('')}</ul>
<script>var totalData = ${total};</script></body></html>`;
}

function article(i: number): string {
  const body = Array.from(
    { length: 12 },
    (_, p) => `<p>第${p + 1}段：推进数据要素市场化配置改革，完善数据基础制度，文件编号${i}，强化数据安全与流通。</p>`,
  ).join('');
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="SiteName" content="国家数据局"><meta name="ColumnName" content="政策发布">
<meta name="ArticleTitle" content="关于数据要素第${i}号文件的通知"><meta name="PubDate" content="${dateOf(i)}"><meta name="ContentSource" content="国家数据局">
<title>关于数据要素第${i}号文件的通知_国家数据局</title></head><body><div class="nav">首页 政务公开</div><h1>关于数据要素第${i}号文件的通知</h1>
<ul><li class="source">来源：国家数据局</li></ul><div class="article">${body}</div><div class="footer">版权所有</div></body></html>`;
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

/** Serve `articles` generated NDA-style articles and their list pages on 127.0.0.1. */
export async function startGeneratedSite(articles: number): Promise<GeneratedSite> {
  const pages = Math.ceil(articles / PER_PAGE);
  const byPath = new Map<string, number>();
  for (let i = 0; i < articles; i++) byPath.set(articlePath(i), i);
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const list = /^\/sjj\/zwgk\/zcfb\/list\/index_pc_(\d+)\.html$/.exec(path);
    const html =
      list && Number(list[1]) <= pages
        ? listPage(Number(list[1]), articles)
        : byPath.has(path)
          ? article(byPath.get(path)!)
          : undefined;
    res.writeHead(html ? 200 : 404, { 'content-type': 'text/html' }).end(html ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    ...siteUrls(articles),
    close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}
