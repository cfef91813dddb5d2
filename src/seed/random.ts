/**
 * A tiny seeded PRNG for the demo seed: the same seed gives the same territory on every
 * machine. Each generated thing (youth #12, offer #40…) draws from its own stream, named by a
 * label, so that changing how many youth are generated does not change the employers' offers.
 */

/** mulberry32: 32-bit state, good enough for demo data, not for anything secret. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a: turns a stream label into a 32-bit number. */
function hash(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export interface Random {
  /** In [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(list: readonly T[]): T;
  /** `weights` maps each choice to its relative weight. */
  weighted<K extends string>(weights: Partial<Record<K, number>>): K;
  weightedIndex(weights: readonly number[]): number;
  /** `n` distinct items, in random order. */
  sample<T>(list: readonly T[], n: number): T[];
}

export function createRandom(seed: number, label: string): Random {
  const next = mulberry32(seed ^ hash(label));
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const weightedIndex = (weights: readonly number[]) => {
    const total = weights.reduce((s, w) => s + w, 0);
    let r = next() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i]!;
      if (r < 0) return i;
    }
    return weights.length - 1;
  };
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: (list) => {
      if (list.length === 0) throw new Error('pick from an empty list');
      return list[Math.floor(next() * list.length)]!;
    },
    weighted: <K extends string>(weights: Partial<Record<K, number>>) => {
      const entries = Object.entries(weights) as [K, number][];
      return entries[weightedIndex(entries.map(([, w]) => w))]![0];
    },
    weightedIndex,
    sample: (list, n) => {
      const copy = [...list];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [copy[i], copy[j]] = [copy[j]!, copy[i]!];
      }
      return copy.slice(0, Math.max(0, n));
    },
  };
}
