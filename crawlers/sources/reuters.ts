import type { SourceDefinition } from './schema.js';

/** Reuters: headlines and times from the news sitemaps (article pages sit behind DataDome). */
export const reuters = {
  id: 'reuters',
  name: 'Reuters',
  aliases: ['路透', '路透社', 'Thomson Reuters'],
  hosts: ['www.reuters.com'],
  description: 'English headlines and publication times from the Reuters news sitemaps',
} satisfies SourceDefinition;
