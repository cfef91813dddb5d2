import { eq, sql, type SQL } from 'drizzle-orm';
import { eventRegistrations, events, youth } from '../../../db/schema/index.js';
import type { Actor } from '../../core/actor.js';
import { ForbiddenError } from '../../core/errors.js';

/**
 * Which events an actor sees. Organisers: their structure's, in every state; admins: all
 * (`undefined`); advisors and employers: published events of every structure (they register
 * youth and book stands). Outside it: 404.
 */
export function eventReadScope(actor: Actor): SQL | undefined {
  if (actor.role === 'admin') return undefined;
  if (actor.role === 'organiser') return eq(events.structureId, actor.structureId!);
  return eq(events.status, 'published');
}

/** The rule of eventReadScope on an event already read (see claimSeat, which locks it by id alone). */
export function seesEvent(actor: Actor, event: { structureId: string; status: string }): boolean {
  if (actor.role === 'admin') return true;
  if (actor.role === 'organiser') return event.structureId === actor.structureId;
  return event.status === 'published';
}

/** Who runs an event: its structure's organisers and admins; any other role may never (403). */
export function eventManageScope(actor: Actor): SQL | undefined {
  if (actor.role === 'admin') return undefined;
  if (actor.role === 'organiser' && actor.structureId) return eq(events.structureId, actor.structureId);
  throw new ForbiddenError('Only the organisers of the structure (or an admin) run its events.');
}

/**
 * Which registrations an actor sees or cancels. Organisers: those to their structure's events;
 * admins: all; advisors: their structure's youth's; employers: their organisation's stands.
 */
export function registrationScope(actor: Actor): SQL | undefined {
  if (actor.role === 'admin') return undefined;
  if (actor.role === 'organiser')
    return sql`${eventRegistrations.eventId} in (select ${events.id} from ${events} where ${events.structureId} = ${actor.structureId})`;
  if (actor.role === 'advisor')
    return sql`${eventRegistrations.youthId} in (select ${youth.id} from ${youth} where ${youth.structureId} = ${actor.structureId})`;
  return eq(eventRegistrations.employerId, actor.employerId!);
}
