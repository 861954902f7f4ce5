import type { Db } from '../../db/database.js';
import type { ArticleRow } from '../../db/tables/article.table.js';
import type { SourceDefinition } from '../../crawlers/sources/schema.js';
import { beijingIso } from '../article-export.js';
import { shanghaiDay } from '../dates/candidates.js';
import { dateWindow, outletCandidates, titleCandidates } from './candidates.js';
import { coveringRun, outletSeen } from './coverage.js';
import { decide, total, type Scored } from './decide.js';
import { say, type Lang } from './messages.js';
import { outletMatch, type OutletMatch } from './outlet-match.js';
import { resolveOutlets } from './outlets.js';
import { dateAgreement, daysApart, titleScore } from './similarity.js';
import type { DigestReference, MatchedArticle, MatchScores, ReferenceCheck } from './types.js';

/** What checking one reference needs besides the reference. */
export interface VerifyContext {
  db: Db;
  registry: readonly SourceDefinition[];
  lang: Lang;
  issueDate: string | null;
}

/** Check one reference: search its outlets around its date, then validate title, date, outlet. */
export async function verifyReference(ref: DigestReference, ctx: VerifyContext): Promise<ReferenceCheck> {
  const base = {
    index: ref.index,
    line: ref.line,
    outlets: ref.outlets,
    title: ref.title,
    date: ref.date?.text ?? null,
  };
  const unverifiable = (reason: string): ReferenceCheck => ({
    ...base,
    status: 'unverifiable',
    match: null,
    outletMatch: null,
    scores: null,
    runnerUp: null,
    reasons: [reason],
  });
  if (!ref.title) return unverifiable(say(ctx.lang, 'noTitle'));
  const { covered, uncovered } = resolveOutlets(ref.outlets, ctx.registry);
  const credited = await outletSeen(ctx.db, uncovered); // outlets known only as the 来源 of reposts
  if (covered.length === 0 && credited.length === 0)
    return unverifiable(say(ctx.lang, 'uncovered', { outlet: ref.outlets.join(' / ') || '?' }));
  const window = dateWindow(ref.date, ctx.issueDate);
  const sourceIds = [...new Set(covered.flatMap((c) => c.sourceIds))];
  if (credited.length === 0 && !(await coveringRun(ctx.db, sourceIds, window))) {
    return unverifiable(say(ctx.lang, 'notCrawled', { source: sourceIds.join(', '), window: windowText(ref) }));
  }
  const names = [...new Set([...covered.flatMap((c) => c.names), ...credited])];
  // The first-named outlet is where the digest says it read the piece (生态环境部 in
  // 生态环境部转载国务院文件); a copy at another named outlet still counts, a little less.
  const primary = new Set(covered[0]?.outlet === ref.outlets[0] ? covered[0]!.sourceIds : []);
  const via = (a: ArticleRow) => outletMatch(a, sourceIds, names, ctx.registry);
  const outletScore = (a: ArticleRow) => (primary.has(a.source_id) ? 1 : via(a) ? 0.7 : 0);
  const utcSources = new Set(ctx.registry.filter((s) => s.publishesInUtc).map((s) => s.id));
  const score = (a: ArticleRow): Scored => {
    const t = titleScore(ref.title!, a.title);
    const utc = utcSources.has(a.source_id) && (a.date_precision === 'second' || a.date_precision === 'minute');
    const d = dateAgreement(ref.date, a.published_at?.toISOString() ?? null, utc);
    const o = outletScore(a);
    return { article: a, title: t, date: d, outlet: o, total: total(t, d.score, o) };
  };
  const outlet = (await outletCandidates(ctx.db, sourceIds, names, window)).map(score);
  const global = (await titleCandidates(ctx.db, ref.title)).map(score);
  const decision = decide(outlet, global);
  // An outlet known only as the 来源 of reposts (新华社) was never crawled itself: not finding
  // the piece among its reposts proves nothing.
  if (covered.length === 0 && decision.status === 'not_found') {
    return unverifiable(say(ctx.lang, 'uncovered', { outlet: ref.outlets.join(' / ') }));
  }
  return {
    ...base,
    status: decision.status,
    match: decision.match ? matched(decision.match.article, ctx.registry) : null,
    outletMatch: decision.match ? via(decision.match.article) : null,
    scores: decision.match ? scoresOf(decision.match) : null,
    runnerUp: decision.runnerUp
      ? { ...matched(decision.runnerUp.article, ctx.registry), scores: scoresOf(decision.runnerUp) }
      : null,
    reasons: [
      ...reasons(decision.status, decision.match, decision.runnerUp, ref, ctx),
      ...outletReason(decision.status, decision.match ? via(decision.match.article) : null, ctx.lang),
    ],
  };
}

