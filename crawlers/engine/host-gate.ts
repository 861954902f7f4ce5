import { setTimeout as sleep } from 'node:timers/promises';

interface HostState {
  running: number;
  waiting: (() => void)[];
  /** Earliest time (ms) the next request to this host may start. */
  nextAt: number;
}

/**
 * Per-host politeness: at most `concurrency(host)` requests in flight to a host, starts at
 * least `delayMs(host)` apart, and no start before a time set by `defer` (Retry-After, backoff).
 * Applies to every request of a crawl, whichever crawler or source made it.
 */
export class HostGate {
  readonly #hosts = new Map<string, HostState>();

  constructor(
    private readonly delayMs: (host: string) => number,
    private readonly concurrency: (host: string) => number = () => 1,
  ) {}

  /** Run `task` when the host's turn comes. */
  async run<T>(host: string, task: () => Promise<T>): Promise<T> {
    const state = this.#state(host);
    while (state.running >= this.concurrency(host)) await new Promise<void>((resolve) => state.waiting.push(resolve));
    state.running++;
    try {
      for (let wait = state.nextAt - Date.now(); wait > 0; wait = state.nextAt - Date.now()) await sleep(wait);
      state.nextAt = Date.now() + this.delayMs(host);
      return await task();
    } finally {
      state.running--;
      state.waiting.shift()?.();
    }
  }

  /** Hold every request to `host` until `untilMs` (never moves an existing hold earlier). */
  defer(host: string, untilMs: number): void {
    const state = this.#state(host);
    state.nextAt = Math.max(state.nextAt, untilMs);
  }

  #state(host: string): HostState {
    let state = this.#hosts.get(host);
    if (!state) this.#hosts.set(host, (state = { running: 0, waiting: [], nextAt: 0 }));
    return state;
  }
}

/** Milliseconds to wait from a `Retry-After` header (seconds or an HTTP date), capped. */
export function retryAfterMs(header: string | undefined, now = Date.now(), capMs = 5 * 60_000): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header.trim());
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - now;
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), capMs) : undefined;
}

/** Exponential backoff with full jitter: base·2^attempt, randomised over [½, 1] of it, capped. */
export function backoffMs(attempt: number, baseMs = 1000, capMs = 60_000, random = Math.random): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
