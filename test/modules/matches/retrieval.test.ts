/**
 * The retrieval's threshold algorithm against an exhaustive scoring: over generated youth and
 * opportunities, the suggestions read from an in-memory engine (the SearchEngine contract for
 * offers: occupation filter, radius, nearest first, paged) score exactly like the exhaustive top
 * (ties at the cut may pick another opportunity of the same score). The real engines serve the
 * same contract: test/adapters/search and test/modules/matches/suggestions.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OfferDocument, OfferQuery, SearchEngine } from '../../../src/adapters/search/index.js';
import { scoringProjection } from '../../../src/domain/anonymisation.js';
import { distanceKm } from '../../../src/domain/geo.js';
import { MATCHING_CONFIG, prepareYouth, quickScore, retrievalPlan, straightLineTravel, type Opportunity } from '../../../src/domain/matching/index.js';
import { createOpportunityCache, type CachedOpportunity } from '../../../src/modules/matches/opportunity-cache.js';
import { rankOpportunities } from '../../../src/modules/matches/suggestions.js';
import { bakeryOffer, opportunity, originOf, ROME, today, youthProfile } from '../../domain/matching/profiles.js';

const ctx = { config: MATCHING_CONFIG, travel: straightLineTravel(MATCHING_CONFIG), today };
/** The reference list of codes, with families and domains the generated ones share. */
const ALL_CODES = [...new Set([...ROME, 'D1103', 'D1201', 'G1201', 'H1101', 'N4101', 'K1101', 'M1601'])].sort();
/** The reference as the app reads it: every code and its label. */
const REFERENCE = new Map(ALL_CODES.map((code) => [code, `Métier ${code}`]));

function documentOf(o: Opportunity & { id: string }): OfferDocument {
  return {
    id: o.id,
    employerId: o.id,
    status: 'published',
    title: o.romeCode,
    description: '',
    romeCode: o.romeCode,
    romeLabel: o.romeCode,
    requiredSkills: [...o.requiredSkills],
    niceToHaveSkills: [...o.niceToHaveSkills],
    contractType: o.contractType,
    schedules: [...o.schedules],
    hoursPerWeek: o.hoursPerWeek,
    minEducationLevel: o.minEducationLevel,
    drivingLicenceRequired: o.drivingLicenceRequired,
    drivingLicenceUse: o.drivingLicenceUse,
    communeInsee: '42218',
    communeName: 'Saint-Étienne',
    location: o.location,
    positions: 1,
    startDate: o.startDate,
    expiresAt: null,
    publishedAt: null,
    updatedAt: '2026-11-01T00:00:00Z',
  };
}

/**
 * Offers as the engines serve them to the retrieval: filtered, within the radius, nearest first,
 * by pages, with only the fields asked; and by id (`documents`). `stats.read` counts the hits of
 * the pages, `stats.fetched` the documents fetched by id.
 */
function memoryEngine(documents: OfferDocument[]) {
  const stats = { calls: 0, read: 0, fetched: 0 };
  const radii: number[] = [];
  const pick = (d: OfferDocument, fields: readonly string[] | undefined) =>
    fields ? Object.fromEntries(fields.map((f) => [f, d[f as keyof OfferDocument]])) : d;
  const engine = {
    async searchOffers(query: OfferQuery) {
      stats.calls++;
      radii.push(query.near!.radiusKm);
      const { lat, lng, radiusKm } = query.near!;
      const hits = documents
        .filter((d) => d.status === 'published' && (!query.romeCodes?.length || query.romeCodes.includes(d.romeCode)))
        .map((d) => ({ document: d, distanceKm: distanceKm({ lat, lng }, d.location) }))
        .filter((h) => h.distanceKm <= radiusKm)
        .sort((a, b) => a.distanceKm - b.distanceKm || (a.document.id < b.document.id ? -1 : 1));
      const page = hits.slice(query.offset ?? 0, (query.offset ?? 0) + (query.limit ?? 20)).map((h) => ({ ...h, document: pick(h.document, query.fields) }));
      stats.read += page.length;
      return { hits: page, total: hits.length, totalEstimated: false, limit: query.limit ?? 20, offset: query.offset ?? 0 };
    },
    async documents(_index: 'offers', ids: readonly string[], fields?: readonly string[]) {
      const found = documents.filter((d) => ids.includes(d.id)).map((d) => pick(d, fields));
      stats.fetched += found.length;
      return found;
    },
  } as unknown as SearchEngine;
  return { engine, stats, radii };
}

/** The retrieval's source: the engine, and an empty cache of its own, warm after a few lookups answered. */
const source = (engine: SearchEngine, capacity = 10_000) => ({ search: engine, opportunities: createOpportunityCache(capacity, { recent: 8 }) });

/** A source whose cache is warm (it asks pages of ids and versions) but holds none of the offers. */
function warmSource(engine: SearchEngine) {
  const retrieval = source(engine);
  const kept = { updatedAt: 'v', fields: { id: 'kept' }, opportunity: {} } as unknown as CachedOpportunity;
  retrieval.opportunities.set('offer', 'kept', kept);
  for (let i = 0; i < 16; i++) retrieval.opportunities.get('offer', 'kept', 'v');
  return retrieval;
}

