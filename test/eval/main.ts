import { FIXTURE_HOSTS } from '../replay/server.js';
import { parseArgs } from 'node:util';
import { type GateRow, checkGate, fingerprintCorpus, fmt, loadBaseline, saveBaseline, updateBaseline } from './gate.js';
import { REPO_ROOT, goldenInputs, loadGolden } from './golden.js';
import { type EvalReport, type PairScore, evaluate } from './pipeline-eval.js';
import { CLAIMS_FILE, REFERENCES_FILE, evaluateVerifier } from './verify-eval.js';
import { confusionTable } from './verify-main.js';

/**
 * `npm run eval` (`tsx test/eval/main.ts`): run the parsers and dedupe over the labelled corpus
 * in test/golden/, print each metric against its pinned floor, and exit 0 when every metric is
 * at least its floor − EPSILON, 1 otherwise (3 on an unknown flag).
 *
 * Flags: `--update` re-pins the baseline (floors only rise), `--allow-regression` lets
 * `--update` lower a floor, `--json` prints the whole report as JSON instead of the table.
 */
const BASELINE = `${REPO_ROOT}test/golden/pipeline-baseline.json`;
const VERIFY_BASELINE = `${REPO_ROOT}test/golden/verify-baseline.json`;

const out = (line = '') => process.stdout.write(`${line}\n`);

function flags(): { update: boolean; allowRegression: boolean; json: boolean } {
  try {
    const { values } = parseArgs({
      options: {
        update: { type: 'boolean', default: false },
        'allow-regression': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
      },
    });
    return { update: values.update, allowRegression: values['allow-regression'], json: values.json };
  } catch (err) {
    process.stderr.write(
      `${(err as Error).message}\nusage: npm run eval -- [--update [--allow-regression]] [--json]\n`,
    );
    process.exit(3);
  }
}

function printTable(rows: readonly GateRow[]): void {
  out(`${'metric'.padEnd(18)}${'value'.padStart(8)}${'floor'.padStart(8)}  status`);
  for (const r of rows) {
    const floor = r.floor === undefined ? '—' : fmt(r.floor);
    out(`${r.metric.padEnd(18)}${fmt(r.value).padStart(8)}${floor.padStart(8)}  ${r.pass ? 'ok' : 'FAIL'}`);
  }
}

/** Why a pair's verdict is wrong, or undefined when it is right. */
function pairMiss(p: PairScore): string | undefined {
  if (p.error) return `pair ${p.a} ~ ${p.b}: ${p.error}`;
  if (p.predicted === p.pair.duplicate) return undefined;
  if (p.predicted) {
    const kind = p.pair.sameEvent ? 'same event, merged (not scored)' : 'false duplicate';
    return `pair ${p.a} ~ ${p.b}: ${kind} (${p.reason}, ${p.similarity?.toFixed(3)})`;
  }
  return `pair ${p.a} ~ ${p.b}: missed duplicate${p.pair.bodyLevel ? ` [body: ${p.pair.bodyLevel}]` : ''}`;
}

/** One line per wrong field, list page or pair, so a drop can be traced to a page. */
function misses(report: EvalReport): string[] {
  const lines: string[] = [];
  for (const a of report.articles) {
    const wrong = (['title', 'publishedDate', 'outlet', 'issuer', 'notFutureDate'] as const).filter((f) => !a[f]);
    if (wrong.length > 0) lines.push(`article ${a.id}: ${wrong.join(', ')} wrong; got ${JSON.stringify(a.got)}`);
  }
  for (const l of report.lists.filter((x) => !x.ok)) lines.push(`list ${l.id}: got ${JSON.stringify(l.got)}`);
  for (const line of report.pairs.map(pairMiss)) if (line) lines.push(line);
  return lines;
}

async function main(): Promise<void> {
  const opts = flags();
  const golden = loadGolden();
  const report = evaluate(golden);
  const corpus = fingerprintCorpus(goldenInputs(golden), report.counts);
  const old = loadBaseline(BASELINE);
  let verdict = checkGate(old, report.metrics, corpus);
  let notes: string[] = [];
  if (opts.update) {
    const next = updateBaseline(old, report.metrics, corpus, opts);
    if (next.refused.length > 0) verdict = { ...verdict, ok: false, problems: ['update refused:', ...next.refused] };
    else {
      saveBaseline(BASELINE, next.baseline);
      verdict = checkGate(next.baseline, report.metrics, corpus);
      notes = next.changes.length > 0 ? ['re-pinned:', ...next.changes] : ['re-pinned: nothing changed'];
    }
  }
  const lines = misses(report);
  if (opts.json) {
    out(
      JSON.stringify(
        { ok: verdict.ok, corpus, rows: verdict.rows, problems: verdict.problems, notes, misses: lines, report },
        null,
        2,
      ),
    );
  } else {
    const c = report.counts;
    out(
      `pipeline eval: ${c.articles} articles, ${c.lists} list pages, ${c.pairs} dedupe pairs (${corpus.sha256.slice(0, 12)})`,
    );
    printTable(verdict.rows);
    for (const line of [...notes, ...lines, ...verdict.problems]) out(line);
    out(verdict.ok ? 'eval gate: ok' : 'eval gate: FAILED');
  }
  const verifyOk = await verifierGate(opts);
  process.exitCode = verdict.ok && verifyOk ? 0 : 1;
}

/**
 * The verifier's gate (issue #5): the labelled references and claims in test/golden/, checked
 * against a crawl of the replayed sites, with floors pinned in verify-baseline.json.
 */
async function verifierGate(opts: ReturnType<typeof flags>): Promise<boolean> {
  const report = await evaluateVerifier();
  const inputs = [
    REFERENCES_FILE,
    CLAIMS_FILE,
    ...FIXTURE_HOSTS.map((h) => `test/fixtures/sites/${h}/_expected.json`),
  ].map((name) => ({
    name,
    path: `${REPO_ROOT}${name}`,
  }));
  const corpus = fingerprintCorpus(inputs, {
    articles: report.counts.references,
    lists: 0,
    pairs: report.counts.claims,
  });
  const old = loadBaseline(VERIFY_BASELINE);
  let verdict = checkGate(old, report.metrics, corpus);
  if (opts.update) {
    const next = updateBaseline(old, report.metrics, corpus, opts);
    if (next.refused.length > 0) verdict = { ...verdict, ok: false, problems: ['update refused:', ...next.refused] };
    else {
      saveBaseline(VERIFY_BASELINE, next.baseline);
      verdict = checkGate(next.baseline, report.metrics, corpus);
    }
  }
  if (!opts.json) {
    out('');
    out(
      `verifier eval: ${report.counts.references} references, ${report.counts.claims} claims; false verified ${report.falseVerified.count} ${report.falseVerified.ids.join(' ')}`,
    );
    printTable(verdict.rows);
    for (const line of [...confusionTable(report.confusion), ...verdict.problems]) out(line);
    out(verdict.ok ? 'verifier gate: ok' : 'verifier gate: FAILED');
  }
  return verdict.ok;
}

await main();
