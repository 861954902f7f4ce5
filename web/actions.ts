/**
 * The write actions of the editors' page, all POST forms: record a decision on a story, set the
 * reviewer's name, check a digest. Each checks that the request is not cross-site, reads the
 * body under a cap, checks the token, validates every field, and only then writes; a bad
 * request is a 400 and nothing is stored. Each ends in a redirect (Post/Redirect/Get).
 */
import { addReview } from '../db/repositories/review.repository.js';
import type { ReviewDecision } from '../db/tables/review.table.js';
import { MAX_DIGEST_BYTES } from '../pipeline/digest/parse.js';
import { verifyBytes } from '../pipeline/verify/verify-bytes.js';
import { htmlFormatter } from '../reports/formatters/html.js';
import { REVIEWER_COOKIE, reviewerOf, type WebApp, type WebRequest } from './app.js';
import { FORM_LIMIT, RequestError, optionalField, readForm, requiredField, type FormFields } from './forms.js';
import { cookie, crossSiteReason, redirect, safeBack, type Reply } from './http.js';
import { bearerToken, tokenMatches } from './token.js';

const DECISIONS: readonly ReviewDecision[] = ['accept', 'reject', 'shortlist'];
// A digest may be 5 MB; sent base64 (4/3) or as percent-encoded UTF-8 Chinese (3×), plus fields.
const DIGEST_FORM_LIMIT = MAX_DIGEST_BYTES * 3 + FORM_LIMIT;

function checkToken(app: WebApp, r: WebRequest, form: FormFields): void {
  if (app.token === undefined) return;
  const given = form.get('token') ?? bearerToken(r.req.headers.authorization);
  if (!tokenMatches(app.token, given))
    throw new RequestError(
      403,
      'this server requires the write token: open any page with ?token=… once, or send Authorization: Bearer',
    );
}

async function review(app: WebApp, r: WebRequest, form: FormFields): Promise<Reply> {
  const storyId = requiredField(form, 'storyId', 20);
  if (!/^\d+$/.test(storyId)) throw new RequestError(400, `storyId: expected a story number, got "${storyId}"`);
  const decision = DECISIONS.find((d) => d === requiredField(form, 'decision', 20));
  if (decision === undefined)
    throw new RequestError(400, `decision: expected one of ${DECISIONS.join(', ')}, got "${form.get('decision')}"`);
  const note = optionalField(form, 'note', 2000);
  const reviewer = optionalField(form, 'reviewer', 100) ?? reviewerOf(r);
  await addReview(app.db, { storyId, decision, reviewer, note });
  app.log.info(`web: ${reviewer} ${decision} story ${storyId}`);
  return redirect(safeBack(form.get('back'), '/candidates'));
}

function reviewer(form: FormFields): Reply {
  const name = requiredField(form, 'reviewer', 100);
  return redirect(safeBack(form.get('back'), '/candidates'), {
    'set-cookie': cookie(REVIEWER_COOKIE, name, { httpOnly: false, maxAgeDays: 365 }),
  });
}

/** The digest's bytes and label: an uploaded file (base64, exact bytes) wins over pasted text. */
function digestInput(form: FormFields): { label: string; bytes: Buffer } {
  const upload = form.get('upload')?.trim() ?? '';
  if (upload !== '') {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(upload) || upload.length % 4 !== 0)
      throw new RequestError(400, 'upload: the file data is not valid base64');
    const name = (form.get('uploadName') ?? '').split(/[\\/]/).pop()!.slice(0, 200).trim();
    return { label: name || 'uploaded digest', bytes: Buffer.from(upload, 'base64') };
  }
  const text = form.get('digest') ?? '';
  if (text.trim() === '') throw new RequestError(400, 'paste a digest or choose its file first');
  return { label: 'pasted digest', bytes: Buffer.from(text, 'utf8') };
}

async function checkDigest(app: WebApp, form: FormFields): Promise<Reply> {
  const { label, bytes } = digestInput(form);
  const lang = form.get('lang') === 'en' ? 'en' : 'zh';
  const strict = form.get('strict') === '1';
  // Pasted drafts are not stored unless the editor asks: the digests table is the record of published issues.
  const store = form.get('store') === '1';
  const run = await verifyBytes(app.db, label, bytes, { lang, strict, store });
  const html = htmlFormatter.render(run, { color: false, lang });
  const kept = app.reports.add({ label, run, html, stored: store && run.digests.length > 0 });
  return redirect(`/digest/${kept.id}`);
}

/** Handle a POST: cross-site check, capped body, token, then the action. */
export async function handlePost(app: WebApp, r: WebRequest): Promise<Reply> {
  const crossSite = crossSiteReason(r.req.headers);
  if (crossSite !== null) throw new RequestError(403, crossSite);
  const path = r.url.pathname;
  if (path !== '/reviews' && path !== '/reviewer' && path !== '/digest')
    throw new RequestError(404, `nothing to post to at ${path}`);
  const form = await readForm(r.req, path === '/digest' ? DIGEST_FORM_LIMIT : FORM_LIMIT);
  checkToken(app, r, form);
  if (path === '/reviews') return review(app, r, form);
  if (path === '/reviewer') return reviewer(form);
  return checkDigest(app, form);
}
