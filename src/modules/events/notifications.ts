import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.js';
import { eventRegistrations } from '../../../db/schema/index.js';
import type { EventMail } from '../../domain/event-lifecycle.js';
import { addJobs, cancelJobs, enqueueJobs, outboxRows, scheduleJob } from '../../outbox/jobs.js';

/** The reminder is sent the day before (24 h before the start). */
const REMINDER_BEFORE_MS = 24 * 3600_000;
const reminderKey = (registrationId: string) => `event-reminder:${registrationId}`;

/** E-mails to registrants, through the outbox in the caller's transaction. */
export function mailRegistrants(tx: DbOrTx, registrationIds: string[], mail: EventMail) {
  return enqueueJobs(tx, 'send-event-mail', registrationIds.map((registrationId) => ({ registrationId, mail })));
}

/** (Re)schedules the reminder of confirmed registrations for the day before the event. */
export async function scheduleReminders(tx: DbOrTx, registrationIds: string[], startsAt: Date) {
  for (const registrationId of registrationIds) await scheduleJob(tx, 'send-event-mail', { registrationId, mail: 'reminder' }, reminderAt(registrationId, startsAt));
}

const reminderAt = (registrationId: string, startsAt: Date) => ({ runAt: new Date(startsAt.getTime() - REMINDER_BEFORE_MS), key: reminderKey(registrationId) });

/** Drops the reminders of registrations that no longer hold a seat, or of a cancelled event. */
export function dropReminders(tx: DbOrTx, registrationIds: string[]) {
  return cancelJobs(tx, registrationIds.map(reminderKey));
}

/**
 * What a registration is told of the place it got: the e-mail, and when confirmed its reminder
 * (a registration has no reminder before its first seat, so there is none to cancel).
 */
function announcement(registrationId: string, status: 'confirmed' | 'waitlisted') {
  return {
    mail: { name: 'send-event-mail' as const, payload: { registrationId, mail: status } },
    reminder: status === 'confirmed' ? { name: 'send-event-mail' as const, payload: { registrationId, mail: 'reminder' as const }, key: reminderKey(registrationId) } : undefined,
  };
}

/** Tells a registration what it became (confirmed or waitlisted): one write to the outbox. */
export async function announceSeat(tx: DbOrTx, registrationId: string, status: 'confirmed' | 'waitlisted', startsAt: Date) {
  const { mail, reminder } = announcement(registrationId, status);
  await addJobs(tx, [mail, ...(reminder ? [{ ...reminder, ...reminderAt(registrationId, startsAt) }] : [])]);
}

/**
 * The announcements of a registration for either outcome, as outbox rows, for the statement
 * that decides the outcome and writes the rows of it (see claimSeat): a reminder is due
 * `before_start_ms` before the event's start, which that statement reads.
 */
export function seatAnnouncementRows(registrationId: string) {
  return (['confirmed', 'waitlisted'] as const).flatMap((status) => {
    const { mail, reminder } = announcement(registrationId, status);
    return outboxRows(reminder ? [mail, reminder] : [mail]).map((row) => ({
      status,
      type: row.type,
      payload: row.payload,
      ...(row.key ? { key: row.key, before_start_ms: REMINDER_BEFORE_MS } : {}),
    }));
  });
}

/** The registrations of an event in the given statuses. */
export async function registrationIdsOf(tx: DbOrTx, eventId: string, statuses: ('confirmed' | 'waitlisted' | 'pending_confirmation')[]) {
  const rows = await tx
    .select({ id: eventRegistrations.id })
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, eventId), inArray(eventRegistrations.status, statuses)));
  return rows.map((r) => r.id);
}
