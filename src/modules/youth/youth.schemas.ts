import { z } from '@hono/zod-openapi';
import { PROTECTED_CATEGORIES } from '../../domain/protected-passages.js';
import {
  calendarDate,
  communeInseeSchema,
  emailSchema,
  listOf,
  pageQuery,
  phoneSchema,
  plainText,
  postcodeSchema,
  romeCodeSchema,
  singleLineText,
  withCode,
} from '../../http/fields.js';
import { TRAVEL_TIME_BANDS } from '../../domain/anonymisation.js';
import {
  BARRIERS,
  CONTRACT_TYPES,
  EDUCATION_LEVELS,
  GENDERS,
  LANGUAGE_LEVELS,
  SCHEDULES,
  TRANSPORT_MODES,
} from '../../domain/youth-profile.js';

const distinct = <T>(values: T[]): T[] => [...new Set(values)];

const name = singleLineText({ max: 100 });
const isoDate = calendarDate;

const languageSchema = z
  .object({
    code: z
      .string()
      .trim()
      .toLowerCase()
      .refine((v) => /^[a-z]{2,3}$/.test(v), withCode('invalid_language', 'An ISO 639 language code, e.g. fr, en, ar.')),
    level: z.enum(LANGUAGE_LEVELS),
  })
  .openapi('Language');

const languagesSchema = z
  .array(languageSchema)
  .max(20)
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((language, i) => {
      if (seen.has(language.code))
        ctx.addIssue({ code: 'custom', path: [i, 'code'], message: 'This language is already listed.', params: { code: 'duplicate' } });
      seen.add(language.code);
    });
  });

const experienceSchema = z
  .object({
    title: singleLineText({ max: 200 }),
    romeCode: romeCodeSchema.nullable().default(null),
    months: z.number().int().min(0).max(600),
    description: plainText({ min: 0, max: 2000 }).default(''),
  })
  .openapi('Experience');

/** Target occupations: duplicates are refused (not merged) so that error paths keep pointing at what was sent. */
const targetRomeCodesSchema = z
  .array(romeCodeSchema)
  .max(10)
  .superRefine((codes, ctx) => {
    codes.forEach((code, i) => {
      if (codes.indexOf(code) < i)
        ctx.addIssue({ code: 'custom', path: [i], message: 'This ROME code is already listed.', params: { code: 'duplicate' } });
    });
  });

const availabilityFields = {
  /** Past dates are fine: "available since". */
  from: isoDate,
  maxHoursPerWeek: z.number().int().min(1).max(48),
  schedules: z.array(z.enum(SCHEDULES)).min(1).max(SCHEDULES.length).transform(distinct),
};
const availabilitySchema = z.object(availabilityFields).openapi('Availability');

const mobilityFields = {
  modes: z.array(z.enum(TRANSPORT_MODES)).max(TRANSPORT_MODES.length).transform(distinct),
  drivingLicence: z.boolean(),
  /** The young person's own tolerance for a one-way commute. */
  maxCommuteMinutes: z.number().int().min(1).max(240),
};
const mobilitySchema = z.object(mobilityFields).openapi('Mobility');

const consentInput = z
  .object({ anonymisedSharing: z.boolean() })
  .openapi('ConsentInput', { description: 'The date is recorded by the server when consent is given.' });

/** Every field of a profile as sent by an advisor; create and patch differ by what is required. */
const fields = {
  // Identity (personal data)
  firstName: name,
  lastName: name,
  birthDate: isoDate,
  gender: z.enum(GENDERS),
  email: emailSchema,
  phone: phoneSchema,
  address: singleLineText({ max: 200 }).nullable(),
  communeInsee: communeInseeSchema,
  postcode: postcodeSchema,
  nationality: z
    .string()
    .trim()
    .toUpperCase()
    .refine((v) => /^[A-Z]{2}$/.test(v), withCode('invalid_country', 'An ISO 3166 country code, e.g. FR.'))
    .nullable(),
  photoUrl: z.url({ protocol: /^https$/, error: 'An https URL.' }).max(2000).nullable(),
  qpv: z.boolean(),
  rqth: z.boolean(),
  // Professional
  targetRomeCodes: targetRomeCodesSchema,
  skills: z.array(singleLineText({ max: 100 })).max(50).transform(distinct),
  languages: languagesSchema,
  educationLevel: z.enum(EDUCATION_LEVELS),
  experiences: z.array(experienceSchema).max(30),
  availability: availabilitySchema,
  contractTypes: z.array(z.enum(CONTRACT_TYPES)).max(CONTRACT_TYPES.length).transform(distinct),
  mobility: mobilitySchema,
  barriers: z.array(z.enum(BARRIERS)).max(BARRIERS.length).transform(distinct),
  consent: consentInput,
};

const communeHint =
  'The commune: its INSEE code, or a postcode that belongs to exactly one commune (send both when the postcode is shared).';

