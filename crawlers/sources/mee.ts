import type { SourceDefinition } from './schema.js';

/** 生态环境部 Ministry of Ecology and Environment: news, policy documents, consultations. */
export const mee = {
  id: 'mee',
  name: '生态环境部',
  aliases: ['生态环境部办公厅', 'MEE', 'Ministry of Ecology and Environment'],
  hosts: ['www.mee.gov.cn'],
  description: 'Static lists and both article templates (栏目 and 信息公开) of mee.gov.cn',
} satisfies SourceDefinition;
