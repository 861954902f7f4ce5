import { readFileSync, writeFileSync } from 'node:fs';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { VERIFICATION_STATUSES, type VerifyRun } from '../../pipeline/verify/types.js';
import { REPORT_FORMATS, formatters, getFormatter, shouldColor, type RenderOptions } from '../../reports/formatter.js';
import { exitCodeFor, isFailure, isWarning, statusLabel, tally } from '../../reports/status.js';
import { sampleRun } from './sample-run.js';

type Schema = { [key: string]: unknown };
const SCHEMA = JSON.parse(readFileSync(new URL('../../reports/report.schema.json', import.meta.url), 'utf8')) as Schema;

const ZH: RenderOptions = { color: false, lang: 'zh' };

/**
 * Golden files are the exact expected output, reviewed by eye when written. After a deliberate
 * change to a formatter, re-write them with `UPDATE_GOLDEN=1 npx vitest run test/reports`, then
 * read the diff before committing: that diff is the review of the change.
 */
function expectGolden(name: string, actual: string): void {
  const path = new URL(`./golden/${name}`, import.meta.url);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(path, actual);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

/** The sample with its hostile strings: what a crawled page could put in a title or URL. */
function hostileRun(): VerifyRun {
  const run = sampleRun();
  const [first, second, third] = run.digests[0]!.references;
  first!.title = '<script>alert(1)</script> & "quotes" | pipe [x](javascript:alert(2)) \u0001\u001b[2J';
  first!.match!.title = '<img src=x onerror=alert(3)>';
  second!.match!.url = 'javascript:alert(document.cookie)';
  third!.match!.url = 'https://example.com/a"onmouseover="alert(4)';
  return run;
}

/** The same run with its digests, references and claims in reverse order. */
function shuffled(run: VerifyRun): VerifyRun {
  const digests = [...run.digests]
    .reverse()
    .map((d) => ({ ...d, references: [...d.references].reverse(), claims: [...d.claims].reverse() }));
  return { ...run, digests, errors: [...run.errors].reverse() };
}

describe('golden output', () => {
  const files = {
    text: 'sample.txt',
    markdown: 'sample.md',
    json: 'sample.json',
    junit: 'sample.xml',
    html: 'sample.html',
    github: 'sample.github.txt',
  };
  for (const format of REPORT_FORMATS) {
    it(`renders ${format} exactly`, () => {
      expectGolden(files[format], getFormatter(format).render(sampleRun(), ZH));
    });
  }

  it('renders text in English', () => {
    expectGolden('sample.en.txt', formatters.text.render(sampleRun(), { color: false, lang: 'en' }));
  });

  it('renders strict mode: ambiguous and unverifiable fail instead of warning', () => {
    const run = { ...sampleRun(), strict: true };
    expectGolden('sample.strict.xml', formatters.junit.render(run, ZH));
  });

  it('is deterministic: same output whatever order the verifier produced', () => {
    for (const format of REPORT_FORMATS) {
      const render = (run: VerifyRun) => getFormatter(format).render(run, ZH);
      expect(render(shuffled(sampleRun())), format).toBe(render(sampleRun()));
    }
  });
});

describe('the registry', () => {
  it('has one formatter per format, each naming itself, each ending in a newline', () => {
    for (const format of REPORT_FORMATS) {
      expect(getFormatter(format).format).toBe(format);
      expect(getFormatter(format).render(sampleRun(), ZH).endsWith('\n')).toBe(true);
    }
    expect(Object.keys(formatters).sort()).toEqual([...REPORT_FORMATS].sort());
    // `github` is log output for a workflow step and shares `.txt` with `text`; the rest differ.
    const files = REPORT_FORMATS.filter((f) => f !== 'github');
    expect(new Set(files.map((f) => formatters[f].extension)).size).toBe(files.length);
    expect(formatters.github.extension).toBe('txt');
  });
});

describe('exit codes and severities', () => {
  const refs = (...statuses: (typeof VERIFICATION_STATUSES)[number][]) => ({
    digests: [{ references: statuses.map((status) => ({ status })) }],
    errors: [],
  });

  it('passes when every reference is verified or only warns', () => {
    expect(exitCodeFor(refs(), false)).toBe(0);
    expect(exitCodeFor(refs('verified', 'ambiguous', 'unverifiable'), false)).toBe(0);
  });

  it('fails (2) on a mismatch or not found; under strict on ambiguous and unverifiable too', () => {
    for (const status of ['date_mismatch', 'title_mismatch', 'outlet_mismatch', 'not_found'] as const) {
      expect(exitCodeFor(refs('verified', status), false), status).toBe(2);
    }
    expect(exitCodeFor(refs('verified', 'ambiguous'), true)).toBe(2);
    expect(exitCodeFor(refs('unverifiable'), true)).toBe(2);
  });

  it('is 3 when a digest failed to parse, whatever the references', () => {
    expect(exitCodeFor({ ...refs('verified'), errors: [{ path: 'x.md', line: 1, message: 'bad' }] }, false)).toBe(3);
    expect(exitCodeFor(sampleRun(), false)).toBe(sampleRun().exitCode);
    expect(exitCodeFor({ ...sampleRun(), errors: [] }, false)).toBe(2);
  });

  it('classifies every status as exactly one of ok, warning or failure', () => {
    for (const strict of [false, true]) {
      for (const status of VERIFICATION_STATUSES) {
        expect(isFailure(status, strict) && isWarning(status, strict), status).toBe(false);
      }
    }
    expect(VERIFICATION_STATUSES.filter((s) => isWarning(s, false))).toEqual(['ambiguous', 'unverifiable']);
    expect(VERIFICATION_STATUSES.filter((s) => isWarning(s, true))).toEqual([]);
    expect(VERIFICATION_STATUSES.filter((s) => !isFailure(s, true))).toEqual(['verified']);
  });

  it('labels every status in both languages, all different', () => {
    for (const lang of ['zh', 'en'] as const) {
      const labels = VERIFICATION_STATUSES.map((s) => statusLabel(s, lang));
      expect(new Set(labels).size).toBe(VERIFICATION_STATUSES.length);
    }
    expect(statusLabel('verified', 'zh')).toBe('已核实');
    expect(statusLabel('date_mismatch', 'en')).toBe('date mismatch');
  });

  it('the sample covers every status and its counts agree with its references', () => {
    const digest = sampleRun().digests[0]!;
    expect(digest.counts).toEqual(tally(digest.references));
    for (const status of VERIFICATION_STATUSES) expect(digest.counts[status], status).toBeGreaterThan(0);
  });
});

describe('colour', () => {
  const tty = { isTTY: true };
  const pipe = { isTTY: false };

  it('colours a TTY, not a pipe, and never when NO_COLOR is set', () => {
    expect(shouldColor(tty, {})).toBe(true);
    expect(shouldColor(pipe, {})).toBe(false);
    expect(shouldColor(tty, { NO_COLOR: '1' })).toBe(false);
    expect(shouldColor(tty, { NO_COLOR: '1', FORCE_COLOR: '1' })).toBe(false);
    expect(shouldColor(tty, { NO_COLOR: '' })).toBe(true); // no-color.org: empty means unset
    expect(shouldColor(tty, { TERM: 'dumb' })).toBe(false);
  });

  it('honours FORCE_COLOR both ways', () => {
    expect(shouldColor(pipe, { FORCE_COLOR: '1' })).toBe(true);
    expect(shouldColor(pipe, { FORCE_COLOR: '' })).toBe(true);
    expect(shouldColor(tty, { FORCE_COLOR: '0' })).toBe(false);
    expect(shouldColor(tty, { FORCE_COLOR: 'false' })).toBe(false);
  });

  it('emits ANSI codes only when asked', () => {
    expect(formatters.text.render(sampleRun(), ZH)).not.toContain('\u001b');
    const coloured = formatters.text.render(sampleRun(), { ...ZH, color: true });
    expect(coloured).toContain('\u001b[31m✗ 日期不符');
    expect(coloured).toContain('\u001b[33m! 有歧义');
    expect(coloured).toContain('\u001b[32m✓ 已核实');
    expect(formatters.markdown.render(sampleRun(), { ...ZH, color: true })).not.toContain('\u001b');
  });
});

describe('escaping crawled strings', () => {
  const render = (format: (typeof REPORT_FORMATS)[number]) => getFormatter(format).render(hostileRun(), ZH);

  it('text: no control characters reach the terminal', () => {
    const text = render('text');
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/); // eslint-disable-line no-control-regex
    expect(text).toContain('<script>alert(1)</script> & "quotes"');
  });

  it('markdown: a | cannot add a cell, brackets cannot make a link, HTML stays text', () => {
    const md = render('markdown');
    const row = md.split('\n').find((line) => line.includes(' | 1 | 70 | '))!;
    expect(row).toContain('\\| pipe');
    expect(row.replace(/\\\|/g, '').split('|').length - 1).toBe(8); // 7 cells
    expect(md).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; "quotes"');
    expect(md).toContain('\\[x\\](javascript:alert(2))');
    expect(md).not.toMatch(/(?<!\\)\]\(javascript:/); // an escaped \] is no link
    expect(md).not.toContain('<img');
    expect(md).toContain('https://example.com/a%22onmouseover=%22alert%284%29');
  });

  it('html: no script, no javascript: link, a quote cannot leave its attribute', () => {
    const html = render('html');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;');
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).toContain('javascript:alert(document.cookie)</span>'); // shown, not linked
    expect(html).toContain('href="https://example.com/a%22onmouseover=%22alert(4)"');
    const links = html.match(/<a href="[^"]*"/g) ?? [];
    expect(links.every((a) => a.startsWith('<a href="https://') || a.startsWith('<a href="http://'))).toBe(true);
  });

  it('html: self-contained, with scripts forbidden by policy', () => {
    const html = formatters.html.render(sampleRun(), ZH);
    expect(html).not.toMatch(/<script|<link|\ssrc=|@import|url\(/i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
  });

  it('junit: well-formed XML whose attributes read back as the original strings', () => {
    const xml = render('junit');
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;');
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml) as {
      testsuites: { testsuite: { testcase: { name: string }[] }[] };
    };
    const name = parsed.testsuites.testsuite[0]!.testcase[0]!.name;
    expect(name).toContain('[1] <script>alert(1)</script> & "quotes" | pipe');
    expect(name).toContain('\ufffd'); // U+0001 cannot be carried by XML 1.0
  });
});

