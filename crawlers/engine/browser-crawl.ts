import type { PlaywrightCrawlingContext } from '@crawlee/playwright';
import { insertPage } from '../../db/repositories/page.repository.js';
import { BotWallError, PermanentHttpError, RobotsDisallowedError } from '../errors.js';
import { makeDocument } from '../extract/document.js';
import type { CrawlRequest, RequestData } from '../extract/types.js';
import { toRealUrl, toWireUrl } from '../fetch/host-map.js';
import { CHROMIUM_ARGS, findChromium } from './chromium.js';
import { runConfiguration } from './crawlee-config.js';
import type { SourceCrawlOptions } from './crawl-source.js';
import { kindOf } from './hooks.js';
import type { CrawlRecorder } from './recorder.js';
import { storeExtract } from './store.js';

interface BrowserData {
  realUrl: string;
  data: RequestData;
}

/**
 * Fetch article pages that only a browser can get (Reuters behind DataDome) with Playwright
 * driving Debian's chromium, one at a time through the host gate, robots.txt asked first.
 * The browser is sent to the mirror's URL (Playwright cannot rewrite https to http), while
 * the archive and the article keep the real one; requests to any other host are blocked.
 */
export async function crawlWithBrowser(
  options: SourceCrawlOptions,
  runId: string,
  recorder: CrawlRecorder,
  requests: CrawlRequest[],
): Promise<void> {
  // Loaded here, not at the top: the browser stack is tens of MB of code that only a crawl
  // with browser pages needs (most nights never load it).
  const [{ PlaywrightCrawler }, { chromium }] = await Promise.all([
    import('@crawlee/playwright'),
    import('playwright'),
  ]);
  const wireOrigins = new Set([...options.hostMap.values()].map((u) => u.origin));
  const crawler = new PlaywrightCrawler(
    {
      launchContext: {
        launcher: chromium,
        launchOptions: { executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS },
      },
      browserPoolOptions: { useFingerprints: false },
      maxConcurrency: 1,
      maxRequestRetries: options.maxRetries,
      maxSessionRotations: 1,
      sessionPoolOptions: { blockedStatusCodes: [] }, // the handler archives, then decides
      navigationTimeoutSecs: Math.ceil(options.timeoutMs / 1000),
      preNavigationHooks: [
        async ({ request, page }) => {
          const { realUrl } = request.userData as BrowserData;
          const verdict = await options.robots.check(realUrl, 'ARTICLE');
          if (!verdict.allowed) throw new RobotsDisallowedError(realUrl, verdict.reason);
          await options.gate.run(new URL(realUrl).hostname, async () => undefined);
          await page.route('**/*', (route) =>
            wireOrigins.has(new URL(route.request().url()).origin) || options.hostMap.size === 0
              ? route.continue()
              : route.abort(),
          );
        },
      ],
      requestHandler: (context) => handlePage(context, options, runId, recorder),
      failedRequestHandler: ({ request }, error) =>
        recorder.fail((request.userData as BrowserData).realUrl, kindOf(error), error.message),
    },
    runConfiguration(),
  );
  await crawler.run(
    requests.map((r) => ({
      url: toWireUrl(new URL(r.url), options.hostMap).href,
      label: 'ARTICLE',
      userData: { realUrl: r.url, data: r.userData ?? {} } satisfies BrowserData,
    })),
  );
}

async function handlePage(
  { request, page, response }: PlaywrightCrawlingContext,
  options: SourceCrawlOptions,
  runId: string,
  recorder: CrawlRecorder,
): Promise<void> {
  const { realUrl, data } = request.userData as BrowserData;
  const status = response?.status() ?? 0;
  const headers = (await response?.allHeaders()) ?? {};
  const body = Buffer.from(await page.content(), 'utf8');
  const finalUrl = toRealUrl(new URL(page.url()), options.hostMap).href;
  const pageId = await insertPage(options.db, {
    runId,
    sourceId: options.source.id,
    label: 'ARTICLE',
    method: 'GET',
    requestedUrl: realUrl,
    finalUrl,
    status,
    headers,
    body,
    error: null,
    userData: { ...data },
  });
  recorder.count({ pages: 1 });
  if (status === 401 || status === 403 || status === 412)
    throw new BotWallError(status, realUrl, `bot wall: HTTP ${status}`);
  if (status >= 400) throw new PermanentHttpError(status, realUrl);
  const extract = options.parser.article(
    makeDocument(finalUrl, status, { 'content-type': 'text/html; charset=utf-8' }, body, data),
  );
  const outcome = await storeExtract(options.db, options.source, extract, pageId);
  recorder.count({ articles: 1, [outcome]: 1 });
}
