import { createLogUpdate } from 'log-update';
import type { CrawlStats } from '../crawlers/engine/recorder.js';

/** A progress display for a crawl: live lines on a TTY, plain lines otherwise. Always stderr. */
export interface CrawlProgress {
  update(sourceId: string, stats: Readonly<CrawlStats>): void;
  done(): void;
}

function line(sourceId: string, s: Readonly<CrawlStats>): string {
  return `${sourceId.padEnd(8)} pages ${s.pages}  lists ${s.listPages}  new ${s.new}  updated ${s.updated}  errors ${s.errors}`;
}

/**
 * On a terminal, log-update redraws one line per source in place; in a pipe or CI log, a plain
 * line is printed every `every` pages per source so the log stays readable.
 */
export function createProgress(stream: NodeJS.WriteStream = process.stderr, every = 25): CrawlProgress {
  const latest = new Map<string, Readonly<CrawlStats>>();
  if (stream.isTTY) {
    const render = createLogUpdate(stream);
    return {
      update(sourceId, stats) {
        latest.set(sourceId, { ...stats });
        render([...latest].map(([id, s]) => line(id, s)).join('\n'));
      },
      done: () => render.done(),
    };
  }
  const printedAt = new Map<string, number>();
  return {
    update(sourceId, stats) {
      const last = printedAt.get(sourceId) ?? 0;
      if (stats.pages - last < every) return;
      printedAt.set(sourceId, stats.pages);
      stream.write(`${line(sourceId, stats)}\n`);
    },
    done: () => undefined,
  };
}
