import { z } from '@hono/zod-openapi';
import { calendarDate, hoursPerWeekInput, notPastDate, pageQuery, plainText, romeCodeSchema, schedulesInput, singleLineText, withCode } from '../../http/fields.js';
import { CONTRACT_TYPES, EDUCATION_LEVELS, LICENCE_USES, SCHEDULES } from '../../domain/youth-profile.js';
import { workplaceInput, workplaceSchema } from '../reference/index.js';
import { OFFER_STATUSES } from '../../domain/offer-lifecycle.js';
import { offerDatesError } from './offer-dates.js';

const unique = <T>(values: T[]) => [...new Set(values)];

const skills = z
  .array(singleLineText({ max: 100 }))
  .max(40)
  .transform(unique)
  .openapi({ example: ['Accueil client', 'Encaissement'] });

// --- Offers ---

const offerFields = {
  title: singleLineText({ max: 200 }).openapi({ example: 'Vendeur·se en boulangerie' }),
  romeCode: romeCodeSchema,
  description: plainText({ max: 10_000 }),
  requiredSkills: skills,
  niceToHaveSkills: skills,
  /**
   * One concept for immersions: a place for an immersion is an immersion slot, and an
   * immersion itself is an agreement (src/modules/immersions). `immersion` among a youth's
   * contract types says they seek immersions (slots); an offer is a job and is never one.
   */
  contractType: z
    .enum(CONTRACT_TYPES)
    .refine((v) => v !== 'immersion', withCode('immersion_is_a_slot', 'An immersion is not an offer: open an immersion slot (POST /v1/immersion-slots).')),
  hoursPerWeek: hoursPerWeekInput,
  schedules: schedulesInput,
  minEducationLevel: z
    .enum(EDUCATION_LEVELS)
    .nullable()
    .openapi({ description: "French qualification level: 3 = CAP/BEP, 4 = Bac, 5 = Bac+2… 'none': no diploma needed; null: unspecified." }),
  drivingLicenceRequired: z.boolean(),
  drivingLicenceUse: z.enum(LICENCE_USES).openapi({
    description:
      "Why the licence is required: 'on_duty' (driving is part of the job: a youth without a licence is never matched) or 'commute' (only to get there: a youth without a licence is matched when another of their transport modes reaches the workplace within 1.5 × their tolerance).",
  }),
  workplace: workplaceInput,
  positions: z.number().int().min(1).max(1000),
  startDate: calendarDate.nullable(),
  /** The last day the offer stays open. */
  expiryDate: notPastDate.nullable().openapi({ description: 'Last day the offer is open (Europe/Paris); it closes by itself the day after.' }),
};

export const createOfferBody = z
  .object({
    ...offerFields,
    requiredSkills: offerFields.requiredSkills.default([]),
    niceToHaveSkills: offerFields.niceToHaveSkills.default([]),
    minEducationLevel: offerFields.minEducationLevel.default(null),
    drivingLicenceRequired: offerFields.drivingLicenceRequired.default(false),
    drivingLicenceUse: offerFields.drivingLicenceUse.default('on_duty'),
    positions: offerFields.positions.default(1),
    startDate: offerFields.startDate.default(null),
    expiryDate: offerFields.expiryDate.default(null),
    employerId: z.uuid().optional().openapi({ description: "Admins only: the employer organisation the offer belongs to." }),
  })
  .superRefine((v, ctx) => {
    const error = offerDatesError(v.startDate, v.expiryDate);
    if (error) ctx.addIssue({ code: 'custom', path: [error.path], message: error.message, params: { code: error.code } });
  })
  .openapi('CreateOffer');
export type CreateOfferInput = z.infer<typeof createOfferBody>;

/** Every field optional; `workplace` is replaced as a whole; null clears a nullable field. */
export const updateOfferBody = z
  .object({
    title: offerFields.title.optional(),
    romeCode: offerFields.romeCode.optional(),
    description: offerFields.description.optional(),
    requiredSkills: offerFields.requiredSkills.optional(),
    niceToHaveSkills: offerFields.niceToHaveSkills.optional(),
    contractType: offerFields.contractType.optional(),
    hoursPerWeek: offerFields.hoursPerWeek.optional(),
    schedules: offerFields.schedules.optional(),
    minEducationLevel: offerFields.minEducationLevel.optional(),
    drivingLicenceRequired: offerFields.drivingLicenceRequired.optional(),
    drivingLicenceUse: offerFields.drivingLicenceUse.optional(),
    workplace: offerFields.workplace.optional(),
    positions: offerFields.positions.optional(),
    startDate: offerFields.startDate.optional(),
    expiryDate: offerFields.expiryDate.optional(),
  })
  .openapi('UpdateOffer');
export type UpdateOfferInput = z.infer<typeof updateOfferBody>;

export const offerSchema = z
  .object({
    id: z.uuid(),
    employerId: z.uuid(),
    employerName: z.string(),
    status: z.enum(OFFER_STATUSES).openapi({ description: 'An offer past its expiry date reads as closed.' }),
    title: z.string(),
    romeCode: z.string(),
    romeLabel: z.string(),
    description: z.string(),
    requiredSkills: z.array(z.string()),
    niceToHaveSkills: z.array(z.string()),
    contractType: z.enum(CONTRACT_TYPES),
    hoursPerWeek: z.number(),
    schedules: z.array(z.enum(SCHEDULES)),
    minEducationLevel: z.enum(EDUCATION_LEVELS).nullable(),
    drivingLicenceRequired: z.boolean(),
    drivingLicenceUse: z.enum(LICENCE_USES),
    workplace: workplaceSchema,
    positions: z.number().int(),
    startDate: z.string().nullable(),
    expiryDate: z.string().nullable(),
    publishedAt: z.iso.datetime().nullable(),
    closedAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .openapi('Offer');
export type OfferDto = z.infer<typeof offerSchema>;

export const offerListQuery = pageQuery.extend({
  status: z.enum(OFFER_STATUSES).optional(),
  employerId: z.uuid().optional(),
});
export type OfferListQuery = z.infer<typeof offerListQuery>;