/** Opportunities around the generated youth's communes, so that most are within reach and the early stop is put to the test. */
const nearby = fc
  .tuple(opportunity, fc.constantFrom('42218', '42279', '42147'), fc.double({ min: -0.12, max: 0.12, noNaN: true }), fc.double({ min: -0.12, max: 0.12, noNaN: true }))
  .map(([o, insee, dLat, dLng]) => ({ ...o, drivingLicenceRequired: false, location: { lat: originOf(insee)!.lat + dLat, lng: originOf(insee)!.lng + dLng } }));

/** A baker of Saint-Étienne who seeks a CDI and takes the bus up to 45 minutes. */
const baker = {
  targetRomeCodes: ['D1102'],
  skills: ['Pétrissage'],
  educationLevel: '4' as const,
  languages: [],
  experiences: [],
  availability: { from: today, maxHoursPerWeek: 35, schedules: ['day' as const] },
  contractTypes: ['cdi' as const],
  mobility: { modes: ['public_transport' as const], drivingLicence: false, maxCommuteMinutes: 45 },
  isMinor: false,
  barrierConstraints: { excludedSchedules: [] },
};
const saintEtienne = originOf('42218')!;

/** Offer #i asking for the baker's skill, `km` north of Saint-Étienne. */
const bakery = (i: number, romeCode: string, km: number, contractType: 'cdi' | 'cdd' = 'cdi'): OfferDocument =>
  documentOf({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    ...bakeryOffer({ romeCode, romeLabel: null, niceToHaveSkills: [], contractType, location: { lat: saintEtienne.lat + km / 111.2, lng: saintEtienne.lng } }),
  });

