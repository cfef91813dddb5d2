import { and, asc, count, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.js';
import { employers, eventRegistrations, events, offers, structures, youth } from '../../../db/schema/index.js';
import type { Actor } from '../../core/actor.js';
import { todayInFrance } from '../../core/calendar.js';
import { AppError, ForbiddenError, NotFoundError, ValidationError } from '../../core/errors.js';
import { ACTIVE_REGISTRATION_STATUSES, registrationLifecycle, type RegistrantKind, type RegistrationStatus } from '../../domain/event-lifecycle.js';
import type { Deps } from '../../deps.js';
import { applyTransition, type Mover } from '../lifecycle/index.js';
import type { RegisterInput, RegistrationDto, RegistrationListQuery } from './events.schemas.js';
import { eventManageScope, eventReadScope, registrationScope, seesEvent } from './scope.js';
import { dropReminders, mailRegistrants } from './notifications.js';
import { claimSeat, lockEvent, poolOf, promoteFromWaitlist, waitlistOrder, waitlistPositionSql, type Registrant } from './seats.js';

/**
 * An advisor registers a youth of their structure; an employer books a stand at a forum for
 * its organisation, with the offers it brings. Confirmed while a seat is free, waitlisted
 * after: the event row is locked for the check and the insert (see lockEvent), so an event
 * never confirms more than its capacity, whatever the concurrency.
 */
export async function registerToEvent(deps: Deps, actor: Actor, eventId: string, input: RegisterInput): Promise<RegistrationDto> {
  if (actor.role !== 'advisor' && actor.role !== 'employer')
    throw new ForbiddenError('Advisors register youth and employers book stands; organisers see the registrations.');
  const who: Registrant = actor.role === 'advisor' ? youthToRegister(actor, input) : await ownStand(deps.db, actor, input);
  const now = new Date();
  const { event, claim } = await claimSeat(deps.db, eventId, who, actor.userId, now);
  if (claim.outcome === 'registered') return claim.registration;
  // Nothing was written: why, in the order of the checks (the claim made the same ones).
  if (claim.outcome === 'unknown_registrant') throw ValidationError.field('youthId', 'unknown_youth', 'No youth of your structure has this id.');
  if (!event || !seesEvent(actor, event)) throw new NotFoundError('Event');
  if (who.kind === 'employer' && event.kind !== 'forum') throw new AppError('conflict', 'Employers book stands at forums only.');
  checkRegistrationsOpen(event, now);
  if (claim.outcome === 'already_registered') {
    const { id, status, kind } = claim.existing;
    // The youth's own request through the public page is theirs to confirm or cancel by e-mail: its id stays out of the answer.
    if (kind === 'public')
      throw new AppError('conflict', `This youth's e-mail address already holds a registration to this event, made through the public page (${status}).`, { currentState: status });
    throw new AppError('conflict', `Already registered to this event (${status}).`, { existingRegistrationId: id });
  }
  throw new Error(`registration to event ${eventId} refused for no known reason`);
}

/** The youth named, checked to be of the advisor's structure by the claim itself (see claimSeat). */
function youthToRegister(actor: Actor, input: RegisterInput): Registrant {
  if (!input.youthId) throw ValidationError.field('youthId', 'required', 'Name the youth to register.');
  return { kind: 'youth', youthId: input.youthId, structureId: actor.structureId! };
}

async function ownStand(db: DbOrTx, actor: Actor, input: RegisterInput) {
  const offerIds = [...new Set(input.offerIds ?? [])];
  if (offerIds.length > 0) {
    const owned = await db.select({ id: offers.id }).from(offers).where(and(inArray(offers.id, offerIds), eq(offers.employerId, actor.employerId!)));
    const known = new Set(owned.map((o) => o.id));
    const errors = offerIds.flatMap((id, i) => (known.has(id) ? [] : [{ path: `offerIds.${i}`, code: 'unknown_offer', message: 'No offer of your organisation has this id.' }]));
    if (errors.length) throw new ValidationError(errors);
  }
  return { kind: 'employer' as const, employerId: actor.employerId!, offerIds };
}

/** Registrations are taken while the event is published, until its deadline. */
export function checkRegistrationsOpen(event: { status: string; registrationDeadline: Date }, now = new Date()) {
  if (event.status !== 'published')
    throw new AppError('invalid_state', `Registrations are closed: the event is ${event.status}.`, { currentState: event.status });
  if (event.registrationDeadline.getTime() < now.getTime())
    throw new AppError('conflict', `Registrations closed on ${event.registrationDeadline.toISOString()}.`);
}

/** The registration of someone (`who`) to an event that still holds a seat or a place in the queue, if any. */
export async function activeRegistration(tx: DbOrTx, eventId: string, who: SQL) {
  const [existing] = await tx
    .select({ id: eventRegistrations.id, status: eventRegistrations.status })
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, eventId), who, inArray(eventRegistrations.status, [...ACTIVE_REGISTRATION_STATUSES])));
  return existing;
}

