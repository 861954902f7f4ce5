import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { makeDocument, type HtmlParser } from '../../crawlers/extract/document.js';
import { parsers } from '../../crawlers/parsers/index.js';
import { sourceRegistry } from '../../crawlers/sources/index.js';
import { contentTypeFor } from '../replay/routes.js';
import { FIXTURE_HOSTS, SITES_DIR } from '../replay/server.js';
import { REAL_PAGES } from '../parsers/fixture-doc.js';

// The crawl parses pages with htmlparser2, not parse5 (crawlers/extract/document.ts): every
// parser must give the same answer either way on every page we have of the real sites.

/** The source whose hosts include `host` (the source files say which hosts each one owns). */
function sourceOf(host: string): string {
  const source = sourceRegistry.find((s) => s.hosts.includes(host));
  if (!source) throw new Error(`no source owns ${host}`);
  return source.id;
}

/** The real pages' folders, named by outlet rather than host. */
const REAL_PAGE_HOSTS: Record<string, string> = {
  cac: 'www.cac.gov.cn',
  mee: 'www.mee.gov.cn',
  people: 'politics.people.com.cn',
  reuters: 'www.reuters.com',
};

interface Page {
  file: string;
  url: string;
  sourceId: string;
  body: Buffer;
  contentType: string;
}

/** HTML files under `dir` that the replay server would serve (no `_…` routes, no README). */
function htmlFiles(dir: string, rel = ''): string[] {
  return readdirSync(join(dir, rel), { withFileTypes: true }).flatMap((entry) => {
    const path = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.name.startsWith('_')) return [];
    if (entry.isDirectory()) return htmlFiles(dir, path);
    return /\.(s?html?)(\.gz)?$/.test(entry.name) ? [path] : [];
  });
}

function pages(): Page[] {
  const fixtures = FIXTURE_HOSTS.flatMap((host) =>
    htmlFiles(join(SITES_DIR, host)).map((path) => ({
      file: `fixtures/sites/${host}/${path}`,
      url: `https://${host}/${path.replace(/(^|\/)index\.html$/, '$1')}`,
      sourceId: sourceOf(host),
      body: readFileSync(join(SITES_DIR, host, path)),
      contentType: contentTypeFor(path),
    })),
  );
  const real = Object.entries(REAL_PAGE_HOSTS).flatMap(([dir, host]) =>
    existsSync(join(REAL_PAGES, dir))
      ? htmlFiles(join(REAL_PAGES, dir)).map((path) => {
          const raw = readFileSync(join(REAL_PAGES, dir, path));
          return {
            file: `real-pages/${dir}/${path}`,
            url: `https://${host}/${path.replace(/\.gz$/, '')}`,
            sourceId: sourceOf(host),
            body: path.endsWith('.gz') ? gunzipSync(raw) : raw,
            contentType: 'text/html',
          };
        })
      : [],
  );
  return [...fixtures, ...real];
}

/** What the source's parser makes of the page as an article and as a list, errors included. */
function parsed(page: Page, htmlParser: HtmlParser): { article: unknown; discovery: unknown } {
  const parser = parsers[page.sourceId]!;
  const doc = () =>
    makeDocument(page.url, 200, { 'content-type': page.contentType }, page.body, { page: 1 }, htmlParser);
  const attempt = (f: () => unknown) => {
    try {
      return f();
    } catch (error) {
      return `${(error as Error).name}: ${(error as Error).message}`;
    }
  };
  return {
    article: attempt(() => parser.article(doc())),
    discovery: attempt(() => parser.discover(doc(), { since: new Date('2000-01-01T00:00:00Z'), maxPages: 100 })),
  };
}

describe('HTML parser choice', () => {
  const all = pages();

  it('covers the fixture sites and the real pages', () => {
    expect(all.filter((p) => p.file.startsWith('real-pages/')).length).toBeGreaterThanOrEqual(10);
    expect(all.length).toBeGreaterThan(150);
  });

  it('gives every parser the same articles and lists with htmlparser2 as with parse5', () => {
    let articles = 0;
    let lists = 0;
    for (const page of all) {
      const fast = parsed(page, 'htmlparser2');
      expect(fast, page.file).toEqual(parsed(page, 'parse5'));
      if (typeof fast.article !== 'string') articles += 1;
      if (typeof fast.discovery !== 'string' && (fast.discovery as { itemsFound: number }).itemsFound > 0) lists += 1;
    }
    // Not vacuous: most pages parse as articles, and the list pages yield items.
    expect(articles).toBeGreaterThan(200);
    expect(lists).toBeGreaterThan(25);
  });

  it('builds a different tree where HTML5 would repair the markup, which no selector relies on', () => {
    const body = Buffer.from('<html><body><table><tr><td>x</td></tr></table></body></html>');
    const rows = (htmlParser: HtmlParser) =>
      makeDocument('https://www.nda.gov.cn/', 200, { 'content-type': 'text/html' }, body, {}, htmlParser).$()(
        'table > tbody > tr',
      ).length;
    expect(rows('parse5')).toBe(1); // the WHATWG tree implies <tbody>
    expect(rows('htmlparser2')).toBe(0); // htmlparser2 keeps the markup as written
  });
});
