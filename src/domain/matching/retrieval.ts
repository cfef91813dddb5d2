/**
 * Which opportunities to read before ranking, so that the top of the ranking is the one an
 * exhaustive scoring would give (a threshold algorithm).
 *
 * Opportunities are read by tiers of occupation closeness (same code, same domain, same family,
 * the others), each nearest first within the distance the youth could travel in 1.5 × their
 * tolerance (nothing farther can pass the travel filter). The closeness of a tier and the
 * distance of its nearest unread opportunity bound the score of everything left in it
 * (`scoreUpperBound`); the tier with the highest bound is read next, and reading stops once the
 * `limit`-th eligible score found reaches every tier's bound. What is left out can then at best
 * tie the last suggestion, never beat it.
 */
import { romeCloseness, scoreUpperBound, type PreparedYouth } from './scoring.js';

export interface RetrievalTier {
  /** Closeness of every occupation of the tier to the youth's (1, 0.6, 0.3, 0 by default). */
  readonly closeness: number;
  /**
   * The ROME codes of the tier: the search engine's occupation filter. Empty for the farthest
   * occupations: that tier reads every occupation (a list of most of the ROME would cost the
   * engine more than the documents of closer tiers it hands over again), so the same
   * opportunity may come from two tiers: the caller skips the second.
   */
  readonly codes: readonly string[];
  /** Opportunities of the tier read so far (the offset of the next page). */
  read: number;
  /** Distance of the last one read: every unread one is at least as far. */
  nearestUnreadKm: number;
  /** Nothing left to read in reach (or the engine pages no deeper). */
  exhausted: boolean;
}

export interface RetrievalPlan {
  readonly tiers: readonly RetrievalTier[];
  /** The tier to read next, or null when what is unread can no longer enter the top `limit`. */
  next(): RetrievalTier | null;
  /** An eligible opportunity was scored. */
  found(score: number): void;
  /**
   * How far `tier` needs reading, at most `maxKm`: past that distance its bound no longer beats the
   * `limit`-th score found (null until `limit` eligible opportunities have been found). A page cut
   * there reads no opportunity the top can do without.
   */
  edgeKm(tier: RetrievalTier, maxKm: number): number | null;
  /**
   * A page of `count` opportunities was read from `tier`, the last at `lastKm`; `end`: nothing
   * after it, or nothing after it up to `withinKm` when the page was cut there (edgeKm).
   */
  pageRead(tier: RetrievalTier, count: number, lastKm: number | null, end: boolean, withinKm?: number): void;
}

/**
 * `allCodes`: every ROME code. `maxRead`: how deep the engine pages (MAX_TOTAL_HITS): a tier read
 * that deep is closed even if its bound is still high (the only case where the top may miss a
 * better opportunity: a thousand of the same closeness nearer than it).
 */
export function retrievalPlan(p: PreparedYouth, allCodes: readonly string[], limit: number, maxRead: number): RetrievalPlan {
  const byCloseness = new Map<number, string[]>();
  for (const code of allCodes) {
    let closeness = 0;
    for (const own of p.codes) closeness = Math.max(closeness, romeCloseness(own, code, p.ctx.config));
    const codes = byCloseness.get(closeness) ?? [];
    codes.push(code);
    byCloseness.set(closeness, codes);
  }
  const tiers: RetrievalTier[] = [...byCloseness.entries()]
    .sort(([a], [b]) => b - a)
    .map(([closeness, codes]) => ({ closeness, codes: closeness === 0 ? [] : codes, read: 0, nearestUnreadKm: 0, exhausted: false }));
  // The `limit` best eligible scores so far, ascending: top[0] is the one to beat.
  const top: number[] = [];
  const bound = (t: RetrievalTier) => Math.round(scoreUpperBound(p, t.closeness, t.nearestUnreadKm));
  return {
    tiers,
    next() {
      let best: RetrievalTier | null = null;
      let bestBound = -Infinity;
      for (const t of tiers) {
        if (t.exhausted) continue;
        const b = bound(t);
        if (b > bestBound) [best, bestBound] = [t, b];
      }
      if (best && top.length === limit && top[0]! >= bestBound) return null;
      return best;
    },
    found(score) {
      if (top.length === limit && score <= top[0]!) return;
      let i = 0;
      while (i < top.length && top[i]! < score) i++;
      top.splice(i, 0, score);
      if (top.length > limit) top.shift();
    },
    edgeKm(tier, maxKm) {
      if (top.length < limit) return null;
      const beats = (km: number) => bound({ ...tier, nearestUnreadKm: km }) > top[0]!;
      if (beats(maxKm)) return maxKm;
      // The bound falls with distance: bisect to the metre.
      let [near, far] = [tier.nearestUnreadKm, maxKm];
      while (far - near > 0.001) {
        const mid = (near + far) / 2;
        if (beats(mid)) near = mid;
        else far = mid;
      }
      return far;
    },
    pageRead(tier, count, lastKm, end, withinKm) {
      tier.read += count;
      if (lastKm !== null) tier.nearestUnreadKm = Math.max(tier.nearestUnreadKm, lastKm);
      // Read up to `withinKm`: whatever is left lies farther.
      if (end && withinKm !== undefined) tier.nearestUnreadKm = Math.max(tier.nearestUnreadKm, withinKm);
      else if (end || count === 0) tier.exhausted = true;
      if (tier.read >= maxRead) tier.exhausted = true;
    },
  };
}
