import type { Opportunity } from '../../domain/matching/index.js';
import type { OfferFields, OpportunityType, SlotFields } from './opportunities.js';

/**
 * What the matching's retrieval keeps of the offers and slots it has read, per process: a
 * suggestion reads hundreds of them, and a batch of suggestions reads the same ones again and
 * again (80,000 open offers for 10,000 youth in the bench). The retrieval asks the engine for
 * pages of ids and version stamps only (`updatedAt`), and for the documents of the ids it does
 * not hold at that version (one more call per page), so that what it already holds is neither
 * shipped by the engine nor parsed again.
 *
 * An entry counts only at the version the engine reports: an offer changed since it was kept
 * is read again (its `updatedAt` differs), and an offer closed or removed is no longer found by
 * the engine, so its entry is never used (it ages out). Bounded: once `capacity` entries are
 * held, the least recently used leaves first (about: see below).
 */
export interface CachedOpportunity {
  /** The document's `updatedAt` when it was read: the version this entry is. */
  updatedAt: string;
  /** What the summary of a suggestion shows (OFFER_FIELDS, SLOT_FIELDS). */
  fields: OfferFields | SlotFields;
  /** The light view the score reads (offerOpportunity, slotOpportunity). */
  opportunity: Opportunity;
}

export interface OpportunityCache {
  /** The entry of this offer or slot at this version, else undefined (counted as a miss). */
  get(type: OpportunityType, id: string, updatedAt: string): CachedOpportunity | undefined;
  set(type: OpportunityType, id: string, entry: CachedOpportunity): void;
  readonly capacity: number;
  /**
   * Whether most recent lookups were answered (over about the last 500): then a page of ids and
   * versions is worth asking for. A process just started (or one whose offers have all changed)
   * is cold: asking the whole fields in the page itself spares the second call for every one.
   */
  warm(): boolean;
  /** Entries held, lookups answered and not answered since the cache was built. */
  stats(): { size: number; hits: number; misses: number };
}

/**
 * `capacity` 0 keeps nothing: every lookup misses and the retrieval asks every page whole.
 * `recent`: how many lookups, about, tell whether the cache is warm (tests use a few).
 */
export function createOpportunityCache(capacity: number, options: { recent?: number } = {}): OpportunityCache {
  if (!Number.isInteger(capacity) || capacity < 0) throw new RangeError(`invalid cache capacity: ${capacity}`);
  // One map per type (offers, slots): a lookup hashes the id as the engine gave it, no key built.
  // `order` holds every entry in insertion order (a Map iterates so): its first is the one
  // inserted longest ago, the first to leave. An entry used is inserted again, but only once it
  // has aged by half the capacity: a suggestion looks up hundreds of entries, moving each at every
  // use cost more than the lookup itself, and an entry in the younger half is far from leaving.
  type Held = { entry: CachedOpportunity; inserted: number };
  const byType: Record<OpportunityType, Map<string, Held>> = { offer: new Map(), immersion: new Map() };
  const order = new Map<Held, [OpportunityType, string]>();
  let insertions = 0;
  let hits = 0;
  let misses = 0;
  // Share of recent lookups answered: an exponential moving average over about `recent` lookups
  // (a suggestion makes about 400).
  const recent = options.recent ?? 512;
  let recentRate = 0;
  const insert = (type: OpportunityType, id: string, entry: CachedOpportunity) => {
    const entries = byType[type];
    const before = entries.get(id);
    if (before) order.delete(before);
    const held = { entry, inserted: insertions++ };
    entries.set(id, held);
    order.set(held, [type, id]);
    if (order.size > capacity) {
      const [oldest, [t, i]] = order.entries().next().value!;
      order.delete(oldest);
      byType[t].delete(i);
    }
  };
  return {
    capacity,
    get(type, id, updatedAt) {
      const held = byType[type].get(id);
      if (!held || held.entry.updatedAt !== updatedAt) {
        misses++;
        recentRate -= recentRate / recent;
        return undefined;
      }
      hits++;
      recentRate += (1 - recentRate) / recent;
      if (insertions - held.inserted > capacity / 2) insert(type, id, held.entry);
      return held.entry;
    },
    set(type, id, entry) {
      if (capacity > 0) insert(type, id, entry);
    },
    warm: () => recentRate >= 0.5,
    stats: () => ({ size: order.size, hits, misses }),
  };
}
