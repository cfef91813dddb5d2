import { describe, expect, it } from 'vitest';
import { createOpportunityCache, type CachedOpportunity } from '../../../src/modules/matches/opportunity-cache.js';

const entry = (id: string, updatedAt = '2026-11-01T00:00:00.000Z') => ({ updatedAt, fields: { id }, opportunity: {} }) as unknown as CachedOpportunity;

describe('opportunity cache', () => {
  it('answers only at the version asked', () => {
    const cache = createOpportunityCache(10);
    cache.set('offer', 'a', entry('a'));
    expect(cache.get('offer', 'a', '2026-11-01T00:00:00.000Z')?.fields.id).toBe('a');
    expect(cache.get('offer', 'a', '2026-11-02T00:00:00.000Z')).toBeUndefined();
    // An offer and a slot are kept apart.
    expect(cache.get('immersion', 'a', '2026-11-01T00:00:00.000Z')).toBeUndefined();
    expect(cache.stats()).toEqual({ size: 1, hits: 1, misses: 2 });
  });

  it('holds at most its capacity, the least recently used leaving first', () => {
    const cache = createOpportunityCache(3);
    for (const id of ['a', 'b', 'c']) cache.set('offer', id, entry(id));
    cache.get('offer', 'a', entry('a').updatedAt); // a is used, and old enough to count as used again: b is now the oldest
    cache.set('offer', 'd', entry('d'));
    cache.set('offer', 'c', entry('c', '2026-11-03T00:00:00.000Z')); // a new version replaces, never adds
    expect(cache.stats().size).toBe(3);
    const held = ['a', 'b', 'c', 'd'].filter((id) => cache.get('offer', id, id === 'c' ? '2026-11-03T00:00:00.000Z' : entry(id).updatedAt));
    expect(held).toEqual(['a', 'c', 'd']);
  });

  it('is warm once most recent lookups are answered, cold again when they are not', () => {
    const cache = createOpportunityCache(10, { recent: 8 });
    expect(cache.warm()).toBe(false);
    cache.set('offer', 'a', entry('a'));
    for (let i = 0; i < 8; i++) cache.get('offer', 'a', entry('a').updatedAt);
    expect(cache.warm()).toBe(true);
    for (let i = 0; i < 8; i++) cache.get('offer', 'b', entry('b').updatedAt);
    expect(cache.warm()).toBe(false);
    const none = createOpportunityCache(0, { recent: 8 });
    none.set('offer', 'a', entry('a'));
    for (let i = 0; i < 8; i++) none.get('offer', 'a', entry('a').updatedAt);
    expect(none.warm()).toBe(false);
  });

  it('keeps nothing with capacity 0', () => {
    const cache = createOpportunityCache(0);
    cache.set('offer', 'a', entry('a'));
    expect(cache.get('offer', 'a', entry('a').updatedAt)).toBeUndefined();
    expect(cache.stats().size).toBe(0);
  });
});
