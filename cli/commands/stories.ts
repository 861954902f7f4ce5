import { Command, Option } from 'commander';
import { listStories, type StoryWithArticles } from '../../db/repositories/story.repository.js';
import { exportArticle } from '../../pipeline/article-export.js';
import { createContext, withDatabase } from '../context.js';
import { parseSince } from './options.js';

const DAY = 86_400_000;

/** `sourcecheck stories`: stories (near duplicates and reposts folded) with every copy. */
export function storiesCommand(): Command {
  return new Command('stories')
    .description('list stories with every copy and the original identified')
    .addOption(
      new Option('--since <date>', 'stories with a copy published on or after this date (default: 7 days ago)'),
    )
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'md']).default('text'))
    .action(async (opts: { since?: string; format: 'text' | 'json' | 'md' }, cmd: Command) => {
      const ctx = createContext(cmd);
      const since = opts.since ? parseSince(opts.since) : new Date(Date.now() - 7 * DAY);
      const stories = await withDatabase(ctx, { migrate: true }, (handle) => listStories(handle.db, since));
      const shaped = stories.map(shape);
      if (opts.format === 'json')
        ctx.out(`${JSON.stringify({ since: since.toISOString(), stories: shaped }, null, 2)}\n`);
      else ctx.out(opts.format === 'md' ? markdown(shaped) : text(shaped));
    });
}

type ShapedStory = ReturnType<typeof shape>;

function shape({ story, articles }: StoryWithArticles) {
  return {
    id: String(story.id),
    title: story.title,
    originalArticle: articles.find((a) => a.id === story.original_article_id)?.canonical_url ?? null,
    copies: articles.map((a) => ({ ...exportArticle(a), original: a.id === story.original_article_id })),
  };
}

function text(stories: ShapedStory[]): string {
  if (stories.length === 0) return 'no stories in this window (run `sourcecheck crawl` first)\n';
  return stories
    .map((s) =>
      [
        `story ${s.id}: ${s.title}`,
        ...s.copies.map(
          (c) =>
            `  ${c.original ? '*' : ' '} ${c.source.padEnd(8)} ${(c.publishedAt ?? 'undated').padEnd(25)} ${c.url}`,
        ),
      ].join('\n'),
    )
    .join('\n')
    .concat('\n');
}

function markdown(stories: ShapedStory[]): string {
  const rows = stories.flatMap((s) =>
    s.copies.map(
      (c) =>
        `| ${s.id} | ${c.original ? '**original**' : 'copy'} | ${c.source} | ${c.publishedDate ?? ''} | [${c.title.replaceAll('|', '\\|')}](${c.url}) |`,
    ),
  );
  return ['| Story | Role | Source | Date | Title |', '| --- | --- | --- | --- | --- |', ...rows]
    .join('\n')
    .concat('\n');
}
