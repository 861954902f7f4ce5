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

/** Word-like tokens of `text`: no punctuation, numbers, stop words or lone Chinese characters. */
export function segment(text: string): string[] {
  const out: string[] = [];
  for (const { segment: raw, isWordLike } of segmenter.segment(text)) {
    if (!isWordLike) continue;
    const word = raw.toLowerCase();
    if (/^[\d.,%]+$/.test(word) || STOP.has(word)) continue;
    // One Chinese character alone (局, 发) is mostly a segmentation remnant, not a subject.
    if (HAN.test(word) ? [...word].length < 2 : word.length < 2) continue;
    out.push(word);
  }
  return out;
}
