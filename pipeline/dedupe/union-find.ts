/**
 * Duplicate clusters from duplicate pairs (issue #4): the transitive closure of "is a duplicate
 * of", as union-find with path compression and union by size.
 */
import type { DuplicatePair } from './types.js';

/** Union-find over dense integer slots. */
class DisjointSets {
  private readonly parent: Int32Array;
  private readonly size: Int32Array;

  constructor(n: number) {
    this.parent = Int32Array.from({ length: n }, (_, i) => i);
    this.size = new Int32Array(n).fill(1);
  }

  find(x: number): number {
    let root = x;
    while (this.parent[root] !== root) root = this.parent[root]!;
    // Path compression: point every node on the way straight at the root.
    while (this.parent[x] !== root) {
      const up = this.parent[x]!;
      this.parent[x] = root;
      x = up;
    }
    return root;
  }

  union(a: number, b: number): void {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return;
    if (this.size[ra]! < this.size[rb]!) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    this.size[ra]! += this.size[rb]!;
  }
}

/**
 * Map every id to the root of its duplicate cluster. The root is the cluster's smallest id
 * (code-unit order, as `<` compares strings), so the answer does not depend on the order of
 * `pairs` or `ids`. Ids only named in `pairs` are included; an id in no pair is its own root.
 */
export function clusters(
  pairs: Iterable<Pick<DuplicatePair, 'a' | 'b'>>,
  ids: Iterable<string> = [],
): Map<string, string> {
  const slot = new Map<string, number>();
  const names: string[] = [];
  const slotOf = (id: string): number => {
    let s = slot.get(id);
    if (s === undefined) {
      s = names.push(id) - 1;
      slot.set(id, s);
    }
    return s;
  };
  for (const id of ids) slotOf(id);
  const edges: [number, number][] = [];
  for (const { a, b } of pairs) edges.push([slotOf(a), slotOf(b)]);
  const sets = new DisjointSets(names.length);
  for (const [a, b] of edges) sets.union(a, b);
  const smallest = new Map<number, string>();
  names.forEach((id, s) => {
    const root = sets.find(s);
    const best = smallest.get(root);
    if (best === undefined || id < best) smallest.set(root, id);
  });
  return new Map(names.map((id, s) => [id, smallest.get(sets.find(s))!]));
}
