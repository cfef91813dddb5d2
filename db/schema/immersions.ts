import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { AGREEMENT_STATUSES, ATTENDANCE, IMMERSION_OBJECTIVES, SIGNATORY_PARTIES } from '../../src/domain/immersion-agreement-lifecycle.js';
import type { ScheduleDay } from '../../src/domain/immersion-rules.js';
import { employers, structures, users } from './accounts.js';
import { immersionSlots } from './immersion-slots.js';
import { matches } from './matches.js';
import { sqlList } from './offers.js';
import { youth } from './youth.js';

export const immersionAgreementStatusEnum = pgEnum('immersion_agreement_status', AGREEMENT_STATUSES);
export const immersionLinkPurposeEnum = pgEnum('immersion_link_purpose', ['sign', 'assess']);

/**
 * An immersion agreement (*convention de PMSMP*) between a youth, an employer and the Mission
 * Locale that prescribes it, from one of the employer's immersion slots or agreed directly.
 * Parties are copied onto the agreement: it is a signed document, it must not change when a
 * slot or a profile does.
 */
export const immersionAgreements = pgTable(
  'immersion_agreements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    structureId: uuid('structure_id')
      .notNull()
      .references(() => structures.id),
    youthId: uuid('youth_id')
      .notNull()
      .references(() => youth.id),
    employerId: uuid('employer_id')
      .notNull()
      .references(() => employers.id),
    /** The slot it fills, when it came from one: it holds one place of the slot's capacity. */
    slotId: uuid('slot_id').references(() => immersionSlots.id),
    /**
     * The accepted match it came from, if any: the match then records what became of it
     * (`immersion_started`, `no_show`) and shows the tutor's assessment.
     */
    matchId: uuid('match_id').references(() => matches.id, { onDelete: 'set null' }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    status: immersionAgreementStatusEnum('status').notNull().default('draft'),
    startDate: date('start_date').notNull(),
    endDate: date('end_date').notNull(),
    /** Day by day: [{date, ranges: [{from, to}]}]. */
    schedule: jsonb('schedule').$type<ScheduleDay[]>().notNull(),
    objective: text('objective').notNull(),
    activities: text('activities').notNull(),
    skillsToObserve: text('skills_to_observe').array().notNull().default(sql`'{}'`),
    tutorName: text('tutor_name').notNull(),
    tutorRole: text('tutor_role').notNull(),
    tutorEmail: text('tutor_email').notNull(),
    tutorPhone: text('tutor_phone').notNull(),
    employerRepName: text('employer_rep_name').notNull(),
    employerRepRole: text('employer_rep_role').notNull(),
    employerRepEmail: text('employer_rep_email').notNull(),
    employerRepPhone: text('employer_rep_phone').notNull(),
    legalRepName: text('legal_rep_name'),
    legalRepEmail: text('legal_rep_email'),
    legalRepPhone: text('legal_rep_phone'),
    /** Bumped each time it is sent for signature: links of an earlier round are never sent. */
    signatureRound: integer('signature_round').notNull().default(0),
    /** Why it was rejected or cancelled. */
    closingReason: text('closing_reason'),
    validatedAt: timestamp('validated_at', { withTimezone: true }),
    // --- The tutor's assessment (*bilan*) ---
    attendance: text('attendance'),
    skillsObserved: text('skills_observed').array(),
    wouldHire: boolean('would_hire'),
    assessmentComments: text('assessment_comments'),
    assessedAt: timestamp('assessed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('immersion_agreements_structure_idx').on(t.structureId, t.createdAt),
    index('immersion_agreements_employer_idx').on(t.employerId, t.createdAt),
    index('immersion_agreements_youth_idx').on(t.youthId, t.startDate),
    index('immersion_agreements_slot_idx').on(t.slotId).where(sql`${t.slotId} is not null`),
    index('immersion_agreements_match_idx').on(t.matchId).where(sql`${t.matchId} is not null`),
    check('immersion_agreements_period', sql`${t.startDate} <= ${t.endDate} and ${t.endDate} - ${t.startDate} < 30`),
    check('immersion_agreements_objective', sql`${t.objective} in (${sqlList(IMMERSION_OBJECTIVES)})`),
    check('immersion_agreements_attendance', sql`${t.attendance} is null or ${t.attendance} in (${sqlList(ATTENDANCE)})`),
  ],
);

/**
 * Single-use links sent by e-mail to people without an account: a signatory's signature link
 * (`sign`) or the tutor's assessment link (`assess`). Only the token's SHA-256 is stored. A
 * used `sign` link is the signature: when, and from which address. Editing the agreement
 * voids every link and signature (`voided_at`) and new links are sent.
 */
export const immersionLinks = pgTable(
  'immersion_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agreementId: uuid('agreement_id')
      .notNull()
      .references(() => immersionAgreements.id, { onDelete: 'cascade' }),
    purpose: immersionLinkPurposeEnum('purpose').notNull(),
    /** A signatory party for `sign`; `tutor` for `assess`. */
    party: text('party').notNull(),
    email: text('email').notNull(),
    tokenHash: text('token_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    usedFromIp: text('used_from_ip'),
    usedUserAgent: text('used_user_agent'),
    voidedAt: timestamp('voided_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('immersion_links_token_idx').on(t.tokenHash),
    index('immersion_links_agreement_idx').on(t.agreementId, t.purpose, t.party),
    check('immersion_links_party', sql`${t.party} in (${sqlList([...SIGNATORY_PARTIES, 'tutor'])})`),
  ],
);
