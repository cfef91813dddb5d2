import { sql } from 'drizzle-orm';
import { bigserial, check, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { ACTIVE_MATCH_STATUSES, DECLINE_REASONS, MATCH_STATUSES, type DeclineReason } from '../../src/domain/match-lifecycle.js';
import type { Component, Reason } from '../../src/domain/matching/index.js';
import { employers, structures, users } from './accounts.js';
import { immersionSlots } from './immersion-slots.js';
import { offers, sqlList } from './offers.js';
import { youth } from './youth.js';

export const matchStatusEnum = pgEnum('match_status', MATCH_STATUSES);

/** What the employer is shown of the score, frozen at proposal time (no minutes, no place). */
export interface MatchExplanation {
  components: Record<Component, number>;
  reasons: Reason[];
}

/**
 * A youth proposed by their advisor for an offer or an immersion slot (exactly one). The
 * employer and structure are copied from the offer and the youth for the scope filters.
 */
export const matches = pgTable(
  'matches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    youthId: uuid('youth_id')
      .notNull()
      .references(() => youth.id, { onDelete: 'cascade' }),
    offerId: uuid('offer_id').references(() => offers.id),
    slotId: uuid('slot_id').references(() => immersionSlots.id),
    employerId: uuid('employer_id')
      .notNull()
      .references(() => employers.id),
    structureId: uuid('structure_id')
      .notNull()
      .references(() => structures.id),
    proposedBy: uuid('proposed_by').references(() => users.id, { onDelete: 'set null' }),
    status: matchStatusEnum('status').notNull().default('proposed'),
    score: integer('score').notNull(),
    explanation: jsonb('explanation').$type<MatchExplanation>().notNull(),
    /** Travel-time band ('0-20'…), never minutes; null when it could not be estimated. */
    travelBand: text('travel_band'),
    declineReason: text('decline_reason').$type<DeclineReason>(),
    proposedAt: timestamp('proposed_at', { withTimezone: true }).notNull().defaultNow(),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    outcomeAt: timestamp('outcome_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('matches_one_target', sql`(${t.offerId} is null) <> (${t.slotId} is null)`),
    check('matches_decline_reason', sql`${t.declineReason} in (${sqlList(DECLINE_REASONS)})`),
    check('matches_score', sql`${t.score} between 0 and 100`),
    // One active proposal per pair, whatever the concurrency.
    uniqueIndex('matches_active_offer_key').on(t.youthId, t.offerId).where(sql`${t.offerId} is not null and ${t.status} in (${sqlList(ACTIVE_MATCH_STATUSES)})`),
    uniqueIndex('matches_active_slot_key').on(t.youthId, t.slotId).where(sql`${t.slotId} is not null and ${t.status} in (${sqlList(ACTIVE_MATCH_STATUSES)})`),
    index('matches_employer_idx').on(t.employerId, t.proposedAt),
    index('matches_structure_idx').on(t.structureId, t.proposedAt),
    index('matches_youth_idx').on(t.youthId),
  ],
);

/**
 * Every time a youth's contact details are shown to an employer (DOMAIN.md, staged disclosure):
 * who saw them, which fields, when, for which match, and why.
 */
export const identityReveals = pgTable(
  'identity_reveals',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    matchId: uuid('match_id')
      .notNull()
      .references(() => matches.id, { onDelete: 'cascade' }),
    youthId: uuid('youth_id').notNull(),
    viewerUserId: uuid('viewer_user_id').references(() => users.id, { onDelete: 'set null' }),
    fields: text('fields').array().notNull(),
    reason: text('reason').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('identity_reveals_match_idx').on(t.matchId, t.id)],
);
