import { z } from '@hono/zod-openapi';
import { calendarDate } from '../../http/fields.js';
import { CONTRACT_TYPES, EDUCATION_LEVELS, SCHEDULES } from '../../domain/youth-profile.js';
import { pageQuery } from '../accounts/accounts.schemas.js';
import { todayInFrance } from './dates.js';
import { workplaceInput, workplaceSchema } from './workplace.js';
import { OFFER_STATUSES } from './offer-states.js';

const unique = <T>(values: T[]) => [...new Set(values)];

// --- Field schemas shared by offers and immersion slots ---

export const romeCodeInput = z
  .string()
  .trim()
  .toUpperCase()
  .min(1)
  .max(10)
  .openapi({ description: 'ROME 4.0 occupation code (France Travail), e.g. D1106.', example: 'D1106' });

export const isoDate = calendarDate;

/** A date from today on (Europe/Paris): an expiry or the end of a period. */
export const notPastDate = isoDate.refine((d) => d >= todayInFrance(), {
  error: 'This date is already past.',
  params: { code: 'in_past' },
});

export const schedulesInput = z
  .array(z.enum(SCHEDULES))
  .min(1, { error: 'Give at least one schedule.' })
  .transform(unique)
  .openapi({ example: ['day'] });

/** At most 48 hours a week: the legal maximum in France, and the immersion limit (DOMAIN.md). */
export const hoursPerWeekInput = z
  .number()
  .positive({ error: 'Hours per week must be positive.' })
  .max(48, { error: 'At most 48 hours a week.' })
  .openapi({ example: 35 });

const skills = z
  .array(z.string().trim().min(1).max(100))
  .max(40)
  .transform(unique)
  .openapi({ example: ['Accueil client', 'Encaissement'] });

// --- Offers ---

const offerFields = {
  title: z.string().trim().min(1).max(200).openapi({ example: 'Vendeur·se en boulangerie' }),
  romeCode: romeCodeInput,
  description: z.string().trim().min(1).max(10_000),
  requiredSkills: skills,
  niceToHaveSkills: skills,
  contractType: z.enum(CONTRACT_TYPES),
  hoursPerWeek: hoursPerWeekInput,
  schedules: schedulesInput,
  minEducationLevel: z
    .enum(EDUCATION_LEVELS)
    .nullable()
    .openapi({ description: "French qualification level: 3 = CAP/BEP, 4 = Bac, 5 = Bac+2… 'none': no diploma needed; null: unspecified." }),
  drivingLicenceRequired: z.boolean(),
  workplace: workplaceInput,
  positions: z.number().int().min(1).max(1000),
  startDate: isoDate.nullable(),
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
    positions: offerFields.positions.default(1),
    startDate: offerFields.startDate.default(null),
    expiryDate: offerFields.expiryDate.default(null),
    employerId: z.uuid().optional().openapi({ description: "Admins only: the employer organisation the offer belongs to." }),
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
