import type { Deps } from '../../deps.js';
import { MAX_LIMIT, MAX_TOTAL_HITS, type ImmersionSlotDocument, type OfferDocument, type SearchEngine, type SearchPage } from '../../adapters/search/index.js';
import type { Actor } from '../../core/actor.js';
import { todayInFrance } from '../../core/calendar.js';
import { scoringProjection } from '../../domain/anonymisation.js';
import type { GeoPoint } from '../../domain/geo.js';
import { explain, prepareYouth, quickScore, retrievalPlan, type Opportunity, type RetrievalTier, type ScoredYouth, type ScoreResult, type ScoringContext } from '../../domain/matching/index.js';
import { romeReference } from '../reference/index.js';
import type { CachedOpportunity, OpportunityCache } from './opportunity-cache.js';
import { findYouthRecord, toYouthProfile } from '../youth/index.js';
import {
  OFFER_FIELDS,
  offerOpportunity,
  offerSummary,
  scoringContext,
  SLOT_FIELDS,
  slotOpportunity,
  slotSummary,
  type OfferFields,
  type OpportunitySummary,
  type OpportunityType,
  type SlotFields,
} from './opportunities.js';

export interface Suggestion {
  opportunity: OpportunitySummary;
  result: ScoreResult;
}

/** The engines' page size cap for whole documents: `retrieve` reads this many per call. */
const PAGE = MAX_LIMIT;
/**
 * The first page of a tier in the suggestions' retrieval, of projected documents, before any
 * bound can cut it (the first tier read: the others are read up to their edge, edgeKm): large
 * enough that most youth find their first `limit` suggestions in one statement, small enough not
 * to ship what is rarely needed. 200 and 300 measured alike (200 batch youth; README).
 */
const FIRST_PAGE = 300;

/** Reads up to `wanted` documents, page after page (both engines cap a page at 100). */
export async function retrieve<D>(wanted: number, search: (limit: number, offset: number) => Promise<SearchPage<D>>): Promise<D[]> {
  const documents: D[] = [];
  while (documents.length < wanted) {
    const limit = Math.min(PAGE, wanted - documents.length);
    const page = await search(limit, documents.length);
    documents.push(...page.hits.map((h) => h.document));
    if (page.hits.length < limit) break;
  }
  return documents;
}

/** What the retrieval asks the engine for in each page once its cache is warm: ids and version stamps (opportunity-cache.ts). */
const STAMP_FIELDS = ['id', 'updatedAt'] as const;
/**
 * What it fetches of those it does not hold, and asks in each page while the cache is cold: the
 * summary's and the score's fields, the version, and the status.
 */
const FETCHED_OFFER_FIELDS = [...OFFER_FIELDS, 'updatedAt', 'status'] as const;
const FETCHED_SLOT_FIELDS = [...SLOT_FIELDS, 'updatedAt', 'status'] as const;

/** Where the retrieval reads: the engine, and what this process already holds of its documents. */
export interface RetrievalSource {
  search: SearchEngine;
  opportunities: OpportunityCache;
}

/**
 * Retrieval then ranking: the search engine hands over open offers (or slots) by tiers of
 * occupation closeness, nearest first, within the distance the youth could travel in 1.5 × their
 * tolerance by their best mode (nothing farther could pass the travel filter), until nothing
 * unread could beat the `limit`-th suggestion (src/domain/matching/retrieval.ts). Each is scored
 * without wording; only the suggestions kept are explained.
 */
