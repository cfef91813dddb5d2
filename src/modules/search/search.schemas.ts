import { z } from '@hono/zod-openapi';
import { CONTRACT_TYPES, SCHEDULES } from '../../domain/youth-profile.js';
import { MAX_LIMIT, MAX_QUERY_WORDS, MAX_TOTAL_HITS } from '../../adapters/search/index.js';
import { communeInseeSchema, latitudeQuery, listParam, longitudeQuery, romeCodeSchema, searchText } from '../../http/fields.js';

export const MAX_RADIUS_KM = 200;

const baseQuery = {
  q: searchText({ maxLength: 100, maxWords: MAX_QUERY_WORDS }).openapi({ description: `At most 100 characters and ${MAX_QUERY_WORDS} words.`, example: 'boulanger' }),
  rome: listParam(romeCodeSchema).openapi({ description: 'ROME codes, comma-separated or repeated.', example: ['D1102'] }),
  commune: communeInseeSchema
    .optional()
    .openapi({ description: 'INSEE code of the commune to search around.', example: '42218' }),
  lat: latitudeQuery.optional(),
  lon: longitudeQuery.optional(),
  radius: z.coerce
    .number()
    .positive()
    .max(MAX_RADIUS_KM, { error: `At most ${MAX_RADIUS_KM} km.` })
    .optional()
    .openapi({ description: 'Radius in km around `commune` or `lat`/`lon` (default 10).', example: 15 }),
  schedules: listParam(z.enum(SCHEDULES)),
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(20),
  offset: z.coerce
    .number()
    .int()
    .min(0)
    .default(0)
    .openapi({ description: `offset + limit ≤ ${MAX_TOTAL_HITS}: both engines rank and count that far, no further.` }),
};

function placeRules(
  v: { commune?: string; lat?: number; lon?: number; radius?: number; limit: number; offset: number },
  ctx: z.RefinementCtx,
) {
  if (v.offset + v.limit > MAX_TOTAL_HITS) {
    ctx.addIssue({
      code: 'custom',
      path: ['offset'],
      message: `offset + limit may not exceed ${MAX_TOTAL_HITS}: narrow the search instead.`,
      params: { code: 'too_big' },
    });
  }
  if ((v.lat === undefined) !== (v.lon === undefined)) {
    const missing = v.lat === undefined ? 'lat' : 'lon';
    ctx.addIssue({ code: 'custom', path: [missing], message: 'Give both lat and lon.', params: { code: 'required' } });
  }
  if (v.commune && v.lat !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['commune'], message: 'Give a commune or coordinates, not both.', params: { code: 'not_allowed' } });
  }
  if (v.radius !== undefined && !v.commune && v.lat === undefined) {
    ctx.addIssue({ code: 'custom', path: ['radius'], message: 'A radius needs a commune or lat/lon.', params: { code: 'needs_place' } });
  }
}

export const offerSearchQuery = z
  .object({ ...baseQuery, contractTypes: listParam(z.enum(CONTRACT_TYPES)) })
  .superRefine(placeRules);
export const slotSearchQuery = z.object(baseQuery).superRefine(placeRules);
export const youthSearchQuery = z
  .object({ ...baseQuery, contractTypes: listParam(z.enum(CONTRACT_TYPES)) })
  .superRefine(placeRules);

export type PlaceQuery = { commune?: string; lat?: number; lon?: number; radius?: number };

const geo = z.object({ lat: z.number(), lng: z.number() });
const distance = z.number().nullable().openapi({ description: 'Great-circle km from the searched place, or null.' });

export const offerHitSchema = z
  .object({
    id: z.uuid(),
    employerId: z.uuid(),
    status: z.string(),
    title: z.string(),
    description: z.string(),
    romeCode: z.string(),
    requiredSkills: z.array(z.string()),
    niceToHaveSkills: z.array(z.string()),
    contractType: z.string(),
    schedules: z.array(z.string()),
    hoursPerWeek: z.number(),
    minEducationLevel: z.string().nullable(),
    drivingLicenceRequired: z.boolean(),
    communeInsee: z.string(),
    communeName: z.string(),
    location: geo,
    positions: z.number(),
    startDate: z.string().nullable(),
    expiresAt: z.string().nullable(),
    publishedAt: z.string().nullable(),
    distanceKm: distance,
  })
  .openapi('OfferHit');

export const slotHitSchema = z
  .object({
    id: z.uuid(),
    employerId: z.uuid(),
    status: z.string(),
    title: z.string(),
    romeCode: z.string(),
    activities: z.string(),
    schedules: z.array(z.string()),
    hoursPerWeek: z.number(),
    communeInsee: z.string(),
    communeName: z.string(),
    location: geo,
    capacity: z.number(),
    availableFrom: z.string(),
    availableTo: z.string(),
    distanceKm: distance,
  })
  .openapi('ImmersionSlotHit');

/** What an advisor sees in a youth search: the anonymised projection and the youth id. */
export const youthHitSchema = z
  .object({
    id: z.uuid(),
    pseudonym: z.string(),
    targetRomeCodes: z.array(z.string()),
    skills: z.array(z.string()),
    educationLevel: z.string(),
    languages: z.array(z.string()),
    experiences: z.array(z.string()),
    contractTypes: z.array(z.string()),
    schedules: z.array(z.string()),
    availableFrom: z.string().nullable(),
    distanceKm: distance,
  })
  .openapi('YouthHit');

export const searchPage = <T extends z.ZodType>(item: T, name: string) =>
  z
    .object({
      items: z.array(item),
      total: z.number().int().openapi({ description: `Matches, counted exactly up to ${MAX_TOTAL_HITS}; counting stops there.` }),
      totalEstimated: z
        .boolean()
        .openapi({ description: `True when total reached ${MAX_TOTAL_HITS}: there may be more matches (as Meilisearch's estimatedTotalHits).` }),
      limit: z.number().int(),
      offset: z.number().int(),
      engine: z.string(),
    })
    .openapi(name);
