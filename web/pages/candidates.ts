/**
 * The candidates page: stories with filters and, per story, accept / reject / shortlist
 * buttons. Each button is a plain POST form (no script needed) that carries the page's own
 * URL back, so after the Post/Redirect/Get the editor sees the same filtered list.
 */
import type { ReviewDecision } from '../../db/tables/review.table.js';
import type { Candidate, CandidateList } from '../../pipeline/candidates/types.js';
import { externalLink, html, type Html } from '../escape.js';
import { DECISION_FILTERS, type FilterQuery } from '../filters.js';
import { emptyDatabaseNotice, layout } from './layout.js';

/** Everything the candidates page shows. */
export interface CandidatesView {
  list: CandidateList;
  query: FilterQuery;
  /** True when the database has no articles at all. */
  emptyDatabase: boolean;
  /** This page's path and query, where the review forms return to. */
  back: string;
  reviewer: string;
  /** The write token to put in forms, or null when none is needed or the editor has not entered it. */
  formToken: string | null;
  /** The server requires a token and the editor has not entered it yet. */
  tokenMissing: boolean;
  sources: readonly { id: string; name: string }[];
  topics: readonly { id: string; name: string }[];
}

const DECISION_LABELS: Record<ReviewDecision, string> = {
  accept: 'Accept 采用',
  reject: 'Reject 不用',
  shortlist: 'Shortlist 备选',
};

function option(value: string, label: string, selected: string): Html {
  return html`<option value="${value}" ${value === selected ? html` selected` : ''}>${label}</option>`;
}

function filterForm(view: CandidatesView): Html {
  const q = view.query;
  const sources = view.sources.map((s) => option(s.id, `${s.name} (${s.id})`, q.source));
  const topics = view.topics.map((t) => option(t.id, t.name, q.topic));
  const decisions = DECISION_FILTERS.map((d) => option(d, d === 'none' ? 'undecided 未处理' : d, q.decision));
  return html`<form class="filters" method="get" action="/candidates">
    <label
      >Source 来源<select name="source" id="filter-source">
        ${option('', 'all', q.source)}${sources}
      </select></label
    >
    <label>First seen since 起<input type="date" name="since" value="${q.since}" /></label>
    <label>until 止<input type="date" name="until" value="${q.until}" /></label>
    <label
      >Topic 主题<select name="topic" id="filter-topic">
        ${option('', 'all', q.topic)}${topics}
      </select></label
    >
    <label
      >Decision 决定<select name="decision" id="filter-decision">
        ${option('', 'all', q.decision)}${decisions}
      </select></label
    >
    <button type="submit" id="apply-filters">Filter 筛选</button> <a href="/candidates">reset</a>
  </form>`;
}

function reviewerForm(view: CandidatesView): Html {
  return html`<form class="reviewer" method="post" action="/reviewer">
    <input type="hidden" name="back" value="${view.back}" />${tokenField(view.formToken)}
    <label>Reviewer 审稿人<input name="reviewer" value="${view.reviewer}" maxlength="100" required /></label>
    <button type="submit">Save name</button>
  </form>`;
}

/** The hidden token field of a write form, when a token is in play. */
export function tokenField(token: string | null): Html {
  return token === null ? html`` : html`<input type="hidden" name="token" value="${token}" />`;
}

function decisionCell(c: Candidate): Html {
  if (c.review === null) return html`<span class="muted">undecided</span>`;
  const r = c.review;
  return html`<span class="badge ${r.decision}">${r.decision}</span>
    <div class="muted">${r.reviewer} · <time>${r.at}</time></div>
    ${r.note === null ? '' : html`<div>${r.note}</div>`}`;
}

function reviewForm(c: Candidate, view: CandidatesView): Html {
  const buttons = (Object.keys(DECISION_LABELS) as ReviewDecision[]).map(
    (d) => html`<button type="submit" name="decision" value="${d}" class="${d}">${DECISION_LABELS[d]}</button>`,
  );
  return html`<form class="review" method="post" action="/reviews">
    <input type="hidden" name="storyId" value="${c.storyId}" /><input
      type="hidden"
      name="back"
      value="${view.back}"
    />${tokenField(view.formToken)}
    <input name="note" placeholder="note 备注" maxlength="2000" aria-label="note" />${buttons}
  </form>`;
}

function candidateRow(c: Candidate, view: CandidatesView): Html {
  const original = c.links.find((l) => l.original) ?? c.links[0];
  const title = original ? externalLink(c.title, original.url) : html`${c.title}`;
  const copies = c.links
    .filter((l) => l !== original)
    .map((l) => html`<div>${l.sourceName}: ${externalLink(l.title, l.url)}</div>`);
  return html`<tr data-story-id="${c.storyId}" data-decision="${c.review?.decision ?? 'none'}">
    <td>${c.publishedDate ?? 'undated'}</td>
    <td>${c.outlet}</td>
    <td class="title">
      ${title}
      <div class="snippet">${c.snippet}</div>
      ${copies.length > 0 ? html`<div class="copies">${copies}</div>` : ''}
      <code class="reference" title="reference line for the digest 参考文献行">${c.referenceLine}</code>
    </td>
    <td>${c.topics.join(', ')}</td>
    <td class="num">
      ${c.score.toFixed(2)}
      <div class="terms">${c.topTerms.map((t) => t.term).join(' ')}</div>
    </td>
    <td class="decision">${decisionCell(c)}</td>
    <td>${reviewForm(c, view)}</td>
  </tr>`;
}

function candidatesTable(view: CandidatesView): Html {
  if (view.emptyDatabase) return emptyDatabaseNotice();
  const rows = view.list.candidates;
  if (rows.length === 0)
    return html`<p class="notice" id="no-match">No story matches these filters. 没有符合条件的报道。</p>`;
  return html`<table id="candidates">
    <thead>
      <tr>
        <th>Date 日期</th>
        <th>Outlet 来源</th>
        <th>Story 报道</th>
        <th>Topics</th>
        <th>Score</th>
        <th>Decision</th>
        <th>Review</th>
      </tr>
    </thead>
    <tbody>
      ${rows.map((c) => candidateRow(c, view))}
    </tbody>
  </table>`;
}

/** The candidates page as a whole document. */
export function candidatesPage(view: CandidatesView): string {
  const { model } = view.list;
  const tokenNotice = view.tokenMissing
    ? html`<form class="notice" method="get" action="/candidates">
        Decisions need the write token: <input type="password" name="token" aria-label="token" />
        <button type="submit">Enter</button>
      </form>`
    : '';
  const body = html`${tokenNotice}${filterForm(view)}${reviewerForm(view)}
    <p class="muted">
      ${view.list.candidates.length} stories first seen since <time>${view.list.since}</time>; relevance model trained
      on ${model.examples} examples (${model.relevant} relevant, ${model.irrelevant} not).
    </p>
    ${candidatesTable(view)}`;
  return layout({ title: 'Candidates 候选报道', active: 'candidates', body });
}
