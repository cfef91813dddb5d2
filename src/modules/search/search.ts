import { and, eq, inArray } from 'drizzle-orm';
import { communes, romeCodes } from '../../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import type { NearFilter, SearchPage } from '../../adapters/search/index.js';
import type { Actor } from '../../http/context.js';
import { ValidationError, type FieldError } from '../../http/errors.js';
import type { PlaceQuery } from './search.schemas.js';

const DEFAULT_RADIUS_KM = 10;

/** Turns `commune` or `lat`/`lon` (+ `radius`) into a geo filter; unknown commune → 422. */
async function resolvePlace(deps: Deps, q: PlaceQuery): Promise<NearFilter | undefined> {
  const radiusKm = q.radius ?? DEFAULT_RADIUS_KM;
  if (q.lat !== undefined && q.lon !== undefined) return { lat: q.lat, lng: q.lon, radiusKm };
  if (!q.commune) return undefined;
  const [row] = await deps.db
    .select({ lat: communes.lat, lng: communes.lng })
    .from(communes)
    .where(and(eq(communes.insee, q.commune), inArray(communes.type, ['COM', 'ARM'])))
    .limit(1);
  if (!row) throw ValidationError.field('query.commune', 'unknown_commune', `No commune with INSEE code ${q.commune}.`);
  return { lat: row.lat, lng: row.lng, radiusKm };
}

async function checkRomeCodes(deps: Deps, codes: string[] | undefined): Promise<void> {
  if (!codes?.length) return;
  const known = new Set(
    (await deps.db.select({ code: romeCodes.code }).from(romeCodes).where(inArray(romeCodes.code, codes))).map((r) => r.code),
  );
  const errors: FieldError[] = codes.flatMap((code, i) =>
    known.has(code) ? [] : [{ path: `query.rome.${i}`, code: 'unknown_rome_code', message: `Unknown ROME code ${code}.` }],
  );
  if (errors.length) throw new ValidationError(errors);
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
  const [near] = await Promise.all([resolvePlace(deps, query), checkRomeCodes(deps, query.rome)]);
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
