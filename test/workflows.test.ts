/**
 * Keeps `.github/workflows/*.yml` honest: actions pinned by commit with the version beside it,
 * least privilege (no token permissions by default, each job naming its own), a timeout on every
 * job, no untrusted `${{ }}` expression pasted into a shell script, and every `sourcecheck`
 * command and `--format` a workflow runs existing in the CLI, so renaming one breaks this test
 * instead of the nightly.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { Command, Option } from 'commander';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../cli/program.js';
import { REPORT_FORMATS } from '../reports/formatter.js';

const DIR = new URL('../.github/workflows/', import.meta.url);

interface Step {
  uses?: string;
  run?: string;
}

interface Job {
  uses?: string;
  steps?: Step[];
  permissions?: unknown;
  'timeout-minutes'?: unknown;
}

interface Workflow {
  permissions?: unknown;
  jobs: Record<string, Job>;
}

interface WorkflowFile {
  name: string;
  text: string;
  workflow: Workflow;
}

const files: WorkflowFile[] = readdirSync(DIR)
  .filter((name) => name.endsWith('.yml') || name.endsWith('.yaml'))
  .sort()
  .map((name) => {
    const text = readFileSync(new URL(name, DIR), 'utf8');
    return { name, text, workflow: parse(text) as Workflow };
  });

/** Every `run:` script of a workflow, with the job it belongs to. */
function scripts(workflow: Workflow): { job: string; run: string }[] {
  return Object.entries(workflow.jobs).flatMap(([job, def]) =>
    (def.steps ?? []).filter((s) => typeof s.run === 'string').map((s) => ({ job, run: s.run! })),
  );
}

/**
 * The arguments of every `sourcecheck …` invocation in a script: line continuations joined and
 * shell comments dropped (a `#` after a blank, as the shell reads it outside quotes).
 */
function invocations(run: string): string[][] {
  const joined = run.replace(/\\\n/g, ' ').replace(/(^|[ \t])#.*$/gm, '$1');
  const found: string[][] = [];
  for (const match of joined.matchAll(/(?:^|[\s;&|(`])(?:npx\s+)?sourcecheck[ \t]+([^\n;&|)#]*)/g)) {
    found.push((match[1] ?? '').trim().split(/\s+/).filter(Boolean));
  }
  return found;
}

/** Whether `option` takes a value (`--format <format>`), so the next word is not a command. */
function takesValue(option: Option): boolean {
  return option.required || option.optional;
}

/** Resolves `args` against the command tree: the commands named, and what went wrong. */
function resolveCommand(program: Command, args: string[]): { path: Command[]; error: string | null } {
  const path: Command[] = [program];
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    const current = path.at(-1)!;
    if (word === '--') break;
    if (word.startsWith('-')) {
      const option = current.options.find((o) => o.long === word.split('=')[0] || o.short === word);
      if (option && takesValue(option) && !word.includes('=')) i++;
      continue;
    }
    if (current.commands.length === 0) break; // an argument of a leaf command
    const sub = current.commands.find((c) => c.name() === word || c.aliases().includes(word));
    if (!sub) return { path, error: `${path.map((c) => c.name()).join(' ')} has no command "${word}"` };
    path.push(sub);
  }
  if (path.length === 1) return { path, error: 'no command given' };
  return { path, error: null };
}

/** Every `--format X` / `--format=X` in `args`. */
function formatsIn(args: string[]): string[] {
  return args.flatMap((word, i) => {
    if (word === '--format') return args[i + 1] === undefined ? [] : [args[i + 1]!];
    return word.startsWith('--format=') ? [word.slice('--format='.length)] : [];
  });
}

describe.each(files.map((f) => [f.name, f] as const))('%s', (_name, file) => {
  it('pins every action to a full commit SHA with its version in a comment', () => {
    const uses = [...file.text.matchAll(/^\s*(?:-\s+)?uses:\s*(\S+)(.*)$/gm)];
    const parsed = Object.values(file.workflow.jobs).flatMap((job) => [
      ...(job.uses === undefined ? [] : [job.uses]),
      ...(job.steps ?? []).flatMap((s) => (s.uses === undefined ? [] : [s.uses])),
    ]);
    expect(uses.map((m) => m[1]).sort()).toEqual([...parsed].sort()); // every `uses:` seen by the regex
    for (const [, ref, rest] of uses) {
      if (ref!.startsWith('./')) continue; // an action of this repository
      expect(ref, ref).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
      expect(rest, ref).toMatch(/^\s+#\s*v\d+(\.\d+)*\b/);
    }
  });

  it('grants no permissions at the top level and explicit ones per job, each job timed out', () => {
    expect(file.workflow.permissions).toEqual({});
    for (const [name, job] of Object.entries(file.workflow.jobs)) {
      expect(job.permissions, `${name}: permissions`).toBeTypeOf('object');
      expect(job.permissions, `${name}: permissions`).not.toBeNull();
      if (job.uses === undefined) expect(job['timeout-minutes'], `${name}: timeout-minutes`).toBeTypeOf('number');
    }
  });

  it('passes untrusted expressions to scripts through env, never into the script text', () => {
    for (const { job, run } of scripts(file.workflow)) {
      expect(run, job).not.toMatch(/\$\{\{\s*github\.event\./);
      expect(run, job).not.toMatch(/\$\{\{\s*github\.head_ref/);
    }
  });

  it('runs only sourcecheck commands and formats that exist', () => {
    const program = buildProgram();
    for (const { job, run } of scripts(file.workflow)) {
      for (const args of invocations(run)) {
        const { path, error } = resolveCommand(program, args);
        expect(error, `${job}: sourcecheck ${args.join(' ')}`).toBeNull();
        const format = path.at(-1)!.options.find((o) => o.long === '--format');
        for (const value of formatsIn(args)) {
          expect(format?.argChoices ?? [], `${job}: --format ${value}`).toContain(value);
        }
      }
    }
  });
});

describe('the checker itself', () => {
  it('finds the workflows and the sourcecheck commands they run', () => {
    expect(files.map((f) => f.name)).toEqual(expect.arrayContaining(['ci.yml', 'nightly.yml', 'reference-check.yml']));
    const runs = files.flatMap((f) => scripts(f.workflow)).flatMap((s) => invocations(s.run));
    expect(runs.map((args) => args[0])).toEqual(expect.arrayContaining(['nightly', 'verify']));
  });

  it('parses an invocation the way the CLI does', () => {
    const program = buildProgram();
    expect(invocations('x=1\nnpx sourcecheck verify \\\n  --format github -- "$f" || s=$?')).toEqual([
      ['verify', '--format', 'github', '--', '"$f"'],
    ]);
    expect(invocations('# sourcecheck would check nothing\necho "sourcecheck said"  # sourcecheck x')).toEqual([]);
    expect(resolveCommand(program, ['--config', 'c.json', 'db', 'migrate']).error).toBeNull();
    expect(resolveCommand(program, ['db', 'drop']).error).toMatch(/no command "drop"/);
    expect(resolveCommand(program, ['verifyy', 'a.md']).error).toMatch(/no command "verifyy"/);
    expect(formatsIn(['verify', '--format=junit', '--format', 'github'])).toEqual(['junit', 'github']);
  });

  it('verify accepts every report format, so a workflow can ask for any of them', () => {
    const verify = buildProgram().commands.find((c) => c.name() === 'verify')!;
    const format = verify.options.find((o) => o.long === '--format')!;
    expect([...(format.argChoices ?? [])].sort()).toEqual([...REPORT_FORMATS].sort());
  });
});