export async function rankOpportunities(
  { search, opportunities: cache }: RetrievalSource,
  youth: ScoredYouth,
  origin: GeoPoint | null,
  /** Every ROME code and its label (romeReference). */
  rome: ReadonlyMap<string, string>,
  options: { type: OpportunityType; limit: number },
  ctx: ScoringContext,
): Promise<Suggestion[]> {
  if (!origin) return [];
  const { config } = ctx;
  const { type } = options;
  const reach = ctx.travel.reachableKm(config.mobility.hardLimitFactor * youth.mobility.maxCommuteMinutes, youth.mobility);
  const radiusKm = Math.min(config.retrieval.maxRadiusKm, reach);
  if (radiusKm <= 0) return [];
  const prepared = prepareYouth(youth, origin, ctx);
  const plan = retrievalPlan(prepared, [...rome.keys()], options.limit, MAX_TOTAL_HITS);
  const near = { lat: origin.lat, lng: origin.lng };
  type Stamp = { id: string; updatedAt: string };
  /** A document with the fields fetched (of an offer or a slot, as `type` says). */
  type Whole = Pick<OfferDocument, (typeof FETCHED_OFFER_FIELDS)[number]> | Pick<ImmersionSlotDocument, (typeof FETCHED_SLOT_FIELDS)[number]>;
  // A page of a tier within `radiusKm`, nearest first: the ids and versions of its opportunities
  // once the cache is warm, their whole fields while it is cold (`whole`).
  const read = async (tier: RetrievalTier, limit: number, radiusKm: number, whole: boolean) => {
    const query = { romeCodes: [...tier.codes], near: { ...near, radiusKm }, limit, offset: tier.read, count: false };
    if (type === 'offer') return search.searchOffers({ ...query, fields: whole ? FETCHED_OFFER_FIELDS : STAMP_FIELDS }) as Promise<SearchPage<Stamp>>;
    return search.searchImmersionSlots({ ...query, fields: whole ? FETCHED_SLOT_FIELDS : STAMP_FIELDS }) as Promise<SearchPage<Stamp>>;
  };
  // The cache entry of a document with its fields; null when it is gone or no longer public (closed
  // between a page and the fetch of its documents: the engine would have left it out a moment later).
  const entryOf = (d: Whole): CachedOpportunity | null => {
    const { status, updatedAt, ...fields } = d;
    if (type === 'offer') return status === 'published' ? { updatedAt, fields, opportunity: offerOpportunity(fields as OfferFields) } : null;
    return status === 'open' ? { updatedAt, fields, opportunity: slotOpportunity(fields as SlotFields) } : null;
  };
  // The entries of a page's opportunities: from the cache at the version the engine reports, the
  // others from the page itself (`whole`) or fetched in one call, and kept. Lookups are made
  // either way: they tell the cache how warm it is.
  const resolve = async (hits: readonly { document: Stamp }[], whole: boolean): Promise<CachedOpportunity[]> => {
    const held = hits.map(({ document: d }) => cache.get(type, d.id, d.updatedAt));
    const missing = hits.filter((_, i) => !held[i]).map((h) => h.document);
    if (missing.length === 0) return held as CachedOpportunity[];
    const documents = whole
      ? (missing as unknown as Whole[])
      : type === 'offer'
        ? await search.documents('offers', missing.map((d) => d.id), FETCHED_OFFER_FIELDS)
        : await search.documents('immersion_slots', missing.map((d) => d.id), FETCHED_SLOT_FIELDS);
    const found = new Map<string, CachedOpportunity>();
    for (const d of documents as Whole[]) {
      const entry = entryOf(d);
      if (entry) found.set(d.id, entry);
    }
    for (const [id, entry] of found) cache.set(type, id, entry);
    return hits.flatMap(({ document: d }, i) => held[i] ?? found.get(d.id) ?? []);
  };
  const seen = new Set<string>();
  const scored: { id: string; entry: CachedOpportunity; eligible: boolean; score: number }[] = [];
  for (let tier = plan.next(); tier; tier = plan.next()) {
    // Until `limit` suggestions are found, a page is as large as what the tier has given so far
    // (FIRST_PAGE, then doubling). Then it is everything up to the tier's edge, in one statement
    // (up to the engine's depth): nothing farther is needed, and reading what lies within the
    // edge in pages cost more statements than the few documents a rising edge would spare.
    const edge = plan.edgeKm(tier, radiusKm);
    const limit = edge !== null ? MAX_TOTAL_HITS - tier.read : Math.min(Math.max(FIRST_PAGE, tier.read), MAX_TOTAL_HITS - tier.read);
    const cut = edge !== null && edge < radiusKm ? edge : undefined;
    const whole = !cache.warm();
    const { hits } = await read(tier, limit, cut ?? radiusKm, whole);
    for (const entry of await resolve(hits, whole)) {
      const { id } = entry.fields;
      // A slot whose last day has passed is no immersion any more.
      if (seen.has(id) || (type === 'immersion' && (entry.fields as SlotFields).availableTo < ctx.today)) continue;
      seen.add(id);
      const { eligible, score } = quickScore(prepared, entry.opportunity);
      if (eligible) plan.found(score);
      scored.push({ id, entry, eligible, score });
    }
    plan.pageRead(tier, hits.length, hits[hits.length - 1]?.distanceKm ?? null, hits.length < limit, cut);
  }
  scored.sort((a, b) => Number(b.eligible) - Number(a.eligible) || b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  // Only what is suggested gets its label, its summary and its wording.
  return scored.slice(0, options.limit).map(({ entry: { fields, opportunity } }) => {
    const romeLabel = rome.get(fields.romeCode) ?? fields.romeCode;
    const summary = type === 'offer' ? offerSummary(fields as OfferFields, romeLabel) : slotSummary(fields as SlotFields, romeLabel);
    return { opportunity: summary, result: explain(prepared, { ...opportunity, romeLabel }) };
  });
}

/** `GET /v1/youth/{id}/suggestions`: ranked, explained offers or slots for one youth of the advisor's structure. */
export async function suggestForYouth(deps: Deps, actor: Actor, youthId: string, options: { type: OpportunityType; limit: number }) {
  const record = await findYouthRecord(deps, actor, youthId);
  const today = todayInFrance();
  const { communeInsee: _place, ...projection } = scoringProjection(toYouthProfile(record), today);
  const origin = record.communeLat === null || record.communeLng === null ? null : { lat: record.communeLat, lng: record.communeLng };
  const items = await rankOpportunities(deps, projection, origin, await romeReference(deps.db), options, scoringContext(today));
  return { youthId, type: options.type, items: items.map(toSuggestionDto) };
}

export function toSuggestionDto({ opportunity, result }: Suggestion) {
  return { opportunity, ...result };
}
