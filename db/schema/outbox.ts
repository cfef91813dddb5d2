import { bigserial, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

/**
 * Transactional outbox: a domain change and the events it causes are written in the same
 * transaction; the dispatcher hands undispatched events to BullMQ. Nothing is lost when
 * Redis is down: the event waits here.
 */
export const outboxEvents = pgTable(
  'outbox_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    type: text('type').notNull(),
    payload: jsonb('payload').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    dispatchedAt: timestamp('dispatched_at', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
  },
  (t) => [index('outbox_events_pending_idx').on(t.id).where(sql`${t.dispatchedAt} is null`)],
);

/** One row per e-mail actually handed to SMTP: makes mail jobs idempotent. */
export const mailDeliveries = pgTable('mail_deliveries', {
  key: text('key').primaryKey(),
  recipient: text('recipient').notNull(),
  subject: text('subject').notNull(),
  messageId: text('message_id'),
  sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
});
