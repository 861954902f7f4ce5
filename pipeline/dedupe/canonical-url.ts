/**
 * A comparison key for article URLs (issue #4): two URLs with the same key are the same page.
 *
 * The key is only ever compared, never fetched or stored as the article's URL: stored URLs stay
 * as crawled. It is meant for article pages, not for the crawl queue: `from` is dropped as a
 * tracking parameter here, but on Reuters sitemaps it is a real paging parameter
 * (`news-sitemap/?outputType=xml&from=100`), so a frontier keyed on this would lose slices.
 */

/** Query parameters that never select content, each with why it is there. */
export const TRACKING_PARAMS: readonly { name: string | RegExp; reason: string }[] = [
  { name: /^utm_/, reason: 'Google Analytics campaign tags (utm_source, utm_medium, …)' },
  { name: 'spm', reason: 'Alibaba/Taobao-style click-position tag, common on Chinese portals' },
  { name: 'from', reason: 'share origin appended by WeChat/Weibo/app shares (from=timeline, from=singlemessage)' },
  { name: 'source', reason: 'share origin (source=weixin)' },
  { name: /^share/, reason: 'share widgets (share_token, sharefrom, share_source, …)' },
  { name: 'isappinstalled', reason: 'WeChat share flag' },
  { name: 'scene', reason: 'WeChat share scene' },
  { name: 'fbclid', reason: 'Facebook click id' },
  { name: 'gclid', reason: 'Google Ads click id' },
  { name: 'dclid', reason: 'Google display click id' },
  { name: 'msclkid', reason: 'Microsoft Ads click id' },
  { name: 'yclid', reason: 'Yandex click id' },
  { name: 'igshid', reason: 'Instagram share id' },
  { name: /^mc_(cid|eid)$/, reason: 'Mailchimp campaign / recipient' },
  { name: /^_(ga|gl|hsenc|hsmi)$/, reason: 'Google / HubSpot cross-domain and mail tracking' },
  { name: /^(ref|ref_src|ref_url)$/, reason: 'referrer tags (Twitter ref_src, …)' },
  { name: 'wt.mc_id', reason: 'Webtrends campaign id' },
  { name: /^(cmpid|taid)$/, reason: 'Reuters / Thomson Reuters campaign ids on shared links' },
];

/** File names a server serves for a bare directory URL: `/a/b/index.html` is `/a/b/`. */
const DIRECTORY_DEFAULT = /\/index\.s?html?$/i;

/** NDA publishes every article twice, `…_pc.html` and `…_mobile.html` (sources.md §1.3). */
const NDA_HOST = 'nda.gov.cn';
const NDA_MOBILE = /_mobile\.html$/;

/** Whether query parameter `name` is a tracking parameter (names compared case-insensitively). */
export function isTrackingParam(name: string): boolean {
  const lower = name.toLowerCase();
  return TRACKING_PARAMS.some((p) => (typeof p.name === 'string' ? p.name === lower : p.name.test(lower)));
}

/**
 * The comparison key of `url`:
 * - scheme and host lower-case, `http` → `https` (the gov sites serve both, same content);
 * - a leading `www.` dropped from the host (`www.cac.gov.cn` and `cac.gov.cn` are one site);
 *   harmless in a key because nothing fetches it;
 * - fragment dropped; tracking parameters ({@link TRACKING_PARAMS}) dropped; the rest sorted;
 * - `index.html` / `index.htm` / `index.shtml` and a trailing slash dropped, except for the root;
 * - NDA `_mobile.html` → `_pc.html`;
 * - percent-escapes upper-cased so `%e6` and `%E6` agree.
 *
 * A string the URL parser rejects is returned trimmed: it can still equal itself.
 */
export function canonicalUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return url.trim();
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return u.href;
  const host = u.hostname.replace(/^www\./, '');
  const port = u.port === '' || u.port === '80' || u.port === '443' ? '' : `:${u.port}`;
  return `https://${host}${port}${canonicalPath(host, u.pathname)}${canonicalQuery(u.searchParams)}`;
}

function canonicalPath(host: string, pathname: string): string {
  let path = pathname.replace(/%[0-9a-f]{2}/gi, (esc) => esc.toUpperCase());
  if (host === NDA_HOST) path = path.replace(NDA_MOBILE, '_pc.html');
  path = path.replace(DIRECTORY_DEFAULT, '/');
  if (path.length > 1) path = path.replace(/\/+$/, '');
  return path === '' ? '/' : path;
}

function canonicalQuery(params: URLSearchParams): string {
  const kept = new URLSearchParams();
  for (const [name, value] of params) if (!isTrackingParam(name)) kept.append(name, value);
  // Sort by name, then value, so `?b=2&a=1` and `?a=1&b=2` agree; URLSearchParams.sort keeps
  // the order of repeated names, which is not a content difference either.
  const sorted = [...kept].sort(([n1, v1], [n2, v2]) => (n1 === n2 ? cmp(v1, v2) : cmp(n1, n2)));
  const query = new URLSearchParams(sorted).toString();
  return query === '' ? '' : `?${query}`;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
