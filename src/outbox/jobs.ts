import { z } from 'zod';
import { and, inArray, isNull, sql } from 'drizzle-orm';
import { outboxEvents } from '../../db/schema/index.js';
import type { DbOrTx } from '../../db/client.js';
import { INDEX_NAMES } from '../adapters/search/documents.js';
import { EVENT_MAILS } from '../domain/event-lifecycle.js';
import { SIGNATORY_PARTIES } from '../domain/immersion-agreement-lifecycle.js';

/**
 * The contract between the API and the worker: each job's queue and payload schema.
 * Use cases enqueue through the outbox (same transaction as their change); the worker's
 * processors (workers/jobs/) validate the payload again before doing anything.
 */
export const jobContracts = {
  'send-invitation': {
    queue: 'mail',
    payload: z.object({ userId: z.uuid() }),
  },
  /** An e-mail about an event registration (see src/modules/events/event-emails.ts). */
  'send-event-mail': {
    queue: 'mail',
    payload: z.object({ registrationId: z.uuid(), mail: z.enum(EVENT_MAILS) }),
  },
  /** Scheduled when a member of the public asks to register: the hold lapses unless its link was followed. */
  'event-hold-lapse': {
    queue: 'maintenance',
    payload: z.object({ registrationId: z.uuid() }),
  },
  /** "Forgot my password": a new single-use link to set a password, by e-mail. */
  'send-password-reset': {
    queue: 'mail',
    payload: z.object({ userId: z.uuid() }),
  },
  /** A write changed what search shows: the indexer re-reads the row and upserts or removes it. */
  'sync-search': {
    queue: 'search',
    payload: z.object({ index: z.enum(INDEX_NAMES), id: z.uuid() }),
  },
  /** A match moved: the French e-mail to the employer (proposal, reminder) or to the advisor (answer, expiry). */
  'send-match-email': {
    queue: 'mail',
    payload: z.object({ matchId: z.uuid(), event: z.enum(['proposed', 'reminder', 'accepted', 'declined', 'expired']) }),
  },
  /** Scheduled at proposal time, cancelled when the match is answered: the reminder, then the expiry. */
  'match-deadline': {
    queue: 'maintenance',
    payload: z.object({ matchId: z.uuid(), step: z.enum(['reminder', 'expiry']) }),
  },
  /** A signatory's single-use link to sign an immersion agreement (minted by the job), for one round of signatures. */
  'immersion-signature-link': {
    queue: 'mail',
    payload: z.object({ agreementId: z.uuid(), party: z.enum(SIGNATORY_PARTIES), round: z.number().int().min(1) }),
  },
  /** The e-mails of an agreement's steps to the parties concerned (all signed, validated, rejected, cancelled, assessed). */
  'immersion-notice': {
    queue: 'mail',
    payload: z.object({ agreementId: z.uuid(), notice: z.enum(['all_signed', 'validated', 'rejected', 'cancelled', 'assessed']) }),
  },
  /** Scheduled: the tutor's assessment link, on the last day, then as reminders 3 and 10 days after the end. */
  'immersion-assessment-link': {
    queue: 'mail',
    payload: z.object({ agreementId: z.uuid(), reminder: z.boolean() }),
  },
  /** Scheduled on the start date and the day after the end date: moves a validated agreement to in_progress, then ended. */
  'immersion-roll': {
    queue: 'maintenance',
    payload: z.object({ agreementId: z.uuid() }),
  },
  /** Repeatable (workers/jobs/close-expired-offers.ts): never enqueued through the outbox. */
  'close-expired-offers': {
    queue: 'maintenance',
    payload: z.object({}),
  },
  /** Repeatable (workers/jobs/purge-outbox.ts): deletes outbox rows delivered or cancelled long ago. */
  'purge-outbox': {
    queue: 'maintenance',
    payload: z.object({}),
  },
} as const satisfies Record<string, { queue: QueueName; payload: z.ZodType }>;

export const QUEUE_NAMES = ['mail', 'search', 'maintenance'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];
export type JobName = keyof typeof jobContracts;
export type JobPayload<N extends JobName> = z.infer<(typeof jobContracts)[N]['payload']>;

/** Writes jobs to the outbox in the caller's transaction; they leave once it commits. */
export async function enqueueJobs<N extends JobName>(tx: DbOrTx, name: N, payloads: JobPayload<N>[]): Promise<void> {
  await addJobs(
    tx,
    payloads.map((payload) => ({ name, payload }) as QueuedJob),
  );
}

type QueuedJob = { [N in JobName]: { name: N; payload: JobPayload<N>; runAt?: Date; key?: string } }[JobName];

/**
 * Writes jobs of any kind to the outbox in one statement, in the caller's transaction: due now,
 * or at `runAt` under `key` when scheduled (nothing is cancelled: for keys not yet used, see
 * scheduleJob). One round trip, for paths that hold a lock meanwhile.
 */
export async function addJobs(tx: DbOrTx, jobs: QueuedJob[]): Promise<void> {
  if (jobs.length === 0) return;
  const rows = outboxRows(jobs);
  // The notification wakes the dispatcher at commit time instead of waiting for its next poll.
  await tx.execute(sql`with added as ${tx.insert(outboxEvents).values(rows).returning({ id: outboxEvents.id })} select pg_notify('outbox', '') from added limit 1`);
}

/** The outbox rows of jobs, each payload checked against its job's contract. */
export function outboxRows(jobs: QueuedJob[]) {
  return jobs.map((j) => ({ type: j.name, payload: jobContracts[j.name].payload.parse(j.payload), runAt: j.runAt, key: j.key }));
}

export function enqueueJob<N extends JobName>(tx: DbOrTx, name: N, payload: JobPayload<N>): Promise<void> {
  return enqueueJobs(tx, name, [payload]);
}

/**
 * Schedules a job for `runAt` under `key`, in the caller's transaction. A job already scheduled
 * under the same key is cancelled first: scheduling again moves it (an event moved, a new
 * deadline). A time already past means "as soon as possible".
 */
export async function scheduleJob<N extends JobName>(
  tx: DbOrTx,
  name: N,
  payload: JobPayload<N>,
  schedule: { runAt: Date; key: string },
): Promise<void> {
  await cancelJobs(tx, [schedule.key]);
  await addJobs(tx, [{ name, payload, ...schedule } as QueuedJob]);
}

/**
 * Cancels the jobs scheduled under these keys, in the caller's transaction (a match answered,
 * an event cancelled): one not yet handed to the queue never will be, and one already handed
 * over does nothing when it runs (the runtime checks). Returns how many were cancelled.
 */
export async function cancelJobs(tx: DbOrTx, keys: string[]): Promise<number> {
  if (keys.length === 0) return 0;
  const rows = await tx
    .update(outboxEvents)
    .set({ cancelledAt: sql`now()` })
    .where(and(inArray(outboxEvents.key, keys), isNull(outboxEvents.cancelledAt)))
    .returning({ id: outboxEvents.id });
  return rows.length;
}
