/**
 * Reasons an editor reads, in Chinese by default and in English with `--lang en`. One
 * function per message so the two languages always carry the same facts.
 */
export type Lang = 'zh' | 'en';

type Args = Record<string, string | number>;
type Message = Record<Lang, (a: Args) => string>;

const MESSAGES = {
  verified: {
    zh: (a) => `已在${a.outlet}找到同名文章（标题相似度 ${a.title}），发布日期 ${a.date}`,
    en: (a) => `found at ${a.outlet} (title similarity ${a.title}), published ${a.date}`,
  },
  utcDay: {
    zh: (a) => `按北京时间为 ${a.beijing}，按 UTC 为 ${a.utc}，与引用日期一致`,
    en: (a) => `${a.beijing} in Beijing time, ${a.utc} in UTC, which matches the reference`,
  },
  sameStory: { zh: (a) => `同一报道另有 ${a.count} 个转载`, en: (a) => `the same story has ${a.count} other copies` },
  dateMismatch: {
    zh: (a) => `找到该文章，但发布日期为 ${a.date}，与引用日期 ${a.ref} 不符（相差 ${a.days} 天）`,
    en: (a) => `found the article, but it was published ${a.date}, not ${a.ref} (${a.days} days apart)`,
  },
  dateMismatchMonth: {
    zh: (a) => `找到该文章，但发布日期为 ${a.date}，不在引用的 ${a.ref} 内`,
    en: (a) => `found the article, but it was published ${a.date}, outside ${a.ref}`,
  },
  undated: {
    zh: () => '找到该文章，但无法确定其发布日期',
    en: () => 'found the article, but its publication date is unknown',
  },
  titleMismatch: {
    zh: (a) => `${a.outlet}在该日期有相近文章《${a.found}》，但标题与引用不符（相似度 ${a.title}）`,
    en: (a) =>
      `${a.outlet} has a close article on that date, "${a.found}", but the title differs (similarity ${a.title})`,
  },
  outletMismatch: {
    zh: (a) => `该标题出现在${a.found}，而非引用的来源 ${a.ref}`,
    en: (a) => `this title appears at ${a.found}, not at the cited outlet ${a.ref}`,
  },
  ambiguous: {
    zh: (a) => `有两篇不同文章同样符合：《${a.first}》与《${a.second}》，请编辑确认`,
    en: (a) => `two different articles fit equally: "${a.first}" and "${a.second}"; an editor should choose`,
  },
  notFound: {
    zh: (a) => `在 ${a.outlets} ${a.window} 的已抓取文章中找不到该标题`,
    en: (a) => `no crawled article of ${a.outlets} in ${a.window} has this title`,
  },
  closest: {
    zh: (a) => `最接近的是 ${a.source} 的《${a.title}》（相似度 ${a.score}）`,
    en: (a) => `the closest is "${a.title}" at ${a.source} (similarity ${a.score})`,
  },
  uncovered: {
    zh: (a) => `来源“${a.outlet}”不在已抓取的信息源中，无法核验`,
    en: (a) => `the outlet "${a.outlet}" is not covered by any crawled source, so it cannot be checked`,
  },
  notCrawled: {
    zh: (a) => `${a.source} 在 ${a.window} 没有成功的抓取记录，无法核验`,
    en: (a) => `${a.source} has no successful crawl covering ${a.window}, so it cannot be checked`,
  },
  outletByOriginalSource: {
    zh: (a) => `来源按页面标注的“来源：${a.name}”对应`,
    en: (a) => `the outlet matched through the page's credited source (来源) ${a.name}`,
  },
  outletByIssuer: {
    zh: (a) => `来源按发文机关“${a.name}”对应`,
    en: (a) => `the outlet matched through the document's issuer ${a.name}`,
  },
  noTitle: { zh: () => '引用没有标题，无法核验', en: () => 'the reference has no title, so it cannot be checked' },
} satisfies Record<string, Message>;

/** A message id. */
export type MessageId = keyof typeof MESSAGES;

/** Render message `id` in `lang`. */
export function say(lang: Lang, id: MessageId, args: Args = {}): string {
  return MESSAGES[id][lang](args);
}
