import { sql } from 'drizzle-orm';
import { check, date, doublePrecision, index, integer, pgEnum, pgTable, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';
import { SLOT_STATUSES } from '../../src/domain/immersion-slot-lifecycle.js';
import { SCHEDULES } from '../../src/domain/youth-profile.js';
import { employers } from './accounts.js';
import { sqlList, workplaceColumns } from './offers.js';
import { romeAppellations, romeCodes } from './reference.js';

export const immersionSlotStatusEnum = pgEnum('immersion_slot_status', SLOT_STATUSES);

/**
 * A place an employer offers for immersions (PMSMP, *période de mise en situation en milieu
 * professionnel*): a short unpaid discovery period, prescribed by the Mission Locale.
 */
export const immersionSlots = pgTable(
  'immersion_slots',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    employerId: uuid('employer_id')
      .notNull()
      .references(() => employers.id),
    status: immersionSlotStatusEnum('status').notNull().default('open'),
    romeCode: varchar('rome_code', { length: 5 })
      .notNull()
      .references(() => romeCodes.code),
    /** The job title (ROME appellation) when the employer chose one; it implies rome_code. */
    appellationOgr: integer('appellation_ogr').references(() => romeAppellations.ogr),
    activities: text('activities').notNull(),
    ...workplaceColumns(),
    tutorName: text('tutor_name').notNull(),
    tutorJob: text('tutor_job').notNull(),
    tutorEmail: text('tutor_email').notNull(),
    /** E.164. */
    tutorPhone: text('tutor_phone').notNull(),
    capacity: integer('capacity').notNull(),
    availableFrom: date('available_from').notNull(),
    availableTo: date('available_to').notNull(),
    schedules: text('schedules').array().notNull(),
    hoursPerWeek: doublePrecision('hours_per_week').notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('immersion_slots_employer_idx').on(t.employerId, t.status),
    index('immersion_slots_status_idx').on(t.status, t.createdAt),
    check('immersion_slots_schedules', sql`${t.schedules} <@ array[${sqlList(SCHEDULES)}]::text[]`),
    // DOMAIN.md: at most 48 h in any week of an immersion.
    check('immersion_slots_hours_per_week', sql`${t.hoursPerWeek} > 0 and ${t.hoursPerWeek} <= 48`),
    check('immersion_slots_capacity', sql`${t.capacity} >= 1`),
    check('immersion_slots_period', sql`${t.availableFrom} <= ${t.availableTo}`),
  ],
);