describe('junit', () => {
  const parse = (xml: string) =>
    new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', parseAttributeValue: false }).parse(xml) as {
      testsuites: Record<string, string> & { testsuite: (Record<string, string> & { testcase: unknown })[] };
    };

  it('has one case per reference with file and line, failures and skips by status', () => {
    const xml = formatters.junit.render(sampleRun(), ZH);
    expect(XMLValidator.validate(xml)).toBe(true);
    const { testsuites } = parse(xml);
    expect(testsuites).toMatchObject({ tests: '12', failures: '4', errors: '1', skipped: '2' });
    expect(xml).toContain('<testcase name="[9] Tech stocks dive as Fed bets rattle AI rally"');
    expect(xml).toMatch(
      /file="digests\/2026-06-09.md" line="79">\n\s+<failure message="日期不符：[^"]+" type="date_mismatch">/,
    );
    expect(xml).toMatch(/line="71">\n\s+<skipped message="有歧义：/);
    expect(xml).toMatch(/file="digests\/2026-06-10.md" line="74">\n\s+<error message="[^"]+" type="parse_error"\/>/);
  });

  it('turns warnings into failures under strict', () => {
    const { testsuites } = parse(formatters.junit.render({ ...sampleRun(), strict: true }, ZH));
    expect(testsuites).toMatchObject({ failures: '6', skipped: '0' });
  });
});

