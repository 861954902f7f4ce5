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

// The page chrome of the NDA replay fixture (test/fixtures/sites/www.nda.gov.cn, built to
// sources.md §1): header and nav, breadcrumbs, the share bar, print tools, QR code, footer and
// scripts. Article pages come out at 4.5–6.5 KB, around the one real NDA article size on record
// (5,540 B, sources.md §5); list pages at about 7.5 KB like the fixture's.
const HEAD = (title: string, metas: string) => `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">${metas}
<title>${title}_国家数据局</title>
<link rel="stylesheet" href="/sjj/css/common.css">
<script src="/sjj/js/jquery.min.js"></script>
</head>
<body>
<div class="header"><div class="w1200"><a class="logo" href="/sjj/index_pc.html"><img src="/sjj/images/logo.png" alt="国家数据局"></a>
<ul class="nav"><li><a href="/sjj/index_pc.html">首页</a></li><li><a href="/sjj/swdt/list/index_pc_1.html">新闻动态</a></li><li><a href="/sjj/zwgk/list/index_pc_1.html">政务公开</a></li><li><a href="/sjj/ywpd/list/index_pc_1.html">业务频道</a></li></ul></div></div>
<div class="main w1200">
<div class="position">当前位置：<a href="/sjj/index_pc.html">首页</a> &gt; <a href="/sjj/zwgk/list/index_pc_1.html">政务公开</a> &gt; <a href="/sjj/zwgk/zcfb/list/index_pc_1.html">政策发布</a></div>`;

const FOOT = `<div class="footer"><div class="w1200"><p>主办单位：国家数据局</p>
<p>版权所有：国家数据局　<a href="https://beian.miit.gov.cn/" target="_blank">京ICP备2023031262号</a></p></div></div>`;

const SHARE_SCRIPTS = `<script>window._bd_share_config={"common":{"bdSnsKey":{},"bdText":"","bdMini":"2","bdPic":"","bdStyle":"0","bdSize":"16"},"share":{}};with(document)0[(getElementsByTagName('head')[0]||body).appendChild(createElement('script')).src='/sjj/js/share/share.js?v=89860593.js'];</script>
<script src="/sjj/js/qrcode.min.js"></script>
<script>new QRCode(document.getElementById("qrcode"),{text:window.location.href,width:100,height:100});</script>`;

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
  return `${HEAD('政策发布', '')}
<div class="side"><h2>政务公开</h2><ul><li class="on"><a href="/sjj/zwgk/zcfb/list/index_pc_1.html">政策发布</a></li><li><a href="/sjj/zwgk/zcjd/list/index_pc_1.html">政策解读</a></li><li><a href="/sjj/zwgk/zjjd/list/index_pc_1.html">专家解读</a></li><li><a href="/sjj/zwgk/tzgg/list/index_pc_1.html">通知公告</a></li></ul></div>
<div class="list-box"><div class="list-title">政策发布</div>
<ul class="u-list">
${rows.join('\n')}
</ul>
<div class="M-box" id="page"></div>
</div>
</div>
${FOOT}
<script src="/sjj/js/jquery.pagination.js"></script>
<script>
var totalData = ${total};
var currentPage = ${page};
$("#page").pagination({ totalData: totalData, showData: ${PER_PAGE}, current: currentPage, coping: true, homePage: "首页", endPage: "末页", prevContent: "上一页", nextContent: "下一页",
  callback: function (api) { window.location.href = "index_pc_" + api.getCurrent() + ".html"; } });
</script>
</body>
</html>`;
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
  const metas = `
<meta name="SiteName" content="国家数据局">
<meta name="ColumnName" content="政策发布">
<meta name="ArticleTitle" content="${title}">
<meta name="PubDate" content="${dateOf(i)}">
<meta name="ContentSource" content="国家数据局">
<script>if(/Android|iPhone|iPad|Mobile/i.test(navigator.userAgent)){window.location.href=window.location.href.replace("_pc.html","_mobile.html");}</script>`;
  return `${HEAD(title, metas)}
<div class="content-box">
<h1>${title}</h1>
<ul class="info"><li class="source">来源：国家数据局</li><li class="time">发布时间：${dateOf(i).replaceAll('.', '-')}</li>
<li class="share">分享到：<a class="bds_weixin" data-cmd="weixin" title="分享到微信"></a><a class="bds_tsina" data-cmd="tsina" title="分享到新浪微博"></a><a class="bds_qzone" data-cmd="qzone" title="分享到QQ空间"></a></li></ul>
${articleBody(i)}
<div class="tools"><a href="javascript:window.print();">【打印本页】</a><a href="javascript:window.close();">【关闭窗口】</a></div>
<div class="qrcode"><div id="qrcode"></div><p>扫一扫在手机打开当前页</p></div>
</div>
</div>
${FOOT}
${SHARE_SCRIPTS}
</body>
</html>`;
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
