import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// Issue #12: a clone with nothing beside it passes `npm test`, `npm run eval`, the bench and the
// demo. So nothing they read may point at the team's research folder checked out beside the repo;
// the real pages live in test/fixtures/real/ (refreshed by scripts/refresh-real-copies.ts).

const REPO = new URL('../../', import.meta.url).pathname;
const REAL = join(REPO, 'test/fixtures/real');
// Built from parts so that this file does not name the folder it forbids.
const SIBLING = ['..', 'shared'].join('/');
const ABSOLUTE = ['', 'work', 'shared'].join('/');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
  );
}

describe('the repository stands on its own', () => {
  it.each(['test', 'bench', 'demo', '.ci'])('no file under %s/ names the sibling research folder', (dir) => {
    const offenders = filesUnder(join(REPO, dir))
      .filter((file) => {
        const text = readFileSync(file).toString('latin1');
        return text.includes(SIBLING) || text.includes(ABSOLUTE);
      })
      .map((file) => relative(REPO, file));
    expect(offenders).toEqual([]);
  });

  it('the real pages are the copies SHA256SUMS records, and every one is listed', () => {
    const listed = readFileSync(join(REAL, 'SHA256SUMS'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => line.split(/ {2}/) as [string, string]);
    const present = filesUnder(REAL)
      .map((f) => relative(REAL, f))
      .filter((f) => f !== 'README.md' && f !== 'SHA256SUMS')
      .sort();
    expect(listed.map(([, file]) => file)).toEqual(present);
    for (const [digest, file] of listed) {
      expect(createHash('sha256').update(readFileSync(join(REAL, file))).digest('hex'), file).toBe(digest);
    }
  });

  it("the real pages' README gives each file's provenance", () => {
    const readme = readFileSync(join(REAL, 'README.md'), 'utf8');
    for (const file of filesUnder(REAL).map((f) => relative(REAL, f))) {
      if (file === 'README.md' || file === 'SHA256SUMS') continue;
      expect(readme, file).toContain(`\`${file}\``);
    }
  });
});
