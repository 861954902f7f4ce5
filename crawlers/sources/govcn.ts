import type { SourceDefinition } from './schema.js';

/** 国务院 / 中国政府网: the latest-policy feed and its article pages. */
export const govcn = {
  id: 'govcn',
  name: '国务院',
  aliases: ['中国政府网', '国务院办公厅', '中华人民共和国中央人民政府', 'State Council', 'gov.cn'],
  hosts: ['www.gov.cn'],
  description: 'Latest State Council policies (ZUIXINZHENGCE.json) and their pages on gov.cn',
} satisfies SourceDefinition;
