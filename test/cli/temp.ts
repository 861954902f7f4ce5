import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A new empty folder under the OS temp dir. */
export function freshDir(prefix = 'sourcecheck-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
