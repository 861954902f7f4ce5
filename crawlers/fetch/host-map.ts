/**
 * The host map sends a request for a real URL (`https://www.nda.gov.cn/x`) to a local mirror
 * (`http://127.0.0.1:PORT/x`) while every URL the crawler stores stays the real one. Tests,
 * the demo and anyone with a mirror replay the sites through it; it is applied in the one
 * fetch layer every crawler uses (`fetch-page.ts`), nowhere else.
 */
export type HostMap = ReadonlyMap<string, URL>;

const HOST_RE = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i;

/**
 * Parse `host=origin,host2=origin2` (whitespace allowed around entries). An origin is
 * `http(s)://host[:port]` with no path. Throws a `TypeError` naming the bad entry.
 *
 * ```ts
 * parseHostMap('www.nda.gov.cn=http://127.0.0.1:8101').get('www.nda.gov.cn')?.port // '8101'
 * ```
 */
export function parseHostMap(spec: string): HostMap {
  const map = new Map<string, URL>();
  for (const raw of spec.split(',')) {
    const entry = raw.trim();
    if (entry === '') continue;
    const eq = entry.indexOf('=');
    const host = entry.slice(0, eq).trim().toLowerCase();
    const origin = entry.slice(eq + 1).trim();
    if (eq <= 0 || !HOST_RE.test(host)) {
      throw new TypeError(`Expected host map entries like host=http://127.0.0.1:8080, got \`${entry}\``);
    }
    map.set(host, parseOrigin(origin, entry));
  }
  return map;
}

function parseOrigin(origin: string, entry: string): URL {
  let url: URL;
  try {
    url = new URL(origin);
  } catch (cause) {
    throw new TypeError(`Expected an origin such as http://127.0.0.1:8080 in \`${entry}\``, { cause });
  }
  const bare = url.pathname === '/' && url.search === '' && url.hash === '' && !origin.endsWith('/');
  if (!/^https?:$/.test(url.protocol) || !bare) {
    throw new TypeError(`Expected an origin such as http://127.0.0.1:8080 (no path) in \`${entry}\``);
  }
  return url;
}

/** Render a host map back into its `host=origin,...` form (for child processes and logs). */
export function formatHostMap(map: HostMap): string {
  return [...map].map(([host, origin]) => `${host}=${origin.origin}`).join(',');
}

/** The URL to actually request for `realUrl`: its origin swapped for the mirror's, if mapped. */
export function toWireUrl(realUrl: URL, map: HostMap): URL {
  const mirror = map.get(realUrl.hostname.toLowerCase());
  if (!mirror) return realUrl;
  const wire = new URL(realUrl.href);
  wire.protocol = mirror.protocol;
  wire.host = mirror.host;
  return wire;
}

/**
 * The real URL for a URL seen on the wire (a redirect `Location` that points at a mirror).
 * URLs that point at no mirror are returned unchanged.
 */
export function toRealUrl(wireUrl: URL, map: HostMap): URL {
  for (const [host, mirror] of map) {
    if (mirror.host === wireUrl.host && mirror.protocol === wireUrl.protocol) {
      const real = new URL(wireUrl.href);
      real.protocol = 'https:';
      real.host = host;
      real.port = ''; // the host setter keeps the mirror's port when the new host names none
      return real;
    }
  }
  return wireUrl;
}
