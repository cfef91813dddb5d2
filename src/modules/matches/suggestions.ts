import type { Deps } from '../../deps.js';
import { MAX_LIMIT, MAX_TOTAL_HITS, type SearchEngine, type SearchPage } from '../../adapters/search/index.js';
import type { Actor } from '../../core/actor.js';
import { todayInFrance } from '../../core/calendar.js';
import { scoringProjection } from '../../domain/anonymisation.js';
import type { GeoPoint } from '../../domain/geo.js';
import { explain, prepareYouth, quickScore, retrievalPlan, type Opportunity, type RetrievalTier, type ScoredYouth, type ScoreResult, type ScoringContext } from '../../domain/matching/index.js';
import { romeReference } from '../reference/index.js';
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

/**
 * Retrieval then ranking: the search engine hands over open offers (or slots) by tiers of
 * occupation closeness, nearest first, within the distance the youth could travel in 1.5 × their
 * tolerance by their best mode (nothing farther could pass the travel filter), until nothing
 * unread could beat the `limit`-th suggestion (src/domain/matching/retrieval.ts). Each is scored
 * without wording; only the suggestions kept are explained.
 */
export async function rankOpportunities(
  search: SearchEngine,
  youth: ScoredYouth,
  origin: GeoPoint | null,
  /** Every ROME code and its label (romeReference). */
  rome: ReadonlyMap<string, string>,
  options: { type: OpportunityType; limit: number },
  ctx: ScoringContext,
): Promise<Suggestion[]> {
  if (!origin) return [];
  const { config } = ctx;
  const reach = ctx.travel.reachableKm(config.mobility.hardLimitFactor * youth.mobility.maxCommuteMinutes, youth.mobility);
  const radiusKm = Math.min(config.retrieval.maxRadiusKm, reach);
  if (radiusKm <= 0) return [];
  const prepared = prepareYouth(youth, origin, ctx);
  const plan = retrievalPlan(prepared, [...rome.keys()], options.limit, MAX_TOTAL_HITS);
  const near = { lat: origin.lat, lng: origin.lng };
  type Fields = OfferFields | SlotFields;
  // A page of a tier within `radiusKm`: each opportunity's fields (OFFER_FIELDS, SLOT_FIELDS: only
  // what the score and the summary read travel) and its view for the score (null for a slot whose
  // last day has passed).
  const read = async (tier: RetrievalTier, limit: number, radiusKm: number): Promise<{ fields: Fields; opportunity: Opportunity | null; distanceKm: number | null }[]> => {
    const query = { romeCodes: [...tier.codes], near: { ...near, radiusKm }, limit, offset: tier.read, count: false };
    if (options.type === 'offer')
      return (await search.searchOffers({ ...query, fields: OFFER_FIELDS })).hits.map((h) => ({
        fields: h.document,
        opportunity: offerOpportunity(h.document),
        distanceKm: h.distanceKm,
      }));
    return (await search.searchImmersionSlots({ ...query, fields: SLOT_FIELDS })).hits.map((h) => ({
      fields: h.document,
      opportunity: h.document.availableTo < ctx.today ? null : slotOpportunity(h.document),
      distanceKm: h.distanceKm,
    }));
  };
  const seen = new Set<string>();
  const scored: { id: string; fields: Fields; opportunity: Opportunity; eligible: boolean; score: number }[] = [];
  for (let tier = plan.next(); tier; tier = plan.next()) {
    // Until `limit` suggestions are found, a page is as large as what the tier has given so far
    // (FIRST_PAGE, then doubling). Then it is everything up to the tier's edge, in one statement
    // (up to the engine's depth): nothing farther is needed, and reading what lies within the
    // edge in pages cost more statements than the few documents a rising edge would spare.
    const edge = plan.edgeKm(tier, radiusKm);
    const limit = edge !== null ? MAX_TOTAL_HITS - tier.read : Math.min(Math.max(FIRST_PAGE, tier.read), MAX_TOTAL_HITS - tier.read);
    const cut = edge !== null && edge < radiusKm ? edge : undefined;
    const hits = await read(tier, limit, cut ?? radiusKm);
    for (const { fields, opportunity } of hits) {
      if (!opportunity || seen.has(fields.id)) continue;
      seen.add(fields.id);
      const { eligible, score } = quickScore(prepared, opportunity);
      if (eligible) plan.found(score);
      scored.push({ id: fields.id, fields, opportunity, eligible, score });
    }
    plan.pageRead(tier, hits.length, hits[hits.length - 1]?.distanceKm ?? null, hits.length < limit, cut);
  }
  scored.sort((a, b) => Number(b.eligible) - Number(a.eligible) || b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  // Only what is suggested gets its label, its summary and its wording.
  return scored.slice(0, options.limit).map(({ fields, opportunity }) => {
    const romeLabel = rome.get(fields.romeCode) ?? fields.romeCode;
    const summary = options.type === 'offer' ? offerSummary(fields as OfferFields, romeLabel) : slotSummary(fields as SlotFields, romeLabel);
    return { opportunity: summary, result: explain(prepared, { ...opportunity, romeLabel }) };
  });
}

/** `GET /v1/youth/{id}/suggestions`: ranked, explained offers or slots for one youth of the advisor's structure. */
export async function suggestForYouth(deps: Deps, actor: Actor, youthId: string, options: { type: OpportunityType; limit: number }) {
  const record = await findYouthRecord(deps, actor, youthId);
  const today = todayInFrance();
  const { communeInsee: _place, ...projection } = scoringProjection(toYouthProfile(record), today);
  const origin = record.communeLat === null || record.communeLng === null ? null : { lat: record.communeLat, lng: record.communeLng };
  const items = await rankOpportunities(deps.search, projection, origin, await romeReference(deps.db), options, scoringContext(today));
  return { youthId, type: options.type, items: items.map(toSuggestionDto) };
}

export function toSuggestionDto({ opportunity, result }: Suggestion) {
  return { opportunity, ...result };
}
