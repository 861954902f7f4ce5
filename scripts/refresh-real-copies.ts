// Refreshes the repository's copies of the team's research material: the real pages
// (test/fixtures/real/), the real digest (digests/) and the site research (docs/research/).
// The only code in the repository that reads outside it; no test, eval, bench or demo does.
// Run: npx tsx scripts/refresh-real-copies.ts [--from DIR] [--check]
// DIR defaults to $SOURCECHECK_SHARED_DIR, else the research folder checked out beside the repo.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const REPO = resolve(dirname(new URL(import.meta.url).pathname), '..');
const REAL = join(REPO, 'test/fixtures/real');

/** What is copied: a folder (or file) of the research folder → where it lives in the repo. */
const COPIES = [
  { from: 'real-pages', to: 'test/fixtures/real', skip: new Set(['README.md']) },
  { from: 'digests', to: 'digests', skip: new Set<string>() },
  { from: 'research/sources.md', to: 'docs/research/sources.md', skip: new Set<string>() },
];

/** Every file under `root` (or `root` itself when it is a file), minus the names in `skip`. */
function filesUnder(root: string, skip: Set<string>): string[] {
  if (!existsSync(root)) return [];
  if (!statSync(root).isDirectory()) return [root];
  return readdirSync(root, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(root, e.name), skip) : skip.has(e.name) ? [] : [join(root, e.name)],
  );
}

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** The SHA256SUMS text of test/fixtures/real/ (what stands-alone.test.ts checks). */
function sums(): string {
  const files = filesUnder(REAL, new Set(['README.md', 'SHA256SUMS'])).map((f) => relative(REAL, f)).sort();
  return files.map((f) => `${sha(join(REAL, f))}  ${f}\n`).join('');
}

function main(): number {
  const { values } = parseArgs({ options: { from: { type: 'string' }, check: { type: 'boolean' } } });
  const from = resolve(values.from ?? process.env.SOURCECHECK_SHARED_DIR ?? join(REPO, '..', 'shared'));
  if (!existsSync(from)) {
    console.error(`refresh-real-copies: ${from}: no research folder there (pass --from DIR)`);
    return 2;
  }
  let differs = 0;
  for (const c of COPIES) {
    for (const src of filesUnder(join(from, c.from), c.skip)) {
      const dest = join(REPO, c.to, relative(join(from, c.from), src));
      if (existsSync(dest) && sha(dest) === sha(src)) continue;
      differs++;
      console.log(`${values.check ? 'differs' : 'copied'}: ${relative(REPO, dest)}`);
      if (!values.check) {
        mkdirSync(dirname(dest), { recursive: true });
        copyFileSync(src, dest);
      }
    }
  }
  if (!values.check) writeFileSync(join(REAL, 'SHA256SUMS'), sums());
  console.log(`${differs} file(s) ${values.check ? 'differ' : 'copied'}`);
  return values.check && differs > 0 ? 1 : 0;
}

process.exitCode = main();
