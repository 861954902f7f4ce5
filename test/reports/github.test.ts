import { describe, expect, it } from 'vitest';
import { formatters, type RenderOptions } from '../../reports/formatter.js';
import { escapeData, escapeProperty, workflowCommand } from '../../reports/formatters/github.js';
import { sampleRun } from './sample-run.js';

const ZH: RenderOptions = { color: false, lang: 'zh' };
const render = (run = sampleRun()) => formatters.github.render(run, ZH);

/** The `::level props::message` parts of a workflow command line, as the runner splits them. */
function parse(line: string): { level: string; props: Record<string, string>; message: string } {
  const match = /^::(\w+)(?: ([^:]*))?::(.*)$/.exec(line);
  if (!match) throw new Error(`not a workflow command: ${line}`);
  const props = Object.fromEntries((match[2] ?? '').split(',').map((pair) => pair.split('=', 2) as [string, string]));
  return { level: match[1]!, props, message: match[3]! };
}

/** The runner's unescaping (`@actions/core` reversed): `%0D`, `%0A`, `%3A`, `%2C`, then `%25`. */
function unescape(text: string): string {
  return text
    .replace(/%0D/g, '\r')
    .replace(/%0A/g, '\n')
    .replace(/%3A/g, ':')
    .replace(/%2C/g, ',')
    .replace(/%25/g, '%');
}

describe('github: escaping', () => {
  const hostile = '100% done, see: a\r\nb';

  it('escapes data: %, CR and LF only', () => {
    expect(escapeData(hostile)).toBe('100%25 done, see: a%0D%0Ab');
    expect(escapeData('%0A')).toBe('%250A'); // an escape already in the text stays literal
  });

  it('escapes properties: also : and ,', () => {
    expect(escapeProperty(hostile)).toBe('100%25 done%2C see%3A a%0D%0Ab');
  });

  it('keeps a command on one line whose parts round-trip', () => {
    const line = workflowCommand('error', { file: 'digests/a,b.md', line: 3, title: hostile }, hostile);
    expect(line).not.toMatch(/[\r\n]/);
    const { level, props, message } = parse(line);
    expect(level).toBe('error');
    expect(Object.keys(props)).toEqual(['file', 'line', 'title']);
    expect(unescape(props.file!)).toBe('digests/a,b.md');
    expect(unescape(props.title!)).toBe(hostile);
    expect(unescape(message)).toBe(hostile);
  });

  it('a crawled title cannot start a command of its own', () => {
    const run = sampleRun();
    const ref = run.digests[0]!.references.find((r) => r.status === 'not_found')!;
    ref.title = 'Oil 5%, risk: high\n::add-mask::secret\u001b[2J';
    ref.reasons = ['x\r\n::stop-commands::token'];
    const lines = render(run).trimEnd().split('\n');
    expect(lines.every((line) => /^::(error|warning|notice) /.test(line))).toBe(true);
    const line = lines.find((l) => l.includes('line=81'))!;
    expect(line).toContain('title=未找到 [11] Oil 5%25%2C risk%3A high%0A%3A%3Aadd-mask%3A%3Asecret [2J');
    expect(line).toContain('::x%0D%0A::stop-commands::token');
    expect(line).not.toContain('\u001b');
  });
});

describe('github: annotations', () => {
  it('annotates every reference that is not verified, on its line, and nothing else', () => {
    const lines = render().trimEnd().split('\n').map(parse);
    const refs = lines.filter((l) => l.props.file === 'digests/2026-06-09.md');
    expect(refs.map((l) => [l.level, l.props.line])).toEqual([
      ['warning', '71'],
      ['error', '76'],
      ['warning', '77'],
      ['error', '78'],
      ['error', '79'],
      ['error', '81'],
    ]);
    expect(unescape(refs[4]!.props.title!)).toBe('日期不符 [9] Tech stocks dive as Fed bets rattle AI rally');
  });

  it('reports an unreadable digest with its line, and without one when unknown', () => {
    expect(render()).toContain('::error file=digests/2026-06-10.md,line=74,title=无法读取的文稿::参考文献第 3 条');
    const run = sampleRun();
    run.errors[0]!.line = null;
    expect(render(run)).toContain('::error file=digests/2026-06-10.md,title=无法读取的文稿::');
  });

  it('turns warnings into errors under strict, and ends with one notice', () => {
    const lines = render({ ...sampleRun(), strict: true })
      .trimEnd()
      .split('\n');
    expect(lines.filter((l) => l.startsWith('::warning'))).toEqual([]);
    expect(lines.filter((l) => l.startsWith('::error'))).toHaveLength(7);
    expect(lines.at(-1)).toMatch(/^::notice title=sourcecheck::合计 11 条参考文献（严格模式）：.* · 退出码 3$/);
  });

  it('prints only the notice for a clean run', () => {
    const run = sampleRun();
    run.digests[0]!.references = run.digests[0]!.references.filter((r) => r.status === 'verified');
    run.errors = [];
    run.exitCode = 0;
    expect(formatters.github.render(run, { color: false, lang: 'en' })).toBe(
      '::notice title=sourcecheck::Total 5 references: 5 verified · exit code 0\n',
    );
  });
});
