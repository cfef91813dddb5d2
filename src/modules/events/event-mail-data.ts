import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.js';
import { eventRegistrations, events, users, youth } from '../../../db/schema/index.js';
import type { EventMail } from '../../domain/event-lifecycle.js';
import type { EventMailInput } from './event-emails.js';
import { waitlistPositionSql } from './seats.js';

/**
 * What an e-mail about a registration needs, read when it is sent (the latest time and place),
 * or null when it has become moot: a reminder for a registration that no longer holds a seat,
 * or for an event cancelled or already started; a confirmation request already answered.
 */
export async function loadEventMail(
  db: DbOrTx,
  registrationId: string,
  mail: EventMail,
  settings: { organiserEmail: string; holdHours: number },
): Promise<EventMailInput | null> {
  const [row] = await db
    .select({
      status: eventRegistrations.status,
      createdAt: eventRegistrations.createdAt,
      to: sql<string | null>`coalesce(${youth.email}, ${eventRegistrations.email}, ${users.email})`,
      waitlistPosition: waitlistPositionSql,
      event: {
        id: events.id,
        status: events.status,
        title: events.title,
        description: events.description,
        startsAt: events.startsAt,
        endsAt: events.endsAt,
        address: events.address,
        communeName: events.communeName,
        postcode: events.postcode,
        onlineUrl: events.onlineUrl,
        revision: events.revision,
      },
    })
    .from(eventRegistrations)
    .innerJoin(events, eq(events.id, eventRegistrations.eventId))
    .leftJoin(youth, eq(youth.id, eventRegistrations.youthId))
    .leftJoin(users, eq(users.id, eventRegistrations.registeredBy))
    .where(eq(eventRegistrations.id, registrationId));
  if (!row?.to) return null;
  if (mail === 'reminder' && (row.status !== 'confirmed' || row.event.status !== 'published' || row.event.startsAt.getTime() < Date.now())) return null;
  if (mail === 'confirm_request' && row.status !== 'pending_confirmation') return null;
  if (mail === 'already_registered' && row.status !== 'confirmed' && row.status !== 'waitlisted') return null;
  const { status: _s, ...event } = row.event;
  return {
    mail,
    to: row.to,
    registrationId,
    event,
    status: row.status,
    holdEndsAt: new Date(row.createdAt.getTime() + settings.holdHours * 3600_000),
    waitlistPosition: row.waitlistPosition,
    organiserEmail: settings.organiserEmail,
  };
}