function reasons(
  status: ReferenceCheck['status'],
  match: Scored | null,
  runnerUp: Scored | null,
  ref: DigestReference,
  ctx: VerifyContext,
): string[] {
  const lang = ctx.lang;
  const found = match ? matched(match.article, ctx.registry) : null;
  const date = found?.publishedDate ?? '?';
  switch (status) {
    case 'verified': {
      const out = [say(lang, 'verified', { outlet: found!.outlet, title: match!.title.toFixed(2), date })];
      if (match!.date.kind === 'utc-day')
        out.push(say(lang, 'utcDay', { beijing: date, utc: match!.article.published_at!.toISOString().slice(0, 10) }));
      return out;
    }
    case 'date_mismatch':
      if (!match!.article.published_at) return [say(lang, 'undated')];
      return ref.date?.precision === 'day'
        ? [
            say(lang, 'dateMismatch', {
              date,
              ref: ref.date.text,
              days: Math.abs(daysApart(ref.date, match!.article.published_at.toISOString())),
            }),
          ]
        : [say(lang, 'dateMismatchMonth', { date, ref: ref.date?.text ?? '' })];
    case 'title_mismatch':
      return [
        say(lang, 'titleMismatch', { outlet: found!.outlet, found: found!.title, title: match!.title.toFixed(2) }),
      ];
    case 'outlet_mismatch':
      return [
        say(lang, 'outletMismatch', { found: `${found!.outlet} (${found!.source})`, ref: ref.outlets.join(' / ') }),
      ];
    case 'ambiguous':
      return [say(lang, 'ambiguous', { first: found!.title, second: runnerUp!.article.title })];
    default: {
      const out = [say(lang, 'notFound', { outlets: ref.outlets.join(' / '), window: windowText(ref) })];
      if (runnerUp)
        out.push(
          say(lang, 'closest', {
            source: runnerUp.article.source_id,
            title: runnerUp.article.title,
            score: runnerUp.title.toFixed(2),
          }),
        );
      return out;
    }
  }
}

/** The source's name, with the credited outlet when the page is a repost (中央网信办（来源：央广网）). */
function outletName(a: ArticleRow, registry: readonly SourceDefinition[]): string {
  const source = registry.find((s) => s.id === a.source_id);
  const name = source?.name ?? a.source_id;
  const own = source ? [source.name, ...source.aliases] : [];
  return a.original_outlet && !own.includes(a.original_outlet) ? `${name}（来源：${a.original_outlet}）` : name;
}

function windowText(ref: DigestReference): string {
  return ref.date ? ref.date.text : '—';
}

/** Say how the outlet matched when it was not the crawled source itself (a repost's 来源 or issuer). */
function outletReason(status: ReferenceCheck['status'], match: OutletMatch | null, lang: Lang): string[] {
  if (!match || match.by === 'source' || status === 'not_found' || status === 'outlet_mismatch') return [];
  return [say(lang, match.by === 'issuer' ? 'outletByIssuer' : 'outletByOriginalSource', { name: match.name })];
}

function scoresOf(s: Scored): MatchScores {
  return { title: s.title, date: s.date.score, outlet: s.outlet, total: s.total };
}

/** A stored article as a check reports it. */
export function matched(a: ArticleRow, registry: readonly SourceDefinition[]): MatchedArticle {
  const publishedAt = a.published_at ? beijingIso(a.published_at) : null;
  return {
    source: a.source_id,
    url: a.canonical_url,
    title: a.title,
    outlet: outletName(a, registry),
    originalSource: a.original_outlet,
    issuer: a.issuer,
    publishedAt,
    publishedDate: publishedAt ? shanghaiDay(publishedAt) : null,
    storyId: a.story_id === null ? null : String(a.story_id),
  };
}
