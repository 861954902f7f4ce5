/**
 * The HTML report: one self-contained page (inline CSS, no script, no external asset) with the
 * status counts, each digest's references and claims, and the digests that could not be read.
 * Every string is HTML-escaped, only http(s) URLs become links, and a Content-Security-Policy
 * forbids scripts outright, so a hostile crawled title stays text even if escaping were missed.
 */
import type { ReportFormatter, RenderOptions } from '../formatter.js';
import type {
  ClaimCheck,
  DigestReport,
  MatchedArticle,
  ReferenceCheck,
  VerifyRun,
} from '../../pipeline/verify/types.js';
import { VERIFICATION_STATUSES } from '../../pipeline/verify/types.js';
import {
  claimLabel,
  inReportOrder,
  reportWords,
  severity,
  statusLabel,
  tally,
  type ReportLang,
  type Severity,
} from '../status.js';

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** `text` escaped for HTML text and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ENTITIES[ch] ?? ch);
}

/** `url` normalised when it is http(s), else null: `javascript:`, `data:` and junk never become links. */
export function httpUrl(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** A link to `url` labelled `text`, or the URL as plain text beside it when it is not http(s). */
export function link(text: string, url: string): string {
  const href = httpUrl(url);
  if (href === null) return `${escapeHtml(text)} <span class="url">${escapeHtml(url)}</span>`;
  return `<a href="${escapeHtml(href)}" rel="noopener noreferrer">${escapeHtml(text)}</a>`;
}

const STYLE = `
:root { color-scheme: light; --ok: #1a7f37; --ok-bg: #dafbe1; --warning: #7d4e00; --warning-bg: #fff8c5;
  --failure: #b91c1c; --failure-bg: #ffebe9; --line: #d0d7de; --muted: #57606a; --stripe: #f6f8fa; }
body { margin: 2rem auto; max-width: 78rem; padding: 0 1rem; color: #1f2328; line-height: 1.5;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei",
  "Noto Sans CJK SC", sans-serif; }
h1 { font-size: 1.6rem; margin-bottom: .25rem; } h2 { margin-top: 2.5rem; font-size: 1.3rem; word-break: break-all; }
h3 { font-size: 1.05rem; margin-top: 1.5rem; }
.meta, .muted { color: var(--muted); }
.counts { display: flex; flex-wrap: wrap; gap: .5rem; padding: 0; list-style: none; }
.counts li { border: 1px solid var(--line); border-radius: 6px; padding: .4rem .8rem; min-width: 4.5rem; }
.counts b { display: block; font-size: 1.4rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: 14px; }
th, td { border: 1px solid var(--line); padding: .35rem .5rem; text-align: left; vertical-align: top; }
th { background: var(--stripe); white-space: nowrap; } tbody tr:nth-child(even) { background: #fbfcfd; }
td.num { text-align: right; white-space: nowrap; }
.badge { display: inline-block; border-radius: 1em; padding: 0 .6em; white-space: nowrap; font-size: 13px; }
.ok { color: var(--ok); background: var(--ok-bg); } .warning { color: var(--warning); background: var(--warning-bg); }
.failure { color: var(--failure); background: var(--failure-bg); }
.url, a { overflow-wrap: anywhere; } a { color: #0969da; }
ul.errors li { margin: .25rem 0; }
`;

function badge(sev: Severity, label: string): string {
  return `<span class="badge ${sev}">${escapeHtml(label)}</span>`;
}

function countsList(run: VerifyRun, lang: ReportLang): string {
  const counts = tally(run.digests.flatMap((d) => d.references));
  const total = VERIFICATION_STATUSES.reduce((sum, s) => sum + counts[s], 0);
  const words = reportWords(lang);
  const items = VERIFICATION_STATUSES.map((s) => {
    const sev = severity(s, run.strict);
    return `<li class="${counts[s] > 0 ? sev : ''}">${escapeHtml(statusLabel(s, lang))}<b>${counts[s]}</b></li>`;
  });
  if (run.errors.length > 0)
    items.push(`<li class="failure">${escapeHtml(words.unreadableShort)}<b>${run.errors.length}</b></li>`);
  // The total first: the number a reader checks the others against.
  items.unshift(`<li>${escapeHtml(words.total)}<b>${total}</b></li>`);
  return `<ul class="counts">\n${items.join('\n')}\n</ul>`;
}

function articleCell(article: MatchedArticle): string {
  const about = [article.outlet, article.publishedDate].filter((s): s is string => s !== null).map(escapeHtml);
  return `${link(article.title, article.url)}<br><span class="muted">${about.join(' · ')}</span>`;
}

function matchCell(ref: ReferenceCheck, lang: ReportLang): string {
  if (ref.match === null) return '';
  const cell = articleCell(ref.match);
  if (ref.status !== 'ambiguous' || ref.runnerUp === null) return cell;
  // An ambiguous reference has two candidates; the editor needs both to choose.
  return `${cell}<br>${escapeHtml(reportWords(lang).orRunnerUp)} ${articleCell(ref.runnerUp)}`;
}

function cells(values: readonly string[], numeric: ReadonlySet<number> = new Set()): string {
  return values.map((v, i) => (numeric.has(i) ? `<td class="num">${v}</td>` : `<td>${v}</td>`)).join('');
}

function referenceRow(ref: ReferenceCheck, run: VerifyRun, lang: ReportLang): string {
  const title =
    ref.title === null ? `<span class="muted">${escapeHtml(reportWords(lang).noTitle)}</span>` : escapeHtml(ref.title);
  const values = [
    badge(severity(ref.status, run.strict), statusLabel(ref.status, lang)),
    String(ref.index),
    String(ref.line),
    ref.outlets.map(escapeHtml).join(' / '),
    title,
    matchCell(ref, lang),
    ref.reasons.map(escapeHtml).join('<br>'),
  ];
  return `<tr id="ref-${ref.index}">${cells(values, new Set([1, 2]))}</tr>`;
}

function referencesTable(digest: DigestReport, run: VerifyRun, lang: ReportLang): string {
  const w = reportWords(lang);
  const head = [w.status, '#', w.line, w.outlet, w.title, w.match, w.reason].map((h) => `<th>${escapeHtml(h)}</th>`);
  const rows = digest.references.map((ref) => referenceRow(ref, run, lang));
  return `<table>\n<thead><tr>${head.join('')}</tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`;
}

const CLAIM_SEVERITY: Record<ClaimCheck['status'], Severity> = {
  supported: 'ok',
  contradicted: 'failure',
  unsupported: 'warning',
};

function claimRow(claim: ClaimCheck, lang: ReportLang): string {
  const values = [
    badge(CLAIM_SEVERITY[claim.status], claimLabel(claim.status, lang)),
    String(claim.line),
    escapeHtml(claim.section),
    escapeHtml(claimLabel(claim.kind, lang)),
    escapeHtml(claim.text),
    claim.referenceIndex === null ? '' : String(claim.referenceIndex),
    claim.evidence === null ? '' : escapeHtml(claim.evidence),
  ];
  return `<tr>${cells(values, new Set([1, 5]))}</tr>`;
}

function claimsSection(digest: DigestReport, lang: ReportLang): string {
  const w = reportWords(lang);
  const parts = [`<h3>${escapeHtml(w.claims)}</h3>`];
  if (digest.claims.length === 0) parts.push(`<p class="muted">${escapeHtml(w.noClaims)}</p>`);
  else {
    const head = [w.status, w.line, w.section, w.kind, w.claim, '#', w.evidence].map(
      (h) => `<th>${escapeHtml(h)}</th>`,
    );
    const rows = digest.claims.map((c) => claimRow(c, lang));
    parts.push(`<table>\n<thead><tr>${head.join('')}</tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`);
  }
  if (digest.unsupportedSections.length > 0) {
    const items = digest.unsupportedSections.map((s) => `<li>${escapeHtml(s)}</li>`).join('\n');
    parts.push(`<h3>${escapeHtml(w.unsupportedSections)}</h3>\n<ul>\n${items}\n</ul>`);
  }
  return parts.join('\n');
}

function digestSection(digest: DigestReport, run: VerifyRun, lang: ReportLang): string {
  const about = [digest.title, digest.issueDate].filter((s): s is string => s !== null).map(escapeHtml);
  const intro = about.length > 0 ? `\n<p class="meta">${about.join(' · ')}</p>` : '';
  const table = referencesTable(digest, run, lang);
  return `<section>\n<h2>${escapeHtml(digest.path)}</h2>${intro}\n${table}\n${claimsSection(digest, lang)}\n</section>`;
}

function errorsSection(run: VerifyRun, lang: ReportLang): string {
  const w = reportWords(lang);
  const items = run.errors.map((e) => {
    const where = e.line === null ? e.path : `${e.path}:${e.line}`;
    return `<li><b>${escapeHtml(where)}</b>${escapeHtml(w.colon)}${escapeHtml(e.message)}</li>`;
  });
  return `<section>\n<h2>${escapeHtml(w.unreadable)}</h2>\n<ul class="errors">\n${items.join('\n')}\n</ul>\n</section>`;
}

function metaLine(run: VerifyRun, lang: ReportLang): string {
  const w = reportWords(lang);
  const parts = [`${w.exitCode} <b>${run.exitCode}</b>`];
  if (run.strict) parts.push(escapeHtml(w.strict));
  parts.push(`${escapeHtml(w.generated)} <time>${escapeHtml(run.generatedAt)}</time>`);
  return `<p class="meta">${parts.join(' · ')}</p>`;
}

/** Renders a run as a self-contained HTML page. */
function render(input: VerifyRun, options: RenderOptions): string {
  const run = inReportOrder(input);
  const lang = options.lang;
  const body = [
    '<h1>sourcecheck: reference check</h1>',
    metaLine(run, lang),
    countsList(run, lang),
    ...(run.errors.length > 0 ? [errorsSection(run, lang)] : []),
    ...run.digests.map((d) => digestSection(d, run, lang)),
  ];
  return `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="referrer" content="no-referrer">
<title>sourcecheck: reference check</title>
<style>${STYLE}</style>
</head>
<body>
${body.join('\n')}
</body>
</html>
`;
}

/** The `html` format: a self-contained page to open in a browser or attach to a CI run. */
export const htmlFormatter: ReportFormatter = { format: 'html', extension: 'html', render };