/** Cancels a registration; the seat it held goes to the first on the waitlist. */
export async function cancelRegistration(deps: Deps, actor: Actor, eventId: string, registrationId: string) {
  return deps.db.transaction(async (tx) => {
    await lockEvent(tx, eventId, undefined).catch(() => {
      throw new NotFoundError('Registration');
    });
    const current = await findRegistration(tx, actor, eventId, registrationId);
    await withdrawRegistration(tx, { id: registrationId, eventId, ...current }, actor);
    return loadRegistration(tx, registrationId);
  });
}

/**
 * Cancels a registration, the event and the registration locked: its reminder is dropped, the
 * registrant told, and a seat it held goes to the first on the waitlist.
 */
export async function withdrawRegistration(
  tx: DbOrTx,
  registration: { id: string; eventId: string; status: RegistrationStatus; kind: RegistrantKind },
  by: Mover,
  reason?: string,
) {
  const { id, eventId, status, kind } = registration;
  await applyTransition(tx, registrationLifecycle, { id, current: status, action: 'cancel', by, reason });
  await tx.update(eventRegistrations).set({ status: 'cancelled', bumped: false, updatedAt: new Date() }).where(eq(eventRegistrations.id, id));
  await dropReminders(tx, [id]);
  await mailRegistrants(tx, [id], 'registration_cancelled');
  if (status === 'confirmed') await promoteFromWaitlist(tx, eventId, poolOf(kind));
}

/** The organiser records who came, on the day of the event (Europe/Paris). */
export async function checkInRegistration(deps: Deps, actor: Actor, eventId: string, registrationId: string, action: 'check_in' | 'mark_no_show') {
  const scope = eventManageScope(actor);
  return deps.db.transaction(async (tx) => {
    const event = await lockEvent(tx, eventId, scope);
    const today = todayInFrance();
    if (todayInFrance(event.startsAt) > today || todayInFrance(event.endsAt) < today)
      throw new AppError('conflict', 'Attendance is recorded on the day of the event.');
    const current = await findRegistration(tx, actor, eventId, registrationId);
    const { to } = await applyTransition(tx, registrationLifecycle, { id: registrationId, current: current.status, action, by: actor });
    await tx.update(eventRegistrations).set({ status: to, updatedAt: new Date() }).where(eq(eventRegistrations.id, registrationId));
    return loadRegistration(tx, registrationId);
  });
}

async function findRegistration(tx: DbOrTx, actor: Actor, eventId: string, registrationId: string) {
  const [row] = await tx
    .select({ status: eventRegistrations.status, kind: eventRegistrations.kind })
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.id, registrationId), eq(eventRegistrations.eventId, eventId), registrationScope(actor)))
    .for('update');
  if (!row) throw new NotFoundError('Registration');
  return row;
}

/** Registrations with what the organiser needs to read them: name, structure, waitlist position. */
function selectRegistrations(db: DbOrTx) {
  return db
    .select({
      id: eventRegistrations.id,
      eventId: eventRegistrations.eventId,
      kind: eventRegistrations.kind,
      status: eventRegistrations.status,
      youthId: eventRegistrations.youthId,
      employerId: eventRegistrations.employerId,
      offerIds: eventRegistrations.offerIds,
      name: sql<string | null>`coalesce(${youth.firstName} || ' ' || ${youth.lastName}, ${employers.name}, ${eventRegistrations.fullName})`,
      email: sql<string | null>`coalesce(${youth.email}, ${eventRegistrations.email})`,
      phone: sql<string | null>`coalesce(${youth.phone}, ${eventRegistrations.phone})`,
      structureId: youth.structureId,
      structureName: structures.name,
      waitlistPosition: waitlistPositionSql,
      createdAt: eventRegistrations.createdAt,
      updatedAt: eventRegistrations.updatedAt,
    })
    .from(eventRegistrations)
    .leftJoin(youth, eq(youth.id, eventRegistrations.youthId))
    .leftJoin(structures, eq(structures.id, youth.structureId))
    .leftJoin(employers, eq(employers.id, eventRegistrations.employerId));
}
type RegistrationRow = Awaited<ReturnType<ReturnType<typeof selectRegistrations>['where']>>[number];

