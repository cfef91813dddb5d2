import type { Deps } from '../../deps.js';
import type { NearFilter, SearchPage } from '../../adapters/search/index.js';
import type { Actor } from '../../core/actor.js';
import { ValidationError, type FieldError } from '../../core/errors.js';
import { checkRomeCodes, resolveCommune } from '../reference/index.js';
import type { PlaceQuery } from './search.schemas.js';

const DEFAULT_RADIUS_KM = 10;

/** Turns `commune` or `lat`/`lon` (+ `radius`) into a geo filter; refuses unknown communes and ROME codes (422). */
async function resolveFilters(deps: Deps, q: CommonQuery): Promise<NearFilter | undefined> {
  const errors: FieldError[] = [];
  const radiusKm = q.radius ?? DEFAULT_RADIUS_KM;
  let near: NearFilter | undefined;
  if (q.lat !== undefined && q.lon !== undefined) near = { lat: q.lat, lng: q.lon, radiusKm };
  else if (q.commune) {
    const commune = await resolveCommune(deps.db, { communeInsee: q.commune }, errors, { communeInsee: 'query.commune', postcode: 'query.postcode' });
    if (commune) near = { lat: commune.lat, lng: commune.lng, radiusKm };
  }
  await checkRomeCodes(deps.db, (q.rome ?? []).map((code, i) => ({ path: `query.rome.${i}`, code })), errors);
  if (errors.length) throw new ValidationError(errors);
  return near;
}

interface CommonQuery extends PlaceQuery {
  q?: string;
  rome?: string[];
  schedules?: string[];
  contractTypes?: string[];
  limit: number;
  offset: number;
}

async function engineQuery(deps: Deps, query: CommonQuery) {
  const near = await resolveFilters(deps, query);
  return {
    q: query.q || undefined,
    romeCodes: query.rome,
    near,
    schedules: query.schedules,
    contractTypes: query.contractTypes,
    limit: query.limit,
    offset: query.offset,
  };
}

function page<D, H>(deps: Deps, result: SearchPage<D>, shape: (doc: D, distanceKm: number | null) => H) {
  return {
    items: result.hits.map((h) => shape(h.document, h.distanceKm)),
    total: result.total,
    totalEstimated: result.totalEstimated,
    limit: result.limit,
    offset: result.offset,
    engine: deps.search.name,
  };
}

const km = (d: number | null) => (d === null ? null : Math.round(d * 100) / 100);

/**
 * Employers search their own organisation's offers and slots, whatever their status (an
 * employer sees nothing of other organisations); everyone else searches what is published.
 */
const employerScope = (actor: Actor) => (actor.role === 'employer' ? { employerId: actor.employerId! } : {});

export async function searchOffers(deps: Deps, actor: Actor, query: CommonQuery) {
  const result = await deps.search.searchOffers({ ...(await engineQuery(deps, query)), ...employerScope(actor) });
  return page(deps, result, ({ romeLabel: _label, updatedAt: _u, ...doc }, d) => ({ ...doc, distanceKm: km(d) }));
}

export async function searchImmersionSlots(deps: Deps, actor: Actor, query: CommonQuery) {
  const result = await deps.search.searchImmersionSlots({ ...(await engineQuery(deps, query)), ...employerScope(actor) });
  return page(deps, result, ({ romeLabel: _label, updatedAt: _u, ...doc }, d) => ({ ...doc, distanceKm: km(d) }));
}

/**
 * Youth of the advisor's own structure who consented, as anonymised hits with their id.
 * The engine never holds anything else (see documents.ts), and the structure filter is
 * applied by the engine itself.
 */
export async function searchYouth(deps: Deps, actor: Actor, query: CommonQuery) {
  const structureId = actor.structureId!;
  const result = await deps.search.searchYouth({ ...(await engineQuery(deps, query)), structureId });
  return page(deps, result, (doc, d) => ({
    id: doc.id,
    pseudonym: doc.pseudonym,
    targetRomeCodes: doc.targetRomeCodes,
    skills: doc.skills,
    educationLevel: doc.educationLevel,
    languages: doc.languages,
    experiences: doc.experiences,
    contractTypes: doc.contractTypes,
    schedules: doc.schedules,
    availableFrom: doc.availableFrom,
    distanceKm: km(d),
  }));
}