/** `#/$defs/name` in the report schema. */
function resolve(ref: string): Schema {
  const def = (SCHEMA.$defs as Record<string, Schema>)[ref.replace('#/$defs/', '')];
  if (!def) throw new Error(`no ${ref} in report.schema.json`);
  return def;
}

function isType(value: unknown, type: unknown): boolean {
  if (type === 'null') return value === null;
  if (type === 'integer') return Number.isInteger(value);
  if (type === 'array') return Array.isArray(value);
  if (type === 'object') return typeof value === 'object' && value !== null && !Array.isArray(value);
  return typeof value === type;
}

/** Property names a schema documents, through `$ref` and `allOf`. */
function documented(schema: Schema): string[] {
  if (typeof schema.$ref === 'string') return documented(resolve(schema.$ref));
  const own = Object.keys((schema.properties as Schema | undefined) ?? {});
  return [...own, ...((schema.allOf as Schema[] | undefined) ?? []).flatMap(documented)];
}

/**
 * The JSON Schema keywords report.schema.json uses, checked by hand (no validator dependency).
 * Also reports keys the schema does not document, so a field added to the run without its
 * documentation fails here.
 */
function violations(value: unknown, schema: Schema, path = '$', checkKeys = true): string[] {
  if (typeof schema.$ref === 'string') return violations(value, resolve(schema.$ref), path, checkKeys);
  const out: string[] = [];
  if ('const' in schema && value !== schema.const) out.push(`${path}: not ${String(schema.const)}`);
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) out.push(`${path}: ${String(value)} not in enum`);
  if (schema.type !== undefined && ![schema.type].flat().some((t) => isType(value, t)))
    out.push(`${path}: not ${String(schema.type)}`);
  // An `allOf` member sees only its own properties; the keys are checked against all of them here.
  for (const sub of (schema.allOf as Schema[] | undefined) ?? []) out.push(...violations(value, sub, path, false));
  const oneOf = schema.oneOf as Schema[] | undefined;
  if (oneOf && oneOf.filter((sub) => violations(value, sub, path).length === 0).length !== 1)
    out.push(`${path}: not one of`);
  if (typeof value === 'number' && typeof schema.minimum === 'number' && value < schema.minimum)
    out.push(`${path}: < min`);
  if (typeof value === 'number' && typeof schema.maximum === 'number' && value > schema.maximum)
    out.push(`${path}: > max`);
  if (typeof value === 'string' && typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) {
    out.push(`${path}: does not match ${schema.pattern}`);
  }
  if (Array.isArray(value) && schema.items)
    value.forEach((v, i) => out.push(...violations(v, schema.items as Schema, `${path}[${i}]`)));
  if (isType(value, 'object') && schema.properties)
    out.push(...objectViolations(value as Schema, schema, path, checkKeys));
  return out;
}

