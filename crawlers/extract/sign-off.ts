import { squash } from './text.js';

/** A sign-off date on a line of its own: `2026年5月22日` (spaces allowed, as some pages pad it). */
const DATE_LINE = /^\d{4} ?年 ?\d{1,2} ?月 ?\d{1,2} ?日$/;
/** A body's name as a sign-off writes it: Han characters (brackets, spaces, 、 between co-signers). */
const NAME_LINE = /^[\p{Script=Han}（）() 、·]{2,60}$/u;
/** How the name of a Chinese state body ends: 国务院, 国务院办公厅, 国家数据局, 中央网络安全和信息化委员会办公室… */
const BODY_SUFFIX = /(?:部|部门|委|委员会|局|署|院|厅|办|办公室|政府|中心|行|组|会|所|司|处|室)$/;
/**
 * A 国务院令 is signed by the Premier (`总理 李强`) on the State Council's behalf: the issuer
 * is 国务院, as the 发文机关 field of the same document on gov.cn says.
 */
const PREMIER = /^总理 ?\p{Script=Han}{2,4}$/u;
/** At most this many lines of names stand over one date (joint documents of several ministries). */
const MAX_SIGNERS = 8;

/** Whether a body line is the name of an issuing body (or several, space- or 、-separated). */
function isBodyName(line: string): boolean {
  return NAME_LINE.test(line) && line.split(/[ 、]/).every((part) => part.length >= 2 && BODY_SUFFIX.test(part));
}

/**
 * The signing body (落款) of a document: the line(s) naming issuing bodies directly above the
 * first sign-off date on a line of its own (`国务院` / `2026年5月22日`). Co-signers on several
 * lines are joined with a space, as 发文机关 fields write them. Null when the body has no
 * sign-off: news items, and pages whose collector cut it.
 *
 * The first sign-off, not the last: a notice that prints the document it issues (印发…的通知)
 * carries the notice's sign-off first, and the issuer is whoever signed the notice.
 */
export function signingBody(bodyText: string): string | null {
  const lines = bodyText.split('\n').map(squash).filter(Boolean);
  for (let i = 1; i < lines.length; i++) {
    if (!DATE_LINE.test(lines[i]!)) continue;
    if (PREMIER.test(lines[i - 1]!)) return '国务院';
    const names: string[] = [];
    for (let j = i - 1; j >= 0 && names.length < MAX_SIGNERS && isBodyName(lines[j]!); j--) names.unshift(lines[j]!);
    if (names.length > 0) return names.join(' ');
  }
  return null;
}
