import { z } from '@hono/zod-openapi';
import { COMPONENTS } from '../../domain/matching/index.js';
import { CONTRACT_TYPES, TRANSPORT_MODES } from '../../domain/youth-profile.js';
import { OPPORTUNITY_TYPES } from './opportunities.js';
import { DECLINE_REASONS, MATCH_OUTCOMES, MATCH_STATUSES } from '../../domain/match-lifecycle.js';
import { AGREEMENT_STATUSES, ATTENDANCE } from '../../domain/immersion-agreement-lifecycle.js';
import { TRAVEL_TIME_BANDS } from '../../domain/anonymisation.js';
import { listOf, pageQuery } from '../../http/fields.js';
import { anonymisedYouthSchema } from '../youth/index.js';

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

// --- Matches ---

export const proposeMatchBody = z
  .object({
    youthId: z.uuid(),
    offerId: z.uuid().optional(),
    slotId: z.uuid().optional(),
  })
  .refine((b) => (b.offerId === undefined) !== (b.slotId === undefined), {
    error: 'Give either offerId or slotId.',
    path: ['offerId'],
    params: { code: 'one_target' },
  })
  .openapi('ProposeMatch');
export type ProposeMatchBody = z.infer<typeof proposeMatchBody>;

export const declineMatchBody = z.object({ reason: z.enum(DECLINE_REASONS) }).openapi('DeclineMatch');
export const outcomeBody = z.object({ outcome: z.enum(MATCH_OUTCOMES) }).openapi('MatchOutcome');

export const listMatchesQuery = pageQuery.extend({
  status: z.enum(MATCH_STATUSES).optional(),
  offerId: z.uuid().optional(),
  slotId: z.uuid().optional(),
  youthId: z.uuid().optional(),
});
export type ListMatchesQuery = z.infer<typeof listMatchesQuery>;

export const matchSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(MATCH_STATUSES),
    opportunity: opportunitySummarySchema,
    score: z.number().int(),
    explanation: z.object({ components: scoreFields.components, reasons: z.array(reasonSchema) }),
    travelBand: z.enum(TRAVEL_TIME_BANDS).nullable(),
    declineReason: z.enum(DECLINE_REASONS).nullable(),
    proposedAt: z.string(),
    answeredAt: z.string().nullable(),
    outcomeAt: z.string().nullable(),
    immersion: z
      .object({
        agreementId: z.uuid(),
        status: z.enum(AGREEMENT_STATUSES),
        assessment: z
          .object({ attendance: z.enum(ATTENDANCE), wouldHire: z.boolean(), assessedAt: z.iso.datetime() })
          .nullable()
          .openapi({ description: "The tutor's assessment once received: attendance, and whether they would hire the youth." }),
      })
      .nullable()
      .openapi('MatchImmersion', {
        description: 'The immersion agreement (PMSMP) prepared from this match: the one in play, else the latest; null when none.',
      }),
    youth: z.object({ id: z.uuid(), firstName: z.string(), lastName: z.string() }).nullable().openapi({ description: 'Advisors and admins only.' }),
    candidate: anonymisedYouthSchema.nullable().openapi({ description: 'Employers: the anonymised profile, under a pseudonym proper to this match.' }),
    contact: z
      .object({ firstName: z.string(), lastName: z.string(), email: z.string(), phone: z.string() })
      .nullable()
      .openapi({ description: 'Employers, once they accepted: who the youth is (each reveal is audited).' }),
  })
  .openapi('Match');

export const matchListSchema = listOf(matchSchema, 'MatchList');
