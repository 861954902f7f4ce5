import type { SourceDefinition } from '../../crawlers/sources/schema.js';

/** A digest outlet resolved to crawled sources, with every name those sources go by. */
export interface ResolvedOutlet {
  outlet: string;
  sourceIds: string[];
  /** Names an article's 来源 may carry for this outlet (the sources' names and aliases). */
  names: string[];
}

// `国家数据局官网`, `人民日报海外版` are the outlet itself; `国务院新闻办公室` is another body.
const OWN_CHANNELS = ['官网', '网站', '官方网站', '海外版', '客户端', '微信公众号', '微博'];

const norm = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, '');

/**
 * Resolve each outlet of a reference against the source registry: an exact name or alias, or
 * an outlet text that starts with one (`国家数据局官网`, `人民日报海外版`). Outlets no source
 * covers come back in `uncovered`; the matcher may still find them as the 来源 of a repost.
 */
export function resolveOutlets(
  outlets: readonly string[],
  registry: readonly SourceDefinition[],
): { covered: ResolvedOutlet[]; uncovered: string[] } {
  const covered: ResolvedOutlet[] = [];
  const uncovered: string[] = [];
  for (const outlet of outlets) {
    const wanted = norm(outlet);
    const sources = registry.filter((s) =>
      [s.name, ...s.aliases].some(
        (n) => wanted === norm(n) || OWN_CHANNELS.some((suffix) => wanted === norm(n) + suffix),
      ),
    );
    if (sources.length === 0) uncovered.push(outlet);
    else
      covered.push({
        outlet,
        sourceIds: sources.map((s) => s.id),
        names: [outlet, ...sources.flatMap((s) => [s.name, ...s.aliases])],
      });
  }
  return { covered, uncovered };
}
