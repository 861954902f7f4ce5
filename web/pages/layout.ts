/** The frame of every page: navigation, a notice line, and the shared stylesheet (no inline style or script). */
import { html, type Html } from '../escape.js';

/** The pages in the navigation bar. */
export type PageId = 'candidates' | 'digest' | 'sources';

const NAV: readonly { id: PageId; href: string; label: string }[] = [
  { id: 'candidates', href: '/candidates', label: 'Candidates 候选' },
  { id: 'digest', href: '/digest', label: 'Digest check 简报核验' },
  { id: 'sources', href: '/sources', label: 'Source health 来源状态' },
];

/** What a page puts in the frame. */
export interface LayoutOptions {
  title: string;
  active: PageId | null;
  body: Html;
  /** Scripts this page loads from /assets/ (same origin, allowed by the CSP). */
  scripts?: readonly string[];
}

/** A whole HTML document. */
export function layout(options: LayoutOptions): string {
  const nav = NAV.map(
    (item) =>
      html`<a href="${item.href}" ${item.id === options.active ? html` aria-current="page"` : ''}>${item.label}</a>`,
  );
  const scripts = (options.scripts ?? []).map((s) => html`<script src="/assets/${s}" defer></script>`);
  return html`<!doctype html>
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${options.title} · sourcecheck</title>
        <link rel="stylesheet" href="/assets/style.css" />
        ${scripts}
      </head>
      <body>
        <header>
          <b>sourcecheck</b>
          <nav>${nav}</nav>
        </header>
        <main>
          <h1>${options.title}</h1>
          ${options.body}
        </main>
      </body>
    </html> `.value;
}

/** The message every page shows when nothing has been crawled yet. */
export function emptyDatabaseNotice(): Html {
  return html`<p class="notice empty-db">
    The database holds no articles yet. Run <code>sourcecheck crawl</code> (or <code>npm start</code> for the nightly
    job) to fetch the sources, then reload this page. 数据库中还没有文章：请先运行 <code>sourcecheck crawl</code>。
  </p>`;
}

/** An error page body: one clear line. */
export function errorPage(status: number, message: string): string {
  return layout({
    title: `Error ${status}`,
    active: null,
    body: html`<p class="notice failure" role="alert">${message}</p>
      <p><a href="/candidates">Back to the candidates</a></p>`,
  });
}
