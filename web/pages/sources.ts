/**
 * The source health page: per source the last crawl, new items per Beijing day over a week,
 * the last run's errors and the alerts (`layout changed?` first, since it means the selectors
 * no longer match and the source silently yields nothing).
 */
import type { SourceHealth } from '../../pipeline/health/types.js';
import { externalLink, html, type Html } from '../escape.js';
import { emptyDatabaseNotice, layout } from './layout.js';

const MAX_ERRORS_SHOWN = 20;

function lastRunCell(h: SourceHealth): Html {
  const r = h.lastRun;
  if (r === null) return html`<span class="muted">never crawled</span>`;
  const sev = r.status === 'succeeded' ? 'ok' : r.status === 'partial' ? 'warning' : 'failure';
  return html`<span class="badge ${sev}">${r.status}</span> <time>${r.finishedAt ?? r.startedAt}</time>
    <div class="muted">${r.pages} pages · ${r.articles} articles · ${r.new} new · ${r.errors} errors</div>`;
}

function perDayCell(h: SourceHealth): Html {
  const days = h.newPerDay.map((d) => html`<td class="num" title="${d.date}">${d.count}</td>`);
  return html`<table class="per-day">
    <tr>
      ${h.newPerDay.map((d) => html`<th>${d.date.slice(5)}</th>`)}
    </tr>
    <tr>
      ${days}
    </tr>
  </table>`;
}

function alertsCell(h: SourceHealth): Html {
  if (h.alerts.length === 0) return html`<span class="badge ok">healthy</span>`;
  const items = h.flags.map((flag, i) => {
    const sev = flag === 'layout-changed' || flag === 'failed' ? 'failure' : 'warning';
    const label = flag === 'layout-changed' ? 'layout changed?' : flag;
    return html`<li><span class="badge ${sev}">${label}</span> ${h.alerts[i] ?? ''}</li>`;
  });
  return html`<ul class="alerts">
    ${items}
  </ul>`;
}

function errorsCell(h: SourceHealth): Html {
  if (h.errors.length === 0) return html`<span class="muted">none</span>`;
  const shown = h.errors
    .slice(0, MAX_ERRORS_SHOWN)
    .map((e) => html`<li><b>${e.kind}</b> ${externalLink(e.url, e.url)}: ${e.message}</li>`);
  const more = h.errors.length > MAX_ERRORS_SHOWN ? html`<li>… ${h.errors.length - MAX_ERRORS_SHOWN} more</li>` : '';
  return html`<details>
    <summary>${h.errors.length} error(s)</summary>
    <ul>
      ${shown}${more}
    </ul>
  </details>`;
}

function sourceRow(h: SourceHealth): Html {
  return html`<tr data-source="${h.sourceId}" data-healthy="${String(h.healthy)}">
    <td>
      <b>${h.name}</b>
      <div class="muted">${h.sourceId} · every ${h.expectedCadenceHours} h</div>
    </td>
    <td>${lastRunCell(h)}</td>
    <td>
      ${h.lastNewItemAt === null ? html`<span class="muted">never</span>` : html`<time>${h.lastNewItemAt}</time>`}
    </td>
    <td>${perDayCell(h)}</td>
    <td>${alertsCell(h)}</td>
    <td>${errorsCell(h)}</td>
  </tr>`;
}

/** The source health page as a whole document. */
export function sourcesPage(health: readonly SourceHealth[], emptyDatabase: boolean): string {
  const broken = health.filter((h) => !h.healthy).length;
  const body = html`${emptyDatabase ? emptyDatabaseNotice() : ''}
    <p class="muted">${health.length} sources, ${broken} needing a look.</p>
    <table id="sources">
      <thead>
        <tr>
          <th>Source 来源</th>
          <th>Last crawl 最近抓取</th>
          <th>Last new item</th>
          <th>New per day (Beijing)</th>
          <th>Alerts 警报</th>
          <th>Errors</th>
        </tr>
      </thead>
      <tbody>
        ${health.map(sourceRow)}
      </tbody>
    </table>`;
  return layout({ title: 'Source health 来源状态', active: 'sources', body });
}
