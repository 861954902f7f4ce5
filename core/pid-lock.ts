import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';

/** Thrown when another live process holds the lock. */
export class LockHeldError extends Error {
  constructor(
    readonly path: string,
    readonly holderPid: number,
  ) {
    super(`${path} is held by process ${holderPid}`);
    this.name = 'LockHeldError';
  }
}

interface LockContent {
  pid: number;
  host: string;
  since: string;
}

/**
 * Take an exclusive lock by creating `path` (O_EXCL) with our pid in it. A lock left by a
 * process that no longer runs on this host (killed with SIGKILL, say) is stale and taken
 * over at once; that is why this is a pid file and not an mtime-based lock, which would keep
 * a re-run waiting out a staleness timeout. Returns the release function.
 */
export function acquirePidLock(path: string): () => void {
  const mine: LockContent = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, JSON.stringify(mine), { flag: 'wx' });
      const release = () => releaseIfMine(path, mine.pid);
      process.once('exit', release);
      return () => {
        process.off('exit', release);
        release();
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(path);
      if (holder && holder.host === mine.host && isAlive(holder.pid) && holder.pid !== process.pid) {
        throw new LockHeldError(path, holder.pid);
      }
      unlinkSync(path); // stale: its process is gone (or the file is unreadable garbage)
    }
  }
  throw new Error(`could not take the lock ${path}`);
}

function readHolder(path: string): LockContent | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockContent>;
    return typeof parsed.pid === 'number' && typeof parsed.host === 'string' ? (parsed as LockContent) : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function releaseIfMine(path: string, pid: number): void {
  if (readHolder(path)?.pid === pid) {
    try {
      unlinkSync(path);
    } catch {
      // already gone: nothing to release
    }
  }
}
