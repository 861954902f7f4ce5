/** people.com.cn (人民网) article pages, part of the rmrb source. */
import { dateCandidate, type DateCandidate } from '../../pipeline/dates/candidates.js';
import { cleanText, firstMatch, metaContent, requireMatch, squash, stripSourceLabel } from '../extract/text.js';
import type { ArticleExtract, FetchedDocument } from '../extract/types.js';
import { rmrb } from '../sources/rmrb.js';
import { headDocNumber, nativeIdOf, titleText, urlDayCandidate } from '../extract/parser-helpers.js';
import { signingBody } from '../extract/sign-off.js';

const sel = rmrb.selectors;
/** `/n1/YYYY/MMDD/c1001-<id>.html`, the date in groups 1–3. */
const URL_DATE = /\/n1\/(\d{4})\/(\d{2})(\d{2})\/c\d+-\d+\.html$/;
const INFO_TIME = /\d{4}年\d{1,2}月\d{1,2}日\s*\d{1,2}:\d{2}/;
const INFO_SOURCE = /来源\s*[：:]\s*([^\s|｜]+)/;

/** The visible time (`2024年04月24日23:52`, minute) and outlet (`来源：新华网`) of the channel line. */
function channelLine(doc: FetchedDocument): { time?: DateCandidate; outlet?: string } {
  const $ = doc.$();
  const el = firstMatch($, sel.peopleInfo);
  const text = el ? squash(el.text()) : '';
  const time = dateCandidate('page', '.channel .col-1-1', INFO_TIME.exec(text)?.[0]);
  const outlet = INFO_SOURCE.exec(text)?.[1];
  return { ...(time ? { time } : {}), ...(outlet ? { outlet } : {}) };
}

/**
 * A people.com.cn article: title from the h1 in `.rm_txt` (quirk `logo-h1-first`), time and
 * outlet from the channel line (outlet falls back to `meta[name=source]`), body without the
 * editors line and share bar (quirk `editor-line-in-body`). The charset comes from the
 * document (quirk `gb2312-meta-only`): this function only sees decoded text.
 */
export function parsePeopleArticle(doc: FetchedDocument): ArticleExtract {
  const $ = doc.$();
  const titleEl = requireMatch($, sel.peopleTitle, 'title', doc.url);
  const bodyText = cleanText(requireMatch($, sel.peopleBody, 'body', doc.url), sel.peopleBodyNoise);
  const line = channelLine(doc);
  const metaSource = metaContent($, ['source']);
  const dates = [
    line.time,
    dateCandidate('meta', 'meta[name=publishdate]', metaContent($, ['publishdate'])),
    doc.userData.listDate,
    urlDayCandidate(doc.url, URL_DATE, 'url path /n1/YYYY/MMDD/'),
  ];
  return {
    nativeId: nativeIdOf(doc.url, rmrb.nativeId.pattern),
    url: doc.url,
    title: titleText(titleEl.text()),
    dates: dates.filter((d): d is DateCandidate => d !== undefined),
    originalOutlet: line.outlet ?? (metaSource ? stripSourceLabel(metaSource) || null : null),
    issuer: signingBody(bodyText), // a document printed in full keeps its sign-off
    docNumber: headDocNumber(bodyText),
    bodyText,
    attachments: [],
    language: 'zh',
  };
}
