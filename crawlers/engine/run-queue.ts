import {
  Request,
  type AddRequestsBatchedOptions,
  type AddRequestsBatchedResult,
  type IRequestManager,
  type RequestQueueOperationInfo,
  type RequestQueueOperationOptions,
  type RequestsLike,
  type Source,
} from '@crawlee/http';

/**
 * One crawl's request queue, in memory, behind crawlee's public `IRequestManager` interface
 * (handed to the crawler as its `requestQueue`: see crawl-source.ts). The database, not crawlee's storage, remembers earlier
 * nights, so nothing here needs to outlive the run; crawlee's default queue keeps a storage
 * client underneath (JSON copies, locks and schema checks on every hand-out and every
 * "handled"), which cost more per page than our parsing in issue #3's bench.
 *
 * Semantics kept from crawlee's queue: a request is known by its `uniqueKey` (a second add of
 * the same key is a no-op that says so), FIFO order with `forefront` at the head, a reclaimed
 * request comes back (at the head when asked), and the queue is finished only when nothing is
 * pending and nothing is in flight.
 */
export class RunQueue implements IRequestManager {
  readonly #pending: Request[] = [];
  #head = 0;
  /** Every key seen this run, with its id and whether it was handled (not the request itself). */
  readonly #known = new Map<string, { id: string; handled: boolean }>();
  readonly #inFlight = new Set<Request>();
  #handled = 0;
  #nextId = 0;

  async isFinished(): Promise<boolean> {
    return this.#pendingLength() === 0 && this.#inFlight.size === 0;
  }

  async isEmpty(): Promise<boolean> {
    return this.#pendingLength() === 0;
  }

  async handledCount(): Promise<number> {
    return this.#handled;
  }

  getTotalCount(): number {
    return this.#known.size;
  }

  getPendingCount(): number {
    return this.#pendingLength() + this.#inFlight.size;
  }

  async fetchNextRequest<T extends Record<string, unknown>>(): Promise<Request<T> | null> {
    if (this.#pendingLength() === 0) return null;
    const request = this.#pending[this.#head]!;
    this.#head += 1;
    if (this.#head > 1024 && this.#head * 2 > this.#pending.length) this.#compact();
    this.#inFlight.add(request);
    return request as unknown as Request<T>;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Request> {
    for (let next = await this.fetchNextRequest(); next; next = await this.fetchNextRequest()) yield next;
  }

  async markRequestHandled(request: Request): Promise<RequestQueueOperationInfo> {
    if (this.#inFlight.delete(request)) this.#handled += 1;
    request.handledAt ??= new Date().toISOString();
    const known = this.#known.get(request.uniqueKey);
    if (known) known.handled = true;
    return this.#info(request.id!, request.uniqueKey, true, true, false);
  }

  async reclaimRequest(
    request: Request,
    options: RequestQueueOperationOptions = {},
  ): Promise<RequestQueueOperationInfo | null> {
    if (!this.#inFlight.delete(request)) return null;
    this.#enqueue(request, options.forefront === true);
    return this.#info(request.id!, request.uniqueKey, true, false, options.forefront === true);
  }

  async addRequest(source: Source, options: RequestQueueOperationOptions = {}): Promise<RequestQueueOperationInfo> {
    const request =
      source instanceof Request ? source : new Request(source as ConstructorParameters<typeof Request>[0]);
    const known = this.#known.get(request.uniqueKey);
    if (known) return this.#info(known.id, request.uniqueKey, true, known.handled, false);
    request.id ??= `r${(this.#nextId++).toString(36)}`;
    this.#known.set(request.uniqueKey, { id: request.id, handled: false });
    this.#enqueue(request, options.forefront === true);
    return this.#info(request.id, request.uniqueKey, false, false, options.forefront === true);
  }

  /** All at once (no batches to wait for): adding to memory is never slow. */
  async addRequestsBatched(
    requests: RequestsLike,
    options: AddRequestsBatchedOptions = {},
  ): Promise<AddRequestsBatchedResult> {
    const added: RequestQueueOperationInfo[] = [];
    const overLimit: Source[] = [];
    let budget = options.maxNewRequests ?? Infinity;
    for await (const item of requests) {
      const source = typeof item === 'string' ? { url: item } : item;
      if (budget <= 0) {
        overLimit.push(source);
        continue;
      }
      const info = await this.addRequest(source, options);
      if (!info.wasAlreadyPresent) budget -= 1;
      added.push(info);
    }
    return { addedRequests: added, waitForAllRequestsToBeAdded: Promise.resolve([]), requestsOverLimit: overLimit };
  }

  #pendingLength(): number {
    return this.#pending.length - this.#head;
  }

  #enqueue(request: Request, forefront: boolean): void {
    if (!forefront) {
      this.#pending.push(request);
    } else if (this.#head > 0) {
      this.#head -= 1;
      this.#pending[this.#head] = request;
    } else {
      this.#pending.unshift(request);
    }
  }

  /** Drop the consumed prefix so a long crawl does not keep every handed-out request twice. */
  #compact(): void {
    this.#pending.splice(0, this.#head);
    this.#head = 0;
  }

  #info(
    requestId: string,
    uniqueKey: string,
    present: boolean,
    handled: boolean,
    forefront: boolean,
  ): RequestQueueOperationInfo {
    return {
      requestId,
      uniqueKey,
      wasAlreadyPresent: present,
      wasAlreadyHandled: handled,
      forefront,
    };
  }
}
