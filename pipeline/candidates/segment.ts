/**
 * Words of a Chinese or English text for the relevance model. natural's tokenizers drop every
 * CJK character, so Chinese is segmented with the built-in `Intl.Segmenter` (ICU's dictionary
 * word breaker, in every Node build with full ICU); English words are lower-cased.
 */
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** Function words and boilerplate that say nothing about a story's subject. */
const STOP = new Set([
  '的',
  '了',
  '和',
  '与',
  '及',
  '在',
  '是',
  '对',
  '为',
  '等',
  '将',
  '并',
  '或',
  '中',
  '上',
  '下',
  '关于',
  '有关',
  '相关',
  '进一步',
  '通知',
  '公告',
  '印发',
  '发布',
  '举行',
  '召开',
  '工作',
  '情况',
  '一',
  '个',
  '这',
  '其',
  '之',
  '以',
  '于',
  '由',
  '从',
  '到',
  '也',
  '已',
  '被',
  '把',
  // Generic verbs and news boilerplate: frequent everywhere, so they would only crowd the top terms.
  '进行',
  '通过',
  '经过',
  '能够',
  '可以',
  '已经',
  '以及',
  '其中',
  '同时',
  '此外',
  '目前',
  '近日',
  '日前',
  '今年',
  '表示',
  '记者',
  '日电',
  '我们',
  '他们',
  '方面',
  '持续',
  '取得',
  '不断',
  '积极',
  'the',
  'a',
  'an',
  'of',
  'to',
  'in',
  'and',
  'for',
  'on',
  'at',
  'by',
  'with',
  'as',
  'is',
  'are',
  'was',
  'be',
  'from',
  'its',
  'it',
  'that',
  'this',
  'after',
  'over',
  'says',
  'said',
  'new',
]);

const HAN = /\p{Script=Han}/u;
/** Longest run of lone characters joined into one word; longer runs are cut into pieces this long. */
const MAX_RUN = 4;

/**
 * Word-like tokens of `text`: no punctuation, numbers or stop words. ICU's dictionary lacks
 * newer terms and breaks them into lone characters (算力 → 算|力, 联赛 → 联|赛), so a run of
 * adjacent lone Chinese characters is joined back into one word; a single one left alone (局 of
 * 数据局, 年 of 2026年) is a remnant, not a subject, and is dropped.
 */
export function segment(text: string): string[] {
  const out: string[] = [];
  let run: string[] = [];
  const flush = () => {
    for (let i = 0; run.length > 1 && i < run.length; i += MAX_RUN) out.push(run.slice(i, i + MAX_RUN).join(''));
    run = [];
  };
  for (const { segment: raw, isWordLike } of segmenter.segment(text)) {
    const word = raw.toLowerCase();
    if (isWordLike && HAN.test(word) && [...word].length === 1 && !STOP.has(word)) {
      run.push(word);
      continue;
    }
    flush();
    if (!isWordLike || /^[\d.,%]+$/.test(word) || STOP.has(word) || word.length < 2) continue;
    out.push(word);
  }
  flush();
  return out;
}
