import { createRequire } from 'node:module';
import { fetchPage, type FetchPageOptions } from '../fetch/fetch-page.js';

/** The parsed rules of one robots.txt (robots-parser's `Robot`). */
interface Robots {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getCrawlDelay(ua?: string): number | undefined;
  getSitemaps(): string[];
}

// robots-parser is CommonJS with `module.exports = fn` but ships ESM-style typings that
// NodeNext resolution cannot call; requiring it gives the function with its real shape.
const robotsParser = createRequire(import.meta.url)('robots-parser') as (url: string, text: string) => Robots;

/** The verdict for one host's robots.txt, cached for the run. */
interface HostRobots {
  robots: Robots | undefined;
  /** Why everything is refused (robots.txt unreachable or 5xx), if it is. */
  refusedBecause?: string;
}

/**
 * robots.txt per host, fetched once per run through the same fetch layer (so the host map
 * applies). A 4xx means no rules (allowed); a 5xx or a network failure refuses the whole host
 * for this run, as Google does, rather than guessing. Sitemaps a robots.txt declares are
 * published for crawlers: a SITEMAP request is allowed when the host declares any sitemap
 * (Reuters' 2026 allow-list robots.txt disallows `/` yet lists its news sitemaps).
 */
export class RobotsCache {
  readonly #hosts = new Map<string, Promise<HostRobots>>();
  readonly #crawlDelays = new Map<string, number>();

  constructor(
    private readonly userAgent: string,
    private readonly fetchOptions: Omit<FetchPageOptions, 'method' | 'body'>,
  ) {}

  /** Whether `url` may be fetched, with the reason when not. */
  async check(url: string, label: string): Promise<{ allowed: boolean; reason?: string }> {
    const { origin, hostname } = new URL(url);
    let entry = this.#hosts.get(hostname);
    if (!entry) this.#hosts.set(hostname, (entry = this.#load(`${origin}/robots.txt`)));
    const { robots, refusedBecause } = await entry;
    if (refusedBecause) return { allowed: false, reason: refusedBecause };
    if (!robots || robots.isAllowed(url, this.userAgent) !== false) return { allowed: true };
    if (label === 'SITEMAP' && robots.getSitemaps().length > 0) return { allowed: true };
    return { allowed: false, reason: 'disallowed by robots.txt' };
  }

  /**
   * Crawl-delay for our user agent in ms, if the host's robots.txt sets one. Synchronous, for
   * the host gate: robots.txt is always read (by `check`) before the first request to a host.
   */
  crawlDelayMs(host: string): number | undefined {
    return this.#crawlDelays.get(host);
  }

  async #load(robotsUrl: string): Promise<HostRobots> {
    try {
      const page = await fetchPage(robotsUrl, this.fetchOptions);
      if (page.status >= 500) return { robots: undefined, refusedBecause: `robots.txt answered HTTP ${page.status}` };
      if (page.status >= 400) return { robots: undefined };
      const robots = robotsParser(robotsUrl, page.body.toString('utf8'));
      const seconds = robots.getCrawlDelay(this.userAgent);
      if (seconds !== undefined) this.#crawlDelays.set(new URL(robotsUrl).hostname, seconds * 1000);
      return { robots };
    } catch (error) {
      return { robots: undefined, refusedBecause: `robots.txt unreachable: ${(error as Error).message}` };
    }
  }
}
