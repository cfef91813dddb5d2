import { and, eq, inArray } from 'drizzle-orm';
import { employers, eventRegistrations, events, youth } from '../../../db/schema/index.js';
import type { Actor } from '../../core/actor.js';
import { AppError, ForbiddenError, NotFoundError } from '../../core/errors.js';
import type { Deps } from '../../deps.js';
import { rankStandOffersForYouth, toSuggestionDto } from '../matches/index.js';
import { eventReadScope } from './scope.js';

/** Registrations of people who are or were there: a seat confirmed, or checked in. */
const PRESENT = ['confirmed', 'attended'] as const;

/**
 * Job dating at a forum, for an advisor planning the day: for each youth of their structure
 * registered, the offers of the employers holding a stand (those they bring, else all their
 * live offers), scored and explained by the matching model. Other structures' youth are never
 * read; employers and organisers may never ask (403); an event that is not a forum has no
 * stands (409 `not_a_forum`).
 */
export async function jobDatingSuggestions(deps: Deps, actor: Actor, eventId: string, limit: number) {
  if (actor.role !== 'advisor' || !actor.structureId) throw new ForbiddenError('Advisors plan the job dating of their youth.');
  const [event] = await deps.db.select({ kind: events.kind }).from(events).where(and(eq(events.id, eventId), eventReadScope(actor)));
  if (!event) throw new NotFoundError('Event');
  if (event.kind !== 'forum') throw new AppError('not_a_forum', `This event is a ${event.kind.replaceAll('_', ' ')}: it has no employer stands.`);

  const present = and(eq(eventRegistrations.eventId, eventId), inArray(eventRegistrations.status, [...PRESENT]));
  const [registered, stands] = await Promise.all([
    deps.db
      .select({ id: youth.id, firstName: youth.firstName, lastName: youth.lastName })
      .from(eventRegistrations)
      .innerJoin(youth, eq(youth.id, eventRegistrations.youthId))
      .where(and(present, eq(youth.structureId, actor.structureId)))
      .orderBy(youth.lastName, youth.firstName),
    deps.db
      .select({ employerId: employers.id, name: employers.name, offerIds: eventRegistrations.offerIds })
      .from(eventRegistrations)
      .innerJoin(employers, eq(employers.id, eventRegistrations.employerId))
      .where(and(present, eq(eventRegistrations.kind, 'employer'))),
  ]);
  const ranked = await rankStandOffersForYouth(deps, registered.map((y) => y.id), stands, limit);
  const names = new Map(stands.map((s) => [s.employerId, s.name]));
  return {
    eventId,
    employers: stands.map((s) => ({ id: s.employerId, name: s.name })),
    items: registered.map((y) => ({
      youth: y,
      suggestions: (ranked.get(y.id) ?? []).map((s) => ({ employer: { id: s.opportunity.employerId, name: names.get(s.opportunity.employerId)! }, ...toSuggestionDto(s) })),
    })),
  };
}
