import { sql, type SQL } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';
import {
  BARRIERS,
  CONTRACT_TYPES,
  EDUCATION_LEVELS,
  GENDERS,
  SCHEDULES,
  TRANSPORT_MODES,
  type Barrier,
  type ContractType,
  type EducationLevel,
  type Experience,
  type Gender,
  type Language,
  type Schedule,
  type TransportMode,
} from '../../src/domain/youth-profile.js';
import { structures, users } from './accounts.js';

const valueList = (values: readonly string[]): SQL => sql.raw(values.map((v) => `'${v}'`).join(', '));

/**
 * A young person followed by a Mission Locale (see src/domain/youth-profile.ts). The columns
 * come in blocks: identity (personal data and protected attributes, never indexed for search
 * nor read by scoring), the professional profile, mobility, barriers (advisor-only), consent.
 * Lists of plain values are text arrays checked against the domain's value lists; languages
 * and experiences, lists of small records always read whole, are jsonb.
 */
export const youth = pgTable(
  'youth',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    structureId: uuid('structure_id')
      .notNull()
      .references(() => structures.id),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),

    // --- Identity (PII) ---
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    birthDate: date('birth_date').notNull(),
    gender: text('gender').$type<Gender>().notNull(),
    /** Stored lower-cased and trimmed. */
    email: text('email').notNull(),
    /** E.164. */
    phone: text('phone').notNull(),
    address: text('address'),
    communeInsee: varchar('commune_insee', { length: 5 }).notNull(),
    postcode: varchar('postcode', { length: 5 }).notNull(),
    /** ISO 3166-1 alpha-2. */
    nationality: varchar('nationality', { length: 2 }),
    photoUrl: text('photo_url'),
    qpv: boolean('qpv').notNull().default(false),
    rqth: boolean('rqth').notNull().default(false),
    /** First and last name folded by passerelle_normalize(): the name search (trigram index, see migrations). */
    searchName: text('search_name').generatedAlwaysAs(sql`passerelle_normalize(first_name || ' ' || last_name)`),

    // --- Professional profile ---
    targetRomeCodes: varchar('target_rome_codes', { length: 5 }).array().notNull().default(sql`'{}'`),
    skills: text('skills').array().notNull().default(sql`'{}'`),
    languages: jsonb('languages').$type<Language[]>().notNull().default([]),
    educationLevel: text('education_level').$type<EducationLevel>().notNull(),
    experiences: jsonb('experiences').$type<Experience[]>().notNull().default([]),
    availableFrom: date('available_from').notNull(),
    maxHoursPerWeek: integer('max_hours_per_week').notNull(),
    schedules: text('schedules').array().$type<Schedule[]>().notNull(),
    contractTypes: text('contract_types').array().$type<ContractType[]>().notNull().default(sql`'{}'`),

    // --- Mobility ---
    transportModes: text('transport_modes').array().$type<TransportMode[]>().notNull().default(sql`'{}'`),
    drivingLicence: boolean('driving_licence').notNull(),
    maxCommuteMinutes: integer('max_commute_minutes').notNull(),

    // --- Barriers (*freins*): advisor-only ---
    barriers: text('barriers').array().$type<Barrier[]>().notNull().default(sql`'{}'`),

    // --- Consent to show the anonymised profile to employers ---
    consentAnonymisedSharing: boolean('consent_anonymised_sharing').notNull().default(false),
    /** Server time when consent was (last) given; null while not given. */
    consentGivenAt: timestamp('consent_given_at', { withTimezone: true }),
    /** Server time of the last withdrawal, kept as evidence of when sharing had to stop. */
    consentWithdrawnAt: timestamp('consent_withdrawn_at', { withTimezone: true }),

    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('youth_structure_idx').on(t.structureId, t.lastName, t.firstName),
    check('youth_gender', sql`${t.gender} in (${valueList(GENDERS)})`),
    check('youth_education_level', sql`${t.educationLevel} in (${valueList(EDUCATION_LEVELS)})`),
    check('youth_schedules', sql`${t.schedules} <@ array[${valueList(SCHEDULES)}]::text[]`),
    check('youth_contract_types', sql`${t.contractTypes} <@ array[${valueList(CONTRACT_TYPES)}]::text[]`),
    check('youth_transport_modes', sql`${t.transportModes} <@ array[${valueList(TRANSPORT_MODES)}]::text[]`),
    check('youth_barriers', sql`${t.barriers} <@ array[${valueList(BARRIERS)}]::text[]`),
    check('youth_max_hours_per_week', sql`${t.maxHoursPerWeek} between 1 and 48`),
    check('youth_max_commute_minutes', sql`${t.maxCommuteMinutes} between 1 and 240`),
    check('youth_consent', sql`not ${t.consentAnonymisedSharing} or ${t.consentGivenAt} is not null`),
  ],
);
