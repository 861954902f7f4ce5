/**
 * The digest page: paste a digest or pick its file, check it, and read the verification report
 * (the `--format html` report, in a sandboxed frame, with links to the matched sources).
 */
import { tally } from '../../reports/status.js';
import { VERIFICATION_STATUSES } from '../../pipeline/verify/types.js';
import { html, type Html } from '../escape.js';
import type { StoredReport } from '../report-store.js';
import { tokenField } from './candidates.js';
import { layout } from './layout.js';

/** What the digest page shows: the form, and the last report when there is one. */
export interface DigestView {
  formToken: string | null;
  tokenMissing: boolean;
  report: StoredReport | null;
  /** The text to refill the textarea with (after a failed check). */
  text: string;
}

function digestForm(view: DigestView): Html {
  return html`<form method="post" action="/digest" id="digest-form">
    ${tokenField(view.formToken)}
    <p>
      <label
        >Digest file 文件 <input type="file" id="digest-file" accept=".md,.markdown,.txt,text/markdown,text/plain"
      /></label>
      <span class="muted">or paste the Markdown below 或粘贴全文</span>
    </p>
    <input type="hidden" name="upload" id="upload-data" /><input type="hidden" name="uploadName" id="upload-name" />
    <textarea name="digest" id="digest-text" aria-label="digest text">${view.text}</textarea>
    <p>
      <label
        >Reasons in
        <select name="lang">
          <option value="zh">中文</option>
          <option value="en">English</option>
        </select></label
      >
      <label><input type="checkbox" name="strict" value="1" /> strict (warnings fail)</label>
      <label><input type="checkbox" name="store" value="1" /> store the results in the database 保存核验结果</label>
      <button type="submit" id="check-digest">Check 核验</button>
    </p>
  </form>`;
}

function summary(report: StoredReport): Html {
  const { run } = report;
  const counts = tally(run.digests.flatMap((d) => d.references));
  const items = VERIFICATION_STATUSES.filter((s) => counts[s] > 0).map((s) => html`<li>${s}: <b>${counts[s]}</b></li>`);
  const errors = run.errors.map((e) => html`<li class="failure">${e.message}</li>`);
  const verdict = run.exitCode === 0 ? 'ok' : 'failure';
  return html`<section id="report-summary">
    <h2>${report.label}</h2>
    <p>
      <span class="badge ${verdict}">exit ${run.exitCode}</span>
      ${report.stored ? 'stored in the database' : 'not stored'} ·
      <a href="/digest/${report.id}/report" target="_blank" rel="noopener">open the report alone</a>
    </p>
    <ul>
      ${items}${errors}
    </ul>
    <iframe
      class="report"
      src="/digest/${report.id}/report"
      title="verification report"
      sandbox="allow-popups allow-popups-to-escape-sandbox"
    ></iframe>
  </section>`;
}

/** The digest page as a whole document. */
export function digestPage(view: DigestView): string {
  const tokenNotice = view.tokenMissing
    ? html`<form class="notice" method="get" action="/digest">
        Checking needs the write token: <input type="password" name="token" aria-label="token" />
        <button type="submit">Enter</button>
      </form>`
    : '';
  const body = html`${tokenNotice}${view.report === null ? '' : summary(view.report)}${digestForm(view)}`;
  return layout({ title: 'Digest check 简报核验', active: 'digest', body, scripts: ['digest-upload.js'] });
}

/**
 * The formatter's report for the frame. Its links open outside the frame (`<base target>`),
 * since the report is a sandboxed document and a source page inside it would be cramped.
 */
export function framedReport(report: StoredReport): string {
  return report.html.replace('<head>', '<head>\n<base target="_blank">');
}