describe('retrieval by tiers of occupation and distance', () => {
  it('suggests what the exhaustive scoring ranks first', async () => {
    await fc.assert(
      fc.asyncProperty(youthProfile, fc.uniqueArray(nearby, { minLength: 50, maxLength: 400, selector: (o) => o.id }), fc.constantFrom(3, 10, 20), async (profile, opportunities, limit) => {
        const { communeInsee, ...projection } = scoringProjection(profile, today);
        const origin = originOf(communeInsee)!;
        const { engine, stats } = memoryEngine(opportunities.map(documentOf));
        const retrieval = source(engine);
        const got = await rankOpportunities(retrieval, projection, origin, REFERENCE, { type: 'offer', limit }, ctx);
        // Again, from what the first retrieval kept: the same suggestions, no document fetched.
        const fetched = stats.fetched;
        expect(await rankOpportunities(retrieval, projection, origin, REFERENCE, { type: 'offer', limit }, ctx)).toEqual(got);
        expect(stats.fetched).toBe(fetched);

        const prepared = prepareYouth(projection, origin, ctx);
        const exhaustive = opportunities
          .map((o) => quickScore(prepared, o))
          .filter((r) => r.eligible)
          .map((r) => r.score)
          .sort((a, b) => b - a)
          .slice(0, limit);
        const retrieved = got.filter((s) => s.result.eligible).map((s) => s.result.score);
        expect(retrieved.slice(0, exhaustive.length)).toEqual(exhaustive);
        // The explanation says the score the ranking sorted by; the label comes from the reference.
        for (const s of got) {
          expect(s.result.score).toBe(quickScore(prepared, opportunities.find((o) => o.id === s.opportunity.id)!).score);
          expect(s.opportunity.romeLabel).toBe(REFERENCE.get(s.opportunity.romeCode));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('stops reading once nothing unread can beat the last suggestion', async () => {
    // 600 offers of the youth's own occupation next door (score 100), 600 of other families farther away.
    const documents = [...Array.from({ length: 600 }, (_, i) => bakery(i, 'D1102', 0.1)), ...Array.from({ length: 600 }, (_, i) => bakery(1000 + i, 'N1103', 2))];
    const { engine, stats } = memoryEngine(documents);
    const got = await rankOpportunities(source(engine), baker, saintEtienne, REFERENCE, { type: 'offer', limit: 20 }, ctx);
    expect(got.map((s) => s.result.score)).toEqual(Array(20).fill(100));
    // One page of the own occupation (its first page: 300) is enough: no other tier can reach 100.
    // The cache is cold: the page carries the fields itself, nothing is fetched by id.
    expect(stats).toEqual({ calls: 1, read: 300, fetched: 0 });
  });

  it('reads a tier no farther than its bound can still beat the last suggestion', async () => {
    // Offers of the youth's own occupation on a contract they do not seek (96 next door, less
    // farther): 20 next door, 480 within 2 km, 200 between 4 and 6 km.
    const documents = [
      ...Array.from({ length: 20 }, (_, i) => bakery(i, 'D1102', 0.1, 'cdd')),
      ...Array.from({ length: 480 }, (_, i) => bakery(100 + i, 'D1102', 0.2 + (1.8 * i) / 480, 'cdd')),
      ...Array.from({ length: 200 }, (_, i) => bakery(1000 + i, 'D1102', 4 + (2 * i) / 200, 'cdd')),
    ];
    const { engine, stats, radii } = memoryEngine(documents);
    const got = await rankOpportunities(source(engine), baker, saintEtienne, REFERENCE, { type: 'offer', limit: 20 }, ctx);
    expect(got.map((s) => s.result.score)).toEqual(Array(20).fill(96));
    // The first page (300) fills the top with 96; the bound of what lies farther than about 3 km
    // (a bus trip of 26 min) rounds to 96 at best: the second page stops there, before the 200
    // offers from 4 km on, though the youth could travel 11 km.
    expect(stats).toEqual({ calls: 2, read: 500, fetched: 0 });
    expect(radii[0]).toBeCloseTo(11.06, 1);
    expect(radii[1]).toBeGreaterThan(2);
    expect(radii[1]).toBeLessThan(4);
  });

  it('scores an offer changed since it was kept with its new fields, fetching only that one', async () => {
    const documents = Array.from({ length: 30 }, (_, i) => bakery(i, 'D1102', 0.1 + i / 100));
    const { engine, stats } = memoryEngine(documents);
    const retrieval = warmSource(engine);
    const before = await rankOpportunities(retrieval, baker, saintEtienne, REFERENCE, { type: 'offer', limit: 20 }, ctx);
    expect(before.map((s) => s.result.score)).toEqual(Array(20).fill(100));
    // Warm, the cache asked the page for ids and versions, then the 30 it lacked by id.
    expect(stats.fetched).toBe(30);
    // Those 30 misses made it cold: the next retrieval asks whole pages, and its 30 hits warm it again.
    expect(retrieval.opportunities.warm()).toBe(false);
    await rankOpportunities(retrieval, baker, saintEtienne, REFERENCE, { type: 'offer', limit: 20 }, ctx);
    expect(stats.fetched).toBe(30);
    expect(retrieval.opportunities.warm()).toBe(true);
    // The nearest offer turns to a contract the baker does not seek, its version with it.
    documents[0] = { ...documents[0]!, contractType: 'cdd', updatedAt: '2026-11-02T00:00:00Z' };
    const after = await rankOpportunities(retrieval, baker, saintEtienne, REFERENCE, { type: 'offer', limit: 30 }, ctx);
    const changed = after.find((s) => s.opportunity.id === documents[0]!.id)!;
    expect(changed.opportunity.contractType).toBe('cdd');
    expect(changed.result.score).toBeLessThan(100);
    expect(stats.fetched).toBe(31);
    expect(retrieval.opportunities.stats()).toMatchObject({ size: 31, hits: 16 + 30 + 29, misses: 31 });
  });

  it('never scores an offer closed or removed between its page and the fetch of its fields', async () => {
    const documents = Array.from({ length: 30 }, (_, i) => bakery(i, 'D1102', 0.1 + i / 100));
    const { engine } = memoryEngine(documents);
    const [closed, removed] = [documents[0]!.id, documents[1]!.id];
    // The page lists them; by the time their fields are fetched, one is closed and one gone (and
    // no later page lists them).
    let raced = false;
    const racing = Object.assign(Object.create(engine) as SearchEngine, {
      async searchOffers(query: OfferQuery) {
        const page = await engine.searchOffers(query);
        return raced ? { ...page, hits: page.hits.filter((h) => h.document.id !== closed && h.document.id !== removed) } : page;
      },
      async documents(index: 'offers', ids: readonly string[], fields?: readonly (keyof OfferDocument)[]) {
        raced = true;
        const found = (await engine.documents(index, ids, fields)) as Partial<OfferDocument>[];
        return found.filter((d) => d.id !== removed).map((d) => (d.id === closed ? { ...d, status: 'closed' } : d));
      },
    });
    const got = await rankOpportunities(warmSource(racing), baker, saintEtienne, REFERENCE, { type: 'offer', limit: 30 }, ctx);
    expect(got).toHaveLength(28);
    expect(got.map((s) => s.opportunity.id)).not.toContain(closed);
    expect(got.map((s) => s.opportunity.id)).not.toContain(removed);
  });

  it('splits the ROME into tiers of closeness, the farthest reading every occupation', () => {
    const { communeInsee: _c, ...projection } = scoringProjection(fc.sample(youthProfile, { numRuns: 1, seed: 7 })[0]!, today);
    const plan = retrievalPlan(prepareYouth({ ...projection, targetRomeCodes: ['D1102'], experiences: [] }, null, ctx), ALL_CODES, 20, 1000);
    expect(plan.tiers.map((t) => [t.closeness, t.codes])).toEqual([
      [1, ['D1102']],
      [0.6, ['D1101', 'D1103', 'D1106']],
      [0.3, ['D1201']],
      [0, []],
    ]);
  });
});
