import type { SourceDefinition } from './schema.js';

/** 国家数据局 National Data Administration: static column lists, TRS article meta. */
export const nda = {
  id: 'nda',
  name: '国家数据局',
  aliases: ['NDA', 'National Data Administration', '国家数据局官网'],
  hosts: ['www.nda.gov.cn'],
  description: 'Releases, news and interpretations from the static column lists of nda.gov.cn',
} satisfies SourceDefinition;