function objectViolations(value: Schema, schema: Schema, path: string, checkKeys: boolean): string[] {
  const out = ((schema.required as string[] | undefined) ?? [])
    .filter((k) => !(k in value))
    .map((k) => `${path}.${k}: missing`);
  const props = (schema.properties as Record<string, Schema> | undefined) ?? {};
  for (const [key, sub] of Object.entries(props))
    if (key in value) out.push(...violations(value[key], sub, `${path}.${key}`));
  if (!checkKeys) return out;
  const known = new Set(documented(schema));
  out.push(
    ...Object.keys(value)
      .filter((k) => !known.has(k))
      .map((k) => `${path}.${k}: not documented`),
  );
  return out;
}

describe('json', () => {
  const parsed = () => JSON.parse(formatters.json.render(sampleRun(), ZH)) as VerifyRun;

  it('parses, even for a run that failed (exit 3), and round-trips the run', () => {
    const run = parsed();
    expect(run.exitCode).toBe(3);
    expect(run).toEqual(sampleRun());
  });

  it('has the documented fields per reference and per claim', () => {
    const digest = parsed().digests[0]!;
    for (const ref of digest.references) {
      for (const key of ['index', 'line', 'outlets', 'title', 'date', 'status', 'match', 'scores', 'reasons']) {
        expect(ref, `[${ref.index}].${key}`).toHaveProperty(key);
      }
    }
    for (const claim of digest.claims) for (const key of ['line', 'text', 'status']) expect(claim).toHaveProperty(key);
  });

  it('matches report.schema.json, every key documented', () => {
    expect(violations(parsed(), SCHEMA)).toEqual([]);
    expect(violations(JSON.parse(formatters.json.render(hostileRun(), ZH)), SCHEMA)).toEqual([]);
  });

  it('the schema check can fail: a missing, mistyped or undocumented field is caught', () => {
    const run = parsed() as unknown as { digests: Schema[]; extra?: number };
    const ref = (run.digests[0]!.references as Schema[])[0]!;
    delete ref.status;
    ref.line = 'seventy';
    (run.digests[0]!.claims as Schema[])[0]!.status = 'maybe';
    run.extra = 1;
    expect(violations(run, SCHEMA).sort()).toEqual([
      '$.digests[0].claims[0].status: maybe not in enum',
      '$.digests[0].references[0].line: not integer',
      '$.digests[0].references[0].status: missing',
      '$.extra: not documented',
    ]);
  });

  it('documents every schema field in the JSDoc of json.ts', () => {
    const source = readFileSync(new URL('../../reports/formatters/json.ts', import.meta.url), 'utf8');
    const doc = source.slice(0, source.indexOf('*/'));
    const names = new Set([
      ...documented(SCHEMA),
      ...Object.values(SCHEMA.$defs as Record<string, Schema>).flatMap(documented),
    ]);
    for (const name of names) expect(doc, name).toMatch(new RegExp(`\\b${name}\\b`));
  });
});