function toRegistrationDto(r: RegistrationRow): RegistrationDto {
  return {
    id: r.id,
    eventId: r.eventId,
    kind: r.kind,
    status: r.status,
    waitlistPosition: r.waitlistPosition,
    youthId: r.youthId,
    employerId: r.employerId,
    offerIds: r.offerIds,
    name: r.name,
    structureName: r.structureName,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

async function loadRegistration(tx: DbOrTx, id: string) {
  const [row] = await selectRegistrations(tx).where(eq(eventRegistrations.id, id));
  return toRegistrationDto(row!);
}

/** The registrations of an event the actor may see (see registrationScope), in arrival order. */
export async function listRegistrations(deps: Deps, actor: Actor, eventId: string, query: RegistrationListQuery) {
  await visibleEvent(deps, actor, eventId);
  const where = and(
    eq(eventRegistrations.eventId, eventId),
    registrationScope(actor),
    query.status ? eq(eventRegistrations.status, query.status) : undefined,
    query.kind ? eq(eventRegistrations.kind, query.kind) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    selectRegistrations(deps.db).where(where).orderBy(asc(eventRegistrations.seq)).limit(query.limit).offset(query.offset),
    deps.db.select({ n: count() }).from(eventRegistrations).where(where),
  ]);
  return { items: rows.map(toRegistrationDto), total: total?.n ?? 0, limit: query.limit, offset: query.offset };
}

async function visibleEvent(deps: Deps, actor: Actor, eventId: string) {
  const [event] = await deps.db.select().from(events).where(and(eq(events.id, eventId), eventReadScope(actor)));
  if (!event) throw new NotFoundError('Event');
  return event;
}

/** Everyone expected or waiting, for the attendance sheet: organisers of the event's structure and admins. */
export async function attendanceSheet(deps: Deps, actor: Actor, eventId: string) {
  const scope = eventManageScope(actor);
  const [event] = await deps.db.select().from(events).where(and(eq(events.id, eventId), scope));
  if (!event) throw new NotFoundError('Event');
  const rows = await selectRegistrations(deps.db)
    .where(and(eq(eventRegistrations.eventId, eventId), inArray(eventRegistrations.status, ['confirmed', 'attended', 'no_show', 'waitlisted'])))
    .orderBy(asc(eventRegistrations.kind), ...waitlistOrder);
  return { event, rows };
}

/** Counts per status, per kind of registrant and per structure (youth), for the organiser. */
export async function eventStatistics(deps: Deps, actor: Actor, eventId: string) {
  const scope = eventManageScope(actor);
  const [event] = await deps.db.select({ id: events.id }).from(events).where(and(eq(events.id, eventId), scope));
  if (!event) throw new NotFoundError('Event');
  const rows = await deps.db
    .select({ kind: eventRegistrations.kind, status: eventRegistrations.status, structureId: youth.structureId, structureName: structures.name, n: count() })
    .from(eventRegistrations)
    .leftJoin(youth, eq(youth.id, eventRegistrations.youthId))
    .leftJoin(structures, eq(structures.id, youth.structureId))
    .where(eq(eventRegistrations.eventId, eventId))
    .groupBy(eventRegistrations.kind, eventRegistrations.status, youth.structureId, structures.name);
  const byStatus: Record<string, number> = {};
  const byKind: Record<string, Record<string, number>> = {};
  const byStructure = new Map<string, { structureId: string | null; structureName: string | null; registered: number; attended: number; noShows: number }>();
  for (const r of rows) {
    byStatus[r.status] = (byStatus[r.status] ?? 0) + r.n;
    (byKind[r.kind] ??= {})[r.status] = ((byKind[r.kind] ?? {})[r.status] ?? 0) + r.n;
    if (r.kind !== 'youth') continue;
    const s = byStructure.get(r.structureId ?? '') ?? { structureId: r.structureId, structureName: r.structureName, registered: 0, attended: 0, noShows: 0 };
    if (r.status !== 'cancelled') s.registered += r.n;
    if (r.status === 'attended') s.attended += r.n;
    if (r.status === 'no_show') s.noShows += r.n;
    byStructure.set(r.structureId ?? '', s);
  }
  return { byStatus, byKind, byStructure: [...byStructure.values()] };
}

