import { bigserial, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

/**
 * Transactional outbox: a domain change and the events it causes are written in the same
 * transaction; the dispatcher hands due events to BullMQ. Nothing is lost when Redis is down:
 * the event waits here. Scheduled events (reminders, expiries) wait here until their `run_at`,
 * so one due during an outage leaves once Redis is back, and cancelling one is a row update in
 * the transaction of the change that makes it moot.
 */
export const outboxEvents = pgTable(
  'outbox_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    type: text('type').notNull(),
    payload: jsonb('payload').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** When the job is due: now for most, later for reminders and expiries. */
    runAt: timestamp('run_at', { withTimezone: true }).notNull().defaultNow(),
    /** Names a scheduled job so that the change that makes it moot can move or cancel it (`match-reminder:<id>`). */
    key: text('key'),
    /** Set by cancelJobs: the dispatcher never hands it over, and a job already handed over does nothing. */
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    dispatchedAt: timestamp('dispatched_at', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
  },
  (t) => [
    index('outbox_events_due_idx').on(t.runAt, t.id).where(sql`${t.dispatchedAt} is null and ${t.cancelledAt} is null`),
    index('outbox_events_key_idx').on(t.key).where(sql`${t.key} is not null and ${t.cancelledAt} is null`),
    index('outbox_events_dispatched_idx').on(t.dispatchedAt).where(sql`${t.dispatchedAt} is not null`),
  ],
);

/** One row per e-mail actually handed to SMTP: makes mail jobs idempotent. */
export const mailDeliveries = pgTable('mail_deliveries', {
  key: text('key').primaryKey(),
  recipient: text('recipient').notNull(),
  subject: text('subject').notNull(),
  messageId: text('message_id'),
  sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
});
