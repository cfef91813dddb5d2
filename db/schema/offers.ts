import { sql, type SQL } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { OFFER_STATUSES } from '../../src/domain/offer-lifecycle.js';
import { CONTRACT_TYPES, EDUCATION_LEVELS, LICENCE_USES, SCHEDULES } from '../../src/domain/youth-profile.js';
import { employers } from './accounts.js';
import { romeCodes } from './reference.js';

export const offerStatusEnum = pgEnum('offer_status', OFFER_STATUSES);

/** `'a', 'b'` for a check constraint over one of the domain's value arrays. */
export const sqlList = (values: readonly string[]): SQL => sql.raw(values.map((v) => `'${v}'`).join(', '));

/**
 * Where the work happens, shared by offers and immersion slots: always a commune (INSEE code,
 * its name kept alongside: the reference data only changes with a new vintage), and either the
 * commune's centre or precise coordinates given by the employer.
 */
export function workplaceColumns() {
  return {
    communeInsee: varchar('commune_insee', { length: 5 }).notNull(),
    communeName: text('commune_name').notNull(),
    /** The postcode given, or the commune's only one; null when the commune has several. */
    postcode: varchar('postcode', { length: 5 }),
    lat: doublePrecision('lat').notNull(),
    lng: doublePrecision('lng').notNull(),
    /** False: lat/lng are the commune's centre. */
    preciseLocation: boolean('precise_location').notNull().default(false),
  };
}

/** A job offer posted by an employer organisation. */
export const offers = pgTable(
  'offers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    employerId: uuid('employer_id')
      .notNull()
      .references(() => employers.id),
    status: offerStatusEnum('status').notNull().default('draft'),
    title: text('title').notNull(),
    romeCode: varchar('rome_code', { length: 5 })
      .notNull()
      .references(() => romeCodes.code),
    description: text('description').notNull(),
    requiredSkills: text('required_skills').array().notNull().default(sql`'{}'`),
    niceToHaveSkills: text('nice_to_have_skills').array().notNull().default(sql`'{}'`),
    contractType: text('contract_type').notNull(),
    hoursPerWeek: doublePrecision('hours_per_week').notNull(),
    schedules: text('schedules').array().notNull(),
    minEducationLevel: text('min_education_level'),
    drivingLicenceRequired: boolean('driving_licence_required').notNull().default(false),
    /** Read only when the licence is required; `on_duty` (the default) was the only meaning before. */
    drivingLicenceUse: text('driving_licence_use', { enum: LICENCE_USES }).notNull().default('on_duty'),
    ...workplaceColumns(),
    positions: integer('positions').notNull().default(1),
    startDate: date('start_date'),
    /** Last day the offer is open (Europe/Paris); the day after, it closes by itself. */
    expiryDate: date('expiry_date'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('offers_employer_idx').on(t.employerId, t.status),
    index('offers_status_idx').on(t.status, t.createdAt),
    // What the expiry job scans every few minutes.
    index('offers_published_expiry_idx').on(t.expiryDate).where(sql`${t.status} = 'published'`),
    check('offers_contract_type', sql`${t.contractType} in (${sqlList(CONTRACT_TYPES)})`),
    check('offers_schedules', sql`${t.schedules} <@ array[${sqlList(SCHEDULES)}]::text[]`),
    check('offers_min_education_level', sql`${t.minEducationLevel} in (${sqlList(EDUCATION_LEVELS)})`),
    check('offers_driving_licence_use', sql`${t.drivingLicenceUse} in (${sqlList(LICENCE_USES)})`),
    check('offers_hours_per_week', sql`${t.hoursPerWeek} > 0 and ${t.hoursPerWeek} <= 48`),
    check('offers_positions', sql`${t.positions} >= 1`),
  ],
);
