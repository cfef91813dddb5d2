import { sql } from 'drizzle-orm';
import { bigserial, boolean, check, doublePrecision, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import {
  EVENT_KINDS,
  EVENT_STATUSES,
  EVENT_THEMES,
  REGISTRANT_KINDS,
  REGISTRATION_LINK_PURPOSES,
  REGISTRATION_STATUSES,
} from '../../src/domain/event-lifecycle.js';
import { employers, structures, users } from './accounts.js';
import { sqlList } from './offers.js';
import { youth } from './youth.js';

export const eventKindEnum = pgEnum('event_kind', EVENT_KINDS);
export const eventStatusEnum = pgEnum('event_status', EVENT_STATUSES);
export const registrantKindEnum = pgEnum('registrant_kind', REGISTRANT_KINDS);
export const registrationStatusEnum = pgEnum('registration_status', REGISTRATION_STATUSES);

/** A job forum, a collective workshop or an information session run by a structure's organisers. */
export const events = pgTable(
  'events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    structureId: uuid('structure_id')
      .notNull()
      .references(() => structures.id),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    kind: eventKindEnum('kind').notNull(),
    status: eventStatusEnum('status').notNull().default('draft'),
    title: text('title').notNull(),
    description: text('description').notNull(),
    themes: text('themes').array().notNull().default(sql`'{}'`),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    registrationDeadline: timestamp('registration_deadline', { withTimezone: true }).notNull(),
    /** Where it happens, when it happens somewhere: an address in a commune (its centre locates it). */
    address: text('address'),
    communeInsee: varchar('commune_insee', { length: 5 }),
    communeName: text('commune_name'),
    postcode: varchar('postcode', { length: 5 }),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    onlineUrl: text('online_url'),
    youthCapacity: integer('youth_capacity').notNull(),
    /** Employer stands, at forums only. */
    standCapacity: integer('stand_capacity'),
    isPublic: boolean('is_public').notNull().default(false),
    /** Bumped when the time or the place changes: the SEQUENCE of the calendar invitations sent. */
    revision: integer('revision').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('events_structure_idx').on(t.structureId, t.startsAt),
    index('events_published_idx').on(t.startsAt).where(sql`${t.status} = 'published'`),
    check('events_ends_after_start', sql`${t.endsAt} > ${t.startsAt}`),
    check('events_deadline_before_start', sql`${t.registrationDeadline} <= ${t.startsAt}`),
    check('events_youth_capacity', sql`${t.youthCapacity} >= 1`),
    check('events_stands_at_forums', sql`(${t.standCapacity} is null) = (${t.kind} <> 'forum') and coalesce(${t.standCapacity}, 1) >= 1`),
    check('events_somewhere', sql`${t.communeInsee} is not null or ${t.onlineUrl} is not null`),
    check('events_themes', sql`${t.themes} <@ array[${sqlList(EVENT_THEMES)}]::text[]`),
  ],
);

/**
 * One table for every registration to an event: youth registered by their advisor, employer
 * stands at forums, members of the public. `seq` is the arrival order, which orders the
 * waitlist. One active registration per youth, employer or e-mail and event.
 */
export const eventRegistrations = pgTable(
  'event_registrations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    /** Moved back to the waitlist when the capacity went down: ahead of those who never had a seat. */
    bumped: boolean('bumped').notNull().default(false),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id),
    kind: registrantKindEnum('kind').notNull(),
    status: registrationStatusEnum('status').notNull(),
    youthId: uuid('youth_id').references(() => youth.id, { onDelete: 'cascade' }),
    employerId: uuid('employer_id').references(() => employers.id),
    /** The offers an employer brings to its stand. */
    offerIds: uuid('offer_ids').array().notNull().default(sql`'{}'`),
    fullName: text('full_name'),
    email: text('email'),
    phone: text('phone'),
    registeredBy: uuid('registered_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('event_registrations_event_idx').on(t.eventId, t.status, t.seq),
    uniqueIndex('event_registrations_youth_uq')
      .on(t.eventId, t.youthId)
      .where(sql`${t.youthId} is not null and ${t.status} in ('pending_confirmation', 'confirmed', 'waitlisted')`),
    // Members of the public are told apart by their e-mail, whatever its case.
    uniqueIndex('event_registrations_email_uq')
      .on(t.eventId, sql`lower(${t.email})`)
      .where(sql`${t.kind} = 'public' and ${t.status} in ('pending_confirmation', 'confirmed', 'waitlisted')`),
    uniqueIndex('event_registrations_employer_uq')
      .on(t.eventId, t.employerId)
      .where(sql`${t.employerId} is not null and ${t.status} in ('pending_confirmation', 'confirmed', 'waitlisted')`),
    // A public request that lapsed unconfirmed keeps no e-mail (its personal data is erased).
    check(
      'event_registrations_registrant',
      sql`(${t.kind} = 'youth' and ${t.youthId} is not null and ${t.employerId} is null)
       or (${t.kind} = 'employer' and ${t.employerId} is not null and ${t.youthId} is null)
       or (${t.kind} = 'public' and (${t.email} is not null or ${t.status} = 'cancelled') and ${t.youthId} is null and ${t.employerId} is null)`,
    ),
  ],
);

export const registrationLinkPurposeEnum = pgEnum('registration_link_purpose', REGISTRATION_LINK_PURPOSES);

/**
 * The single-use links sent to a registrant by e-mail: `confirm` a public registration
 * (double opt-in, valid while the hold lasts), `cancel` a registration (valid until the event
 * ends). Only the token's SHA-256 is stored; the raw token is in the e-mail alone.
 */
export const registrationLinks = pgTable(
  'registration_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    registrationId: uuid('registration_id')
      .notNull()
      .references(() => eventRegistrations.id, { onDelete: 'cascade' }),
    purpose: registrationLinkPurposeEnum('purpose').notNull(),
    tokenHash: text('token_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('registration_links_token_idx').on(t.tokenHash), index('registration_links_registration_idx').on(t.registrationId)],
);
