/**
 * The digest's beats as named data: a story belongs to every topic one of whose keywords its
 * title or text contains. `--topic` and the web page's filter use the ids.
 */
export interface Topic {
  id: string;
  name: string;
  keywords: readonly string[];
}

/** Every topic, in the order filters list them. */
export const TOPICS: readonly Topic[] = [
  {
    id: 'data',
    name: '数据要素与数字经济',
    keywords: ['数据', '算力', '数字经济', '数字中国', '人工智能', '大模型', 'data', 'ai'],
  },
  {
    id: 'cyber',
    name: '网络安全与网信',
    keywords: ['网络安全', '网信', '个人信息', '网络数据', '算法', '平台', 'cyber'],
  },
  {
    id: 'ecology',
    name: '生态环境',
    keywords: ['生态环境', '环境', '碳', '污染', '排放', '气候', 'climate', 'emission'],
  },
  {
    id: 'economy',
    name: '经济与规划',
    keywords: ['服务业', '消费', '规划', '十五五', '经济', '产业', '投资', 'economy', 'tariff'],
  },
  {
    id: 'governance',
    name: '政务与法规',
    keywords: ['国务院', '条例', '办法', '规定', '意见', '法律', '法规', '政策'],
  },
  { id: 'world', name: '国际', keywords: ['reuters', '路透', '美国', '欧盟', '国际', 'china', 'u.s.', 'eu'] },
];

/** The ids of the topics `text` belongs to, in {@link TOPICS} order. */
export function topicsOf(text: string): string[] {
  const lower = text.toLowerCase();
  return TOPICS.filter((t) => t.keywords.some((k) => mentions(lower, k))).map((t) => t.id);
}

/** Every distinct topic keyword `text` mentions, sorted (the no-training relevance rule counts them). */
export function keywordsIn(text: string): string[] {
  const lower = text.toLowerCase();
  return [...new Set(TOPICS.flatMap((t) => t.keywords.filter((k) => mentions(lower, k))))].sort();
}

/** Chinese keywords match anywhere; English ones only as whole words ("ai" is not in "said"). */
function mentions(lower: string, keyword: string): boolean {
  if (!/^[a-z.\s]+$/.test(keyword)) return lower.includes(keyword);
  const escaped = keyword.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^a-z])${escaped}($|[^a-z])`).test(lower);
}

/** The topic with this id, if any. */
export function findTopic(id: string): Topic | undefined {
  return TOPICS.find((t) => t.id === id);
}
