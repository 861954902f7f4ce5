import { Readable } from 'node:stream';
import type { BaseHttpClient, HttpRequest, HttpResponse, ResponseTypes, StreamingHttpResponse } from '@crawlee/http';
import { fetchPage, type FetchedPage, type FetchPageOptions } from '../fetch/fetch-page.js';
import type { HostGate } from './host-gate.js';

/** What the client needs: fetch options (host map, caps), default headers, the host gate. */
export interface ClientDeps {
  fetch: Omit<FetchPageOptions, 'method' | 'body' | 'headers'>;
  headers: Record<string, string>;
  gate: HostGate;
}

/**
 * crawlee's HttpCrawler speaks to the network only through this client, and this client only
 * through `fetchPage`: the one fetch layer, where the host map, the body cap, the timeout and
 * the allowed-hosts rule for redirects live. Each request waits its turn at the host gate
 * (robots.txt is asked before, in the crawler's pre-navigation hook, which knows the label). The fetched page is kept beside the returned stream so the
 * engine can archive the exact bytes and read the real final URL.
 */
export class SourcecheckHttpClient implements BaseHttpClient {
  // Keyed by request, not by stream: crawlee re-encodes the stream when a header names a
  // charset, so the object it hands back is not the one returned here.
  readonly #pages = new Map<string, FetchedPage>();

  constructor(private readonly deps: ClientDeps) {}

  /** Hand over (and forget) the page fetched for this method, URL and body. */
  take(method: string, url: string, body: string | undefined): FetchedPage | undefined {
    const key = requestKey(method, url, body);
    const page = this.#pages.get(key);
    this.#pages.delete(key);
    return page;
  }

  async stream(request: HttpRequest): Promise<StreamingHttpResponse> {
    const page = await this.#fetch(request);
    const stream = Readable.from([page.body]);
    this.#pages.set(requestKey(request.method ?? 'GET', String(request.url), bodyText(request.body)), page);
    const progress = { percent: 1, transferred: page.body.length, total: page.body.length };
    return { ...responseData(request, page), stream, downloadProgress: progress, uploadProgress: progress };
  }

  async sendRequest<T extends keyof ResponseTypes = 'text'>(request: HttpRequest<T>): Promise<HttpResponse<T>> {
    const page = await this.#fetch(request as HttpRequest);
    const body = (request.responseType === 'buffer' ? page.body : page.body.toString('utf8')) as ResponseTypes[T];
    return { ...responseData(request as HttpRequest, page), request, body } as HttpResponse<T>;
  }

  async #fetch(request: HttpRequest): Promise<FetchedPage> {
    const url = String(request.url);
    const headers = { ...this.deps.headers, ...stringHeaders(request.headers) };
    const body =
      typeof request.body === 'string' || Buffer.isBuffer(request.body) ? request.body.toString() : undefined;
    const method = (request.method ?? 'GET').toUpperCase() as 'GET' | 'POST' | 'HEAD';
    return this.deps.gate.run(new URL(url).hostname, () =>
      fetchPage(url, { ...this.deps.fetch, method, body, headers }),
    );
  }
}

function bodyText(body: HttpRequest['body']): string | undefined {
  return typeof body === 'string' || Buffer.isBuffer(body) ? body.toString() : undefined;
}

function requestKey(method: string, url: string, body: string | undefined): string {
  return `${method.toUpperCase()} ${url} ${body ?? ''}`;
}

function responseData(request: HttpRequest, page: FetchedPage) {
  return {
    request,
    url: page.finalUrl,
    redirectUrls: page.redirects.map((u) => new URL(u)),
    statusCode: page.status,
    headers: crawleeHeaders(page.headers),
    trailers: {},
    complete: true,
  };
}

function stringHeaders(headers: HttpRequest['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    // crawlee's header generator adds browser-like headers; ours name sourcecheck instead.
    if (v === undefined || /^(user-agent|sec-|upgrade-insecure)/i.test(k)) continue;
    out[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

/** The archived headers as crawlee reads them: each Set-Cookie on its own (fetch-page.ts joins them with newlines). */
function crawleeHeaders(headers: Record<string, string>): Record<string, string | string[]> {
  const cookies = headers['set-cookie'];
  return cookies === undefined ? headers : { ...headers, 'set-cookie': cookies.split('\n') };
}
