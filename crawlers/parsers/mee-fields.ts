import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode } from 'domhandler';
import type { Attachment } from '../../db/tables/article.table.js';
import { dateCandidate, dayCandidate, type DateCandidate } from '../../pipeline/dates/candidates.js';
import { findDocNumber, metaContent, squash } from '../extract/text.js';
import { mee } from '../sources/mee.js';

const sel = mee.selectors;
const FILE_LINK = /\.(pdf|docx?|xlsx?|wps|ofd|zip|rar)$/i;
const URL_DAY = /\/t(\d{4})(\d{2})(\d{2})_\d+\.s?html?$/;

/**
 * The 信息公开 box as label → value (`发布机关` → `生态环境部办公厅`, `文号` → `环办便函〔2026〕292号`).
 * Labels are spaced for alignment (`文 号`, `索 引 号`), so whitespace is dropped from them.
 */
export function infoBox($: CheerioAPI): Map<string, string> {
  const fields = new Map<string, string>();
  for (const s of sel.infoField) {
    $(s).each((_, div) => {
      const labelEl = $(div).children('span').first();
      const label = labelEl.text().replace(/[\s\u3000\u00a0]/g, '');
      const value = squash($(div).clone().children('span').first().remove().end().text());
      if (label && !fields.has(label)) fields.set(label, value);
    });
  }
  return fields;
}

/**
 * `label：value` lines of the 文件库 (`<em>来源：中国政府网</em>`) and 栏目 (`span.xqLyPc`)
 * templates as label → value.
 */
export function labelledLines($: CheerioAPI): Map<string, string> {
  const lines = new Map<string, string>();
  for (const s of sel.labelledLine) {
    $(s).each((_, el) => {
      const m = /^([^：:]{1,8})[：:]\s*(.*)$/.exec(squash($(el).text()));
      if (m?.[1] && !lines.has(m[1])) lines.set(m[1], m[2] ?? '');
    });
  }
  return lines;
}

/** Every date on the page and from the list, each a candidate of its kind. */
export function pageDates(
  $: CheerioAPI,
  url: string,
  box: Map<string, string>,
  lines: Map<string, string>,
  fromList: DateCandidate | undefined,
): DateCandidate[] {
  const columnDate = sel.columnDate.map((s) => squash($(s).first().text())).find((t) => t !== '');
  const day = URL_DAY.exec(new URL(url).pathname);
  const found = [
    dateCandidate('meta', 'meta[name=PubDate]', metaContent($, sel.pubDateMeta)),
    dateCandidate('page', '.wjkFontBox 发布时间', lines.get('发布时间')),
    dateCandidate('page', 'span.xqLyPc.time', columnDate),
    dateCandidate('page', '.content_top_box 生成日期', box.get('生成日期')),
    fromList,
    day ? dayCandidate('url', 'URL tYYYYMMDD', day[0], Number(day[1]), Number(day[2]), Number(day[3])) : undefined,
  ];
  return found.filter((d): d is DateCandidate => d !== undefined);
}

/**
 * The 文号: the 信息公开 box's field, else the first number in the body, else a 国务院令 written
 * on two lines (`中华人民共和国国务院令` / `第839号`), normalised to `国令第839号`.
 */
export function docNumberOf(box: Map<string, string>, bodyText: string): string | null {
  const field = box.get('文号');
  if (field) return field;
  const order = /国务院令\s*第\s*(\d+)\s*号/.exec(bodyText)?.[1];
  return findDocNumber(bodyText) ?? (order ? `国令第${order}号` : null);
}

/** Links to files inside the body (`./W0….pdf`), resolved against the page. */
export function fileLinks($: CheerioAPI, body: Cheerio<AnyNode>, pageUrl: string): Attachment[] {
  const out: Attachment[] = [];
  body.find(sel.attachmentLinks.join(', ')).each((_, a) => {
    let url: URL;
    try {
      url = new URL($(a).attr('href') ?? '', pageUrl);
    } catch {
      return; // a malformed href is no attachment
    }
    if (FILE_LINK.test(url.pathname))
      out.push({ url: url.href, name: squash($(a).text()) || url.pathname.split('/').pop()! });
  });
  return out;
}
