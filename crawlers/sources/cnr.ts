import type { SourceDefinition } from './schema.js';

/** 央广网 China National Radio: section lists and articles (often reposted by CAC). */
export const cnr = {
  id: 'cnr',
  name: '央广网',
  aliases: ['CNR', '中央人民广播电台', '中国之声', 'China National Radio'],
  hosts: ['www.cnr.cn', 'news.cnr.cn', 'china.cnr.cn', 'finance.cnr.cn', 'tech.cnr.cn'],
  description: 'Section lists and articles of cnr.cn',
} satisfies SourceDefinition;