export const createYouthBody = z
  .object({
    ...fields,
    gender: fields.gender.default('undisclosed'),
    address: fields.address.default(null),
    communeInsee: fields.communeInsee.optional().openapi({ description: communeHint }),
    postcode: fields.postcode.optional().openapi({ description: communeHint }),
    nationality: fields.nationality.default(null),
    photoUrl: fields.photoUrl.default(null),
    qpv: fields.qpv.default(false),
    rqth: fields.rqth.default(false),
    targetRomeCodes: fields.targetRomeCodes.default([]),
    skills: fields.skills.default([]),
    languages: fields.languages.default([]),
    experiences: fields.experiences.default([]),
    contractTypes: fields.contractTypes.default([]),
    barriers: fields.barriers.default([]),
    consent: fields.consent.default({ anonymisedSharing: false }),
  })
  .superRefine((v, ctx) => {
    if (v.communeInsee === undefined && v.postcode === undefined)
      ctx.addIssue({ code: 'custom', path: ['communeInsee'], message: communeHint, params: { code: 'required' } });
  })
  .openapi('CreateYouth');
export type CreateYouthInput = z.infer<typeof createYouthBody>;

/** Top-level fields replace what is stored; `availability` and `mobility` may be sent in part. */
export const updateYouthBody = z
  .object({
    firstName: fields.firstName.optional(),
    lastName: fields.lastName.optional(),
    birthDate: fields.birthDate.optional(),
    gender: fields.gender.optional(),
    email: fields.email.optional(),
    phone: fields.phone.optional(),
    address: fields.address.optional(),
    communeInsee: fields.communeInsee.optional().openapi({ description: communeHint }),
    postcode: fields.postcode.optional().openapi({ description: communeHint }),
    nationality: fields.nationality.optional(),
    photoUrl: fields.photoUrl.optional(),
    qpv: fields.qpv.optional(),
    rqth: fields.rqth.optional(),
    targetRomeCodes: fields.targetRomeCodes.optional(),
    skills: fields.skills.optional(),
    languages: fields.languages.optional(),
    educationLevel: fields.educationLevel.optional(),
    experiences: fields.experiences.optional(),
    availability: z.object(availabilityFields).partial().optional(),
    contractTypes: fields.contractTypes.optional(),
    mobility: z.object(mobilityFields).partial().optional(),
    barriers: fields.barriers.optional(),
    consent: fields.consent.optional(),
  })
  .openapi('UpdateYouth');
export type UpdateYouthInput = z.infer<typeof updateYouthBody>;

const timestamp = z.iso.datetime();

export const youthSchema = z
  .object({
    id: z.uuid(),
    structureId: z.uuid(),
    firstName: z.string(),
    lastName: z.string(),
    birthDate: z.string().openapi({ example: '2006-04-12' }),
    gender: z.enum(GENDERS),
    email: z.string(),
    phone: z.string().openapi({ example: '+33612345678' }),
    address: z.string().nullable(),
    communeInsee: z.string(),
    communeName: z.string().nullable(),
    postcode: z.string(),
    nationality: z.string().nullable(),
    photoUrl: z.string().nullable(),
    qpv: z.boolean(),
    rqth: z.boolean(),
    targetRomeCodes: z.array(z.string()),
    skills: z.array(z.string()),
    languages: z.array(languageSchema),
    educationLevel: z.enum(EDUCATION_LEVELS),
    experiences: z.array(experienceSchema),
    availability: availabilitySchema,
    contractTypes: z.array(z.enum(CONTRACT_TYPES)),
    mobility: mobilitySchema,
    barriers: z.array(z.enum(BARRIERS)),
    consent: z
      .object({ anonymisedSharing: z.boolean(), givenAt: timestamp.nullable(), withdrawnAt: timestamp.nullable() })
      .openapi('Consent'),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .openapi('Youth');

/** What a list shows: enough to recognise someone, nothing of the professional profile or barriers. */
export const youthSummarySchema = z
  .object({
    id: z.uuid(),
    structureId: z.uuid(),
    firstName: z.string(),
    lastName: z.string(),
    birthDate: z.string(),
    email: z.string(),
    phone: z.string(),
    communeInsee: z.string(),
    communeName: z.string().nullable(),
    targetRomeCodes: z.array(z.string()),
    consentGiven: z.boolean(),
    updatedAt: timestamp,
  })
  .openapi('YouthSummary');

export const youthListSchema = listOf(youthSummarySchema, 'YouthList');

export const searchYouthQuery = pageQuery.extend({
  q: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .openapi({ description: 'Start of the first and/or last name, any order, accents and case ignored.', example: 'mart camille' }),
  structureId: z.uuid().optional().openapi({ description: 'Admins only: one structure.' }),
});

export const anonymisedYouthSchema = z
  .object({
    pseudonym: z.string().openapi({ example: 'Candidat·e 7F3A' }),
    targetRomeCodes: z.array(z.string()),
    skills: z.array(z.string()),
    educationLevel: z.enum(EDUCATION_LEVELS),
    languages: z.array(languageSchema),
    experiences: z.array(experienceSchema),
    availability: availabilitySchema,
    contractTypes: z.array(z.enum(CONTRACT_TYPES)),
    travelTimeBand: z.enum(TRAVEL_TIME_BANDS).nullable(),
    drivingLicence: z.boolean().optional(),
  })
  .openapi('AnonymisedYouth', { description: 'What an employer would see of this youth before accepting them.' });

/** The advisor's preview of the employer view, with the passages it leaves out. */
export const anonymisedPreviewSchema = anonymisedYouthSchema
  .extend({
    flags: z
      .array(z.object({ path: z.string(), category: z.enum(PROTECTED_CATEGORIES), passage: z.string() }))
      .openapi({ description: 'Passages that mention a protected attribute (origin, religion, health, family…): left out of employer views; reword them.' }),
  })
  .openapi('AnonymisedYouthPreview');
