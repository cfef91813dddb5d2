import { and, asc, count, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import { eventRegistrations, events, structures } from '../../../db/schema/index.js';
import type { Actor } from '../../core/actor.js';
import { FRANCE_TIME_ZONE } from '../../core/calendar.js';
import { AppError, NotFoundError, ValidationError, type FieldError } from '../../core/errors.js';
import { eventLifecycle, registrationLifecycle } from '../../domain/event-lifecycle.js';
import type { Deps } from '../../deps.js';
import { applyTransition, recordTransitions } from '../lifecycle/index.js';
import { resolveCommune } from '../reference/index.js';
import { loadEventView, selectEventViews, toEventDto } from './event-dto.js';
import { checkEventFields } from './event-fields.js';
import type { CreateEventInput, EventListQuery, UpdateEventInput } from './events.schemas.js';
import { eventManageScope, eventReadScope } from './scope.js';
import { dropReminders, mailRegistrants, registrationIdsOf, scheduleReminders } from './notifications.js';
import { lockEvent, promoteFromWaitlist, takesSeat } from './seats.js';

/** An organiser creates an event of their structure, as a draft (an admin names the structure). */
export async function createEvent(deps: Deps, actor: Actor, input: CreateEventInput) {
  eventManageScope(actor);
  const structureId = actor.role === 'admin' ? input.structureId : actor.structureId!;
  if (!structureId) throw ValidationError.field('structureId', 'required', 'An admin names the structure that runs the event.');
  if (actor.role === 'admin') {
    const [row] = await deps.db.select({ id: structures.id }).from(structures).where(eq(structures.id, structureId));
    if (!row) throw ValidationError.field('structureId', 'unknown_structure', 'No structure with this id.');
  }
  return deps.db.transaction(async (tx) => {
    const place = await checkEventFields(tx, input, true);
    const { place: _place, structureId: _s, ...fields } = input;
    const [row] = await tx
      .insert(events)
      .values({ ...fields, ...place, startsAt: new Date(input.startsAt), endsAt: new Date(input.endsAt), registrationDeadline: new Date(input.registrationDeadline), structureId, createdBy: actor.userId })
      .returning({ id: events.id });
    return toEventDto(await loadEventView(tx, row!.id));
  });
}

export async function getEvent(deps: Deps, actor: Actor, id: string) {
  const [view] = await selectEventViews(deps.db).where(and(eq(events.id, id), eventReadScope(actor)));
  if (!view) throw new NotFoundError('Event');
  return toEventDto(view);
}

const DEFAULT_RADIUS_KM = 20;
const parisDay = (column: typeof events.startsAt | typeof events.endsAt) => sql`(${column} at time zone ${FRANCE_TIME_ZONE})::date`;

/** Soonest first; each role sees its scope (see eventReadScope), filtered by dates, kind, themes and place. */
export async function listEvents(deps: Deps, actor: Actor, query: EventListQuery) {
  const conditions = [eventReadScope(actor)];
  if (query.from) conditions.push(gte(parisDay(events.endsAt), query.from));
  if (query.to) conditions.push(lte(parisDay(events.startsAt), query.to));
  if (query.kind) conditions.push(eq(events.kind, query.kind));
  if (query.status) conditions.push(eq(events.status, query.status));
  if (query.theme?.length) conditions.push(sql`${events.themes} && ${sql.param(query.theme)}::text[]`);
  if (query.commune) {
    const errors: FieldError[] = [];
    const centre = await resolveCommune(deps.db, { communeInsee: query.commune }, errors, { communeInsee: 'query.commune', postcode: 'query.postcode' });
    if (!centre) throw new ValidationError(errors);
    conditions.push(
      sql`${events.lat} is not null and passerelle_distance_km(${centre.lat}, ${centre.lng}, ${events.lat}, ${events.lng}) <= ${query.radius ?? DEFAULT_RADIUS_KM}`,
    );
  }
  const where = and(...conditions);
  const [views, [total]] = await Promise.all([
    selectEventViews(deps.db).where(where).orderBy(asc(events.startsAt), asc(events.id)).limit(query.limit).offset(query.offset),
    deps.db.select({ n: count() }).from(events).where(where),
  ]);
  return { items: views.map(toEventDto), total: total?.n ?? 0, limit: query.limit, offset: query.offset };
}

/**
 * Changes the fields given. Lowering a capacity below the seats already confirmed is refused
 * (409) unless `moveToWaitlist` names enough confirmed registrations: they go back to the head
 * of the waitlist. Raising it promotes from the waitlist.
 */
export async function updateEvent(deps: Deps, actor: Actor, id: string, input: UpdateEventInput) {
  const scope = eventManageScope(actor);
  return deps.db.transaction(async (tx) => {
    const current = await lockEvent(tx, id, scope);
    if (current.status === 'cancelled') throw new AppError('invalid_state', 'A cancelled event cannot be changed.', { currentState: current.status });
    const { moveToWaitlist = [], place: placeInput, startsAt, endsAt, registrationDeadline, ...fields } = input;
    const merged = {
      kind: current.kind,
      startsAt: input.startsAt ?? current.startsAt,
      endsAt: input.endsAt ?? current.endsAt,
      registrationDeadline: input.registrationDeadline ?? current.registrationDeadline,
      place: placeInput !== undefined ? placeInput : current.communeInsee ? { address: current.address!, communeInsee: current.communeInsee } : null,
      onlineUrl: input.onlineUrl !== undefined ? input.onlineUrl : current.onlineUrl,
      standCapacity: input.standCapacity !== undefined ? input.standCapacity : current.standCapacity,
    };
    const place = await checkEventFields(tx, merged, placeInput !== undefined);
    // Time or place changed: calendars are updated (a new SEQUENCE) and reminders moved.
    const moved =
      (startsAt !== undefined && new Date(startsAt).getTime() !== current.startsAt.getTime()) ||
      (endsAt !== undefined && new Date(endsAt).getTime() !== current.endsAt.getTime()) ||
      placeInput !== undefined ||
      (input.onlineUrl !== undefined && input.onlineUrl !== current.onlineUrl);

    for (const [pool, capacity] of [
      ['youth', input.youthCapacity],
      ['stands', input.standCapacity],
    ] as const) {
      if (capacity === undefined || capacity === null) continue;
      await fitCapacity(tx, actor, id, pool, capacity, moveToWaitlist);
    }
    await tx
      .update(events)
      .set({
        ...fields,
        ...place,
        ...(startsAt ? { startsAt: new Date(startsAt) } : {}),
        ...(endsAt ? { endsAt: new Date(endsAt) } : {}),
        ...(registrationDeadline ? { registrationDeadline: new Date(registrationDeadline) } : {}),
        ...(moved ? { revision: current.revision + 1 } : {}),
        updatedAt: new Date(),
      })
      .where(eq(events.id, id));
    if (moved && current.status === 'published') {
      const confirmed = await registrationIdsOf(tx, id, ['confirmed']);
      await mailRegistrants(tx, confirmed, 'event_updated');
      await scheduleReminders(tx, confirmed, new Date(merged.startsAt));
    }
    for (const pool of ['youth', 'stands'] as const) await promoteFromWaitlist(tx, id, pool);
    return toEventDto(await loadEventView(tx, id));
  });
}

/** Moves the named confirmed registrations of a pool back to the waitlist when the capacity goes below the confirmed count. */
async function fitCapacity(
  tx: Parameters<typeof lockEvent>[0],
  actor: Actor,
  eventId: string,
  pool: 'youth' | 'stands',
  capacity: number,
  moveToWaitlist: string[],
) {
  const inPool = pool === 'stands' ? sql`${eventRegistrations.kind} = 'employer'` : sql`${eventRegistrations.kind} <> 'employer'`;
  const holders = await tx
    .select({ id: eventRegistrations.id, status: eventRegistrations.status })
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, eventId), takesSeat, inPool));
  // Only a confirmed registration can move back: those checked in keep the seat they used.
  const confirmed = holders.filter((r) => r.status === 'confirmed');
  const excess = holders.length - capacity;
  if (excess <= 0) return;
  const named = confirmed.filter((r) => moveToWaitlist.includes(r.id)).map((r) => r.id);
  if (named.length < excess)
    throw new AppError('conflict', `${holders.length} ${pool === 'stands' ? 'stands are' : 'seats are'} already taken: name ${excess} registration(s) in moveToWaitlist to go down to ${capacity}.`, {
      confirmed: holders.length,
      toMove: excess,
    });
  const moved = named.slice(0, excess);
  await recordTransitions(tx, registrationLifecycle, moved.map((rid) => ({ id: rid, from: 'confirmed' as const, action: 'move_to_waitlist' as const })), actor, 'capacity lowered');
  await tx
    .update(eventRegistrations)
    .set({ status: 'waitlisted', bumped: true, updatedAt: new Date() })
    .where(and(eq(eventRegistrations.eventId, eventId), inArray(eventRegistrations.id, moved)));
  await dropReminders(tx, moved);
  await mailRegistrants(tx, moved, 'moved_to_waitlist');
}

/** Opens registrations. */
export const publishEvent = (deps: Deps, actor: Actor, id: string) => changeEventStatus(deps, actor, id, 'publish');

/** Cancels the event; its registrations stay, to tell everyone registered. */
export const cancelEvent = (deps: Deps, actor: Actor, id: string, reason?: string) => changeEventStatus(deps, actor, id, 'cancel', reason);

async function changeEventStatus(deps: Deps, actor: Actor, id: string, action: 'publish' | 'cancel', reason?: string) {
  const scope = eventManageScope(actor);
  return deps.db.transaction(async (tx) => {
    const current = await lockEvent(tx, id, scope);
    const { to } = await applyTransition(tx, eventLifecycle, { id, current: current.status, action, by: actor, reason });
    await tx.update(events).set({ status: to, updatedAt: new Date() }).where(eq(events.id, id));
    if (to === 'cancelled') {
      const registered = await registrationIdsOf(tx, id, ['confirmed', 'waitlisted', 'pending_confirmation']);
      await dropReminders(tx, registered);
      await mailRegistrants(tx, registered, 'event_cancelled');
    }
    return toEventDto(await loadEventView(tx, id));
  });
}
