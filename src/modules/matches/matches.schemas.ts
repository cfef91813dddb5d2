import { z } from '@hono/zod-openapi';
import { COMPONENTS } from '../../domain/matching/index.js';
import { CONTRACT_TYPES, TRANSPORT_MODES } from '../../domain/youth-profile.js';
import { OPPORTUNITY_TYPES } from './opportunities.js';

const limit = z.coerce.number().int().min(1).max(100).default(20);

export const suggestionsQuery = z.object({
  type: z.enum(OPPORTUNITY_TYPES).default('offer').openapi({ description: 'Offers (default) or immersion slots.' }),
  limit,
});

export const candidatesQuery = z.object({ limit });

export const reasonSchema = z.object({
  component: z.enum(COMPONENTS),
  code: z.string().openapi({ example: 'travel_ok' }),
  text: z.string().openapi({ example: '25 min en transports en commun (6 km)' }),
});

const componentsSchema = z.object(Object.fromEntries(COMPONENTS.map((c) => [c, z.number().min(0).max(1)])) as Record<(typeof COMPONENTS)[number], z.ZodNumber>);

export const travelSchema = z
  .object({ mode: z.enum(TRANSPORT_MODES), km: z.number(), minutes: z.number().int() })
  .openapi('TravelEstimate', { description: 'Straight line × detour ÷ speed + access time, for the best mode the youth has.' });

/** The score and why: shown to advisors (employers see it without the travel minutes). */
export const scoreFields = {
  eligible: z.boolean(),
  score: z.number().int().min(0).max(100),
  components: componentsSchema,
  reasons: z.array(reasonSchema),
  blockers: z.array(reasonSchema),
  travel: travelSchema.nullable(),
};

export const opportunitySummarySchema = z
  .object({
    type: z.enum(OPPORTUNITY_TYPES),
    id: z.uuid(),
    employerId: z.uuid(),
    title: z.string(),
    romeCode: z.string(),
    romeLabel: z.string(),
    communeInsee: z.string(),
    communeName: z.string(),
    contractType: z.enum(CONTRACT_TYPES),
  })
  .openapi('OpportunitySummary');

export const suggestionsSchema = z
  .object({
    youthId: z.uuid(),
    type: z.enum(OPPORTUNITY_TYPES),
    items: z.array(z.object({ opportunity: opportunitySummarySchema, ...scoreFields })),
  })
  .openapi('Suggestions');

export const candidatesSchema = z
  .object({
    opportunity: opportunitySummarySchema,
    items: z.array(
      z.object({
        youth: z.object({ id: z.uuid(), firstName: z.string(), lastName: z.string(), communeName: z.string().nullable() }),
        ...scoreFields,
      }),
    ),
  })
  .openapi('Candidates');
