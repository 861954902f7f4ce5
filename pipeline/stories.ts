import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import {
  articlesWithoutStory,
  assignArticles,
  deleteEmptyStories,
  insertStory,
  storyArticlesBetween,
  updateStory,
} from '../db/repositories/story.repository.js';
import type { ArticleRow } from '../db/tables/article.table.js';
import { sourceRegistry } from '../crawlers/sources/index.js';
import { findDuplicates } from './dedupe/find-duplicates.js';
import type { DedupeItem } from './dedupe/types.js';
import { clusters } from './dedupe/union-find.js';

const DAY = 86_400_000;

/** What a clustering pass did. */
export interface StoryPass {
  newArticles: number;
  newStories: number;
  joined: number;
  merged: number;
}

/**
 * Put every article not yet in a story into one, incrementally: new articles are compared
 * with each other and with story members from `windowDays` around them (never the whole
 * archive); near duplicates and reposts join an existing story or form a new one, and two
 * stories a new article bridges are merged. One transaction: a crash leaves the old state.
 */
export async function clusterStories(db: Kysely<Database>, windowDays = 7): Promise<StoryPass> {
  return db.transaction().execute(async (trx) => {
    const fresh = await articlesWithoutStory(trx);
    if (fresh.length === 0) return { newArticles: 0, newStories: 0, joined: 0, merged: 0 };
    const times = fresh.map(timeOf);
    const pool = await storyArticlesBetween(
      trx,
      new Date(Math.min(...times) - windowDays * DAY),
      new Date(Math.max(...times) + windowDays * DAY),
    );
    const all = [...pool, ...fresh];
    const roots = clusters(
      findDuplicates(all.map(toItem)),
      all.map((a) => a.id),
    );
    const groups = new Map<string, ArticleRow[]>();
    for (const a of all) groups.set(roots.get(a.id) ?? a.id, [...(groups.get(roots.get(a.id) ?? a.id) ?? []), a]);
    const pass: StoryPass = { newArticles: fresh.length, newStories: 0, joined: 0, merged: 0 };
    for (const members of groups.values()) {
      if (members.every((m) => m.story_id !== null)) continue; // nothing new in this group
      await settleGroup(trx, members, pass);
    }
    return pass;
  });
}

async function settleGroup(db: Kysely<Database>, members: ArticleRow[], pass: StoryPass): Promise<void> {
  const existing = [...new Set(members.map((m) => m.story_id).filter((id): id is string => id !== null))].sort(
    (a, b) => Number(a) - Number(b),
  );
  const original = pickOriginal(members);
  const storyId = existing[0] ?? (await insertStory(db, original.title, original.id));
  if (existing.length === 0) pass.newStories++;
  else pass.joined += members.filter((m) => m.story_id === null).length;
  await assignArticles(
    db,
    storyId,
    members.filter((m) => m.story_id !== storyId).map((m) => m.id),
  );
  if (existing.length > 1) {
    pass.merged += existing.length - 1;
    await deleteEmptyStories(db, existing.slice(1));
  }
  await updateStory(db, storyId, original.id, original.title);
}

/**
 * The original of a story: the copy from the outlet the others credit (a CAC repost whose
 * 来源 is 央广网 points at the cnr.cn article), else the earliest published copy.
 */
export function pickOriginal(members: readonly ArticleRow[]): ArticleRow {
  // A copy is the credited original when it credits its own outlet and another copy credits it too.
  const fromCredited = members.filter((m) => {
    const source = sourceRegistry.find((s) => s.id === m.source_id);
    const own = m.original_outlet;
    return (
      own !== null &&
      source !== undefined &&
      names(source).has(own) &&
      members.some((o) => o !== m && o.original_outlet === own)
    );
  });
  const pool = fromCredited.length > 0 ? fromCredited : [...members];
  return pool.sort((a, b) => timeOf(a) - timeOf(b) || Number(a.id) - Number(b.id))[0]!;
}

function names(source: { name: string; aliases: string[] }): Set<string> {
  return new Set([source.name, ...source.aliases]);
}

function timeOf(a: ArticleRow): number {
  return (a.published_at ?? a.first_seen_at).getTime();
}

function toItem(a: ArticleRow): DedupeItem {
  return {
    id: a.id,
    sourceId: a.source_id,
    url: a.canonical_url,
    title: a.title,
    bodyText: a.body_text,
    publishedAt: a.published_at?.toISOString() ?? null,
    originalOutlet: a.original_outlet,
  };
}
