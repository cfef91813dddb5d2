import type { Deps } from '../../deps.js';
import type { SearchEngine, SearchPage } from '../../adapters/search/index.js';
import type { Actor } from '../../core/actor.js';
import { todayInFrance } from '../../core/calendar.js';
import { scoringProjection } from '../../domain/anonymisation.js';
import type { GeoPoint } from '../../domain/geo.js';
import { rankResults, scoreMatch, type ScoredYouth, type ScoreResult, type ScoringContext } from '../../domain/matching/index.js';
import { romeCodesOfFamilies } from '../reference/index.js';
import { findYouthRecord, toYouthProfile } from '../youth/index.js';
import { fromOfferDocument, fromSlotDocument, scoringContext, type LoadedOpportunity, type OpportunitySummary, type OpportunityType } from './opportunities.js';

export interface Suggestion {
  opportunity: OpportunitySummary;
  result: ScoreResult;
}

/** The engines' page size cap: retrieval reads this many documents per call. */
const PAGE = 100;

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
 * Retrieval then ranking: the search engine finds the open offers (or slots) of the youth's
 * occupation families within the distance they could travel in 1.5 × their tolerance by their
 * best mode; the score orders them. Nothing beyond that radius could pass the travel filter.
 */
export async function rankOpportunities(
  search: SearchEngine,
  youth: ScoredYouth,
  origin: GeoPoint | null,
  familyCodes: string[],
  options: { type: OpportunityType; limit: number },
  ctx: ScoringContext,
): Promise<Suggestion[]> {
  if (!origin) return [];
  const { config } = ctx;
  const reach = ctx.travel.reachableKm(config.mobility.hardLimitFactor * youth.mobility.maxCommuteMinutes, youth.mobility);
  const radiusKm = Math.min(config.retrieval.maxRadiusKm, reach);
  if (radiusKm <= 0) return [];
  const query = { romeCodes: familyCodes, near: { lat: origin.lat, lng: origin.lng, radiusKm } };
  const loaded: LoadedOpportunity[] =
    options.type === 'offer'
      ? (await retrieve(config.retrieval.candidates, (limit, offset) => search.searchOffers({ ...query, limit, offset }))).map(fromOfferDocument)
      : (await retrieve(config.retrieval.candidates, (limit, offset) => search.searchImmersionSlots({ ...query, limit, offset })))
          .filter((d) => d.availableTo >= ctx.today)
          .map(fromSlotDocument);
  const scored = loaded.map((o) => ({ id: o.summary.id, opportunity: o.summary, result: scoreMatch(youth, o.scored, origin, ctx) }));
  return rankResults(scored)
    .slice(0, options.limit)
    .map(({ opportunity, result }) => ({ opportunity, result }));
}

/** `GET /v1/youth/{id}/suggestions`: ranked, explained offers or slots for one youth of the advisor's structure. */
export async function suggestForYouth(deps: Deps, actor: Actor, youthId: string, options: { type: OpportunityType; limit: number }) {
  const record = await findYouthRecord(deps, actor, youthId);
  const today = todayInFrance();
  const { communeInsee: _place, ...projection } = scoringProjection(toYouthProfile(record), today);
  const origin = record.communeLat === null || record.communeLng === null ? null : { lat: record.communeLat, lng: record.communeLng };
  const codes = [...projection.targetRomeCodes, ...projection.experiences.flatMap((e) => (e.romeCode ? [e.romeCode] : []))];
  const families = await romeCodesOfFamilies(deps.db, codes);
  const items = families.length === 0 ? [] : await rankOpportunities(deps.search, projection, origin, families, options, scoringContext(today));
  return { youthId, type: options.type, items: items.map(toSuggestionDto) };
}

export function toSuggestionDto({ opportunity, result }: Suggestion) {
  return { opportunity, ...result };
}
