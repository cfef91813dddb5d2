import { bigserial, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.js';

/**
 * Every state transition of every resource with a lifecycle (offers, immersion slots, and the
 * matches, registrations and agreements to come): who, from, to, when, why. Written in the
 * same transaction as the change, read per resource.
 */
export const stateTransitions = pgTable(
  'state_transitions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    resourceType: text('resource_type').notNull(),
    resourceId: uuid('resource_id').notNull(),
    action: text('action').notNull(),
    fromState: text('from_state').notNull(),
    toState: text('to_state').notNull(),
    /** Null when the platform itself moved it (a date reached, a scheduled job). */
    actorUserId: uuid('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    /** The role of the actor then, or `system`. */
    actorRole: text('actor_role').notNull(),
    reason: text('reason'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('state_transitions_resource_idx').on(t.resourceType, t.resourceId, t.id)],
);
