import { escapeHtml, link } from '../../reports/formatters/html.js';
import type { Candidate, CandidateList } from './types.js';

/** The formats `sourcecheck candidates --format` writes. */
export type CandidateFormat = 'md' | 'json' | 'html';

const EMPTY_DB = 'No articles yet: run `sourcecheck crawl` (or `sourcecheck nightly`) first.';
const EMPTY_WINDOW = 'No new stories in this window.';

/** The whole candidates report in `format`, ending in a newline. Pure. */
export function renderCandidates(list: CandidateList, format: CandidateFormat): string {
  if (format === 'json') return `${JSON.stringify(list, null, 2)}\n`;
  return format === 'html' ? renderHtml(list) : renderMarkdown(list);
}

function modelLine(list: CandidateList): string {
  const m = list.model;
  return m.examples === 0
    ? 'relevance: no digest references or editor decisions to learn from yet (model.examples = 0); scored by topic keywords'
    : `relevance model: ${m.examples} examples (${m.relevant} relevant, ${m.irrelevant} off the beat)`;
}

const cell = (text: string) => text.replaceAll('|', '\\|').replace(/[\r\n]+/g, ' ');
const terms = (c: Candidate) => c.topTerms.map((t) => t.term).join(' ');

function renderMarkdown(list: CandidateList): string {
  const head = [`# Candidates since ${list.since}`, '', modelLine(list), ''];
  if (list.candidates.length === 0) return [...head, list.emptyReason ? EMPTY_DB : EMPTY_WINDOW, ''].join('\n');
  const rows = list.candidates.map((c, i) =>
    [
      `${i + 1}`,
      c.score.toFixed(2),
      cell(c.outlet),
      c.publishedAt ?? '',
      `[${cell(c.title)}](${c.links.find((l) => l.original)?.url ?? ''})${c.links.length > 1 ? ` (+${c.links.length - 1} copies)` : ''}`,
      cell(c.snippet),
      cell(terms(c)),
      c.review?.decision ?? '',
      `\`${cell(c.referenceLine)}\``,
    ].join(' | '),
  );
  return [
    ...head,
    '| # | Score | Outlet | Published (Beijing) | Title | Snippet | Top terms | Decision | Reference line |',
    '| - | - | - | - | - | - | - | - | - |',
    ...rows.map((r) => `| ${r} |`),
    '',
  ].join('\n');
}

function htmlRow(c: Candidate, i: number): string {
  const copies = c.links
    .map((l) => `<li>${link(`${l.sourceName}${l.original ? ' (original)' : ''}`, l.url)}</li>`)
    .join('');
  return `<tr><td>${i + 1}</td><td>${c.score.toFixed(2)}</td><td>${escapeHtml(c.outlet)}</td><td>${escapeHtml(c.publishedAt ?? '')}</td>
<td><b>${escapeHtml(c.title)}</b><p>${escapeHtml(c.snippet)}</p><ul>${copies}</ul></td><td>${escapeHtml(terms(c))}</td>
<td>${escapeHtml(c.review?.decision ?? '')}</td><td><code>${escapeHtml(c.referenceLine)}</code></td></tr>`;
}

function renderHtml(list: CandidateList): string {
  const body =
    list.candidates.length === 0
      ? `<p>${escapeHtml(list.emptyReason ? EMPTY_DB : EMPTY_WINDOW)}</p>`
      : `<table><thead><tr><th>#</th><th>Score</th><th>Outlet</th><th>Published (Beijing)</th><th>Story</th><th>Top terms</th><th>Decision</th><th>Reference line</th></tr></thead>
<tbody>${list.candidates.map(htmlRow).join('\n')}</tbody></table>`;
  return `<!DOCTYPE html>
<html lang="zh"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>sourcecheck candidates</title><style>body{font:14px/1.5 system-ui,sans-serif;margin:1.5rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem;vertical-align:top}code{font-size:12px}</style></head>
<body><h1>Candidates since ${escapeHtml(list.since)}</h1><p>${escapeHtml(modelLine(list))}</p>
${body}
</body></html>
`;
}
