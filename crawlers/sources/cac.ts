import type { SourceDefinition } from './schema.js';

/** 中央网信办 Cyberspace Administration of China, incl. its reposts of other outlets. */
export const cac = {
  id: 'cac',
  name: '中央网信办',
  aliases: [
    '国家网信办',
    '网信办',
    '中国网信网',
    '国家互联网信息办公室',
    '中央网络安全和信息化委员会办公室',
    'CAC',
    'Cyberspace Administration of China',
  ],
  hosts: ['www.cac.gov.cn'],
  description: 'Column pages and the JsonList API of cac.gov.cn; reposts keep their original outlet (来源)',
} satisfies SourceDefinition;
