import type { SourceDefinition } from './schema.js';

/** 人民日报 People's Daily: the e-paper by issue date, plus people.com.cn articles. */
export const rmrb = {
  id: 'rmrb',
  name: '人民日报',
  aliases: ['人民网', "People's Daily", 'People’s Daily', '人民日报社'],
  hosts: ['paper.people.com.cn', 'politics.people.com.cn', 'www.people.com.cn'],
  description: "People's Daily e-paper issues (layout → pages → articles) and people.com.cn pages",
} satisfies SourceDefinition;
