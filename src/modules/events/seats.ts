import { and, asc, count, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.js';
import { eventRegistrations, events } from '../../../db/schema/index.js';
import { NotFoundError } from '../../core/errors.js';
import { registrationLifecycle, SEAT_STATUSES } from '../../domain/event-lifecycle.js';
import { recordTransitions } from '../lifecycle/index.js';
import { mailRegistrants, scheduleReminders } from './notifications.js';

/** Youth and the public share the youth seats; employers' stands have their own. */
export type Pool = 'youth' | 'stands';
export const poolOf = (kind: 'youth' | 'employer' | 'public'): Pool => (kind === 'employer' ? 'stands' : 'youth');
const inPool = (pool: Pool) => (pool === 'stands' ? sql`${eventRegistrations.kind} = 'employer'` : sql`${eventRegistrations.kind} <> 'employer'`);

/**
 * Locks the event row for the rest of the transaction. Every change to its seats takes this
 * lock first, so the capacity check and the write are one atomic step: two registrations for
 * the last seat are decided one after the other, never both confirmed.
 */
export async function lockEvent(tx: DbOrTx, id: string, scope: SQL | undefined) {
  const [row] = await tx.select().from(events).where(and(eq(events.id, id), scope)).for('update');
  if (!row) throw new NotFoundError('Event');
  return row;
}

export function capacityOf(event: { youthCapacity: number; standCapacity: number | null }, pool: Pool): number {
  return pool === 'stands' ? (event.standCapacity ?? 0) : event.youthCapacity;
}

/** A registration that takes a seat of the capacity (see SEAT_STATUSES). */
export const takesSeat = sql`${eventRegistrations.status} in (${sql.join(SEAT_STATUSES.map((s) => sql`${s}`), sql`, `)})`;

/** Seats of a pool taken: confirmed, attended or marked absent. */
export async function seatsTaken(tx: DbOrTx, eventId: string, pool: Pool): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, eventId), takesSeat, inPool(pool)));
  return row?.n ?? 0;
}

/** What a new claim on a pool gets, with the event locked: a seat while one is free, else a place on the waitlist. */
export async function seatFor(tx: DbOrTx, event: { id: string; youthCapacity: number; standCapacity: number | null }, pool: Pool) {
  return (await seatsTaken(tx, event.id, pool)) < capacityOf(event, pool) ? ('confirmed' as const) : ('waitlisted' as const);
}

/**
 * Registers someone to the locked event in one statement: their active registration if they
 * have one (nothing written), else a new one, confirmed while the pool has a free seat, else
 * waitlisted. The count and the insert run after the lock is held (a statement of their own, so
 * they see every registration committed before it): never more confirmed than the capacity.
 */
export async function claimSeat(
  tx: DbOrTx,
  event: { id: string; youthCapacity: number; standCapacity: number | null },
  who: { kind: 'youth' | 'employer'; youthId?: string; employerId?: string; offerIds?: string[] },
  registeredBy: string,
): Promise<{ existing: { id: string; status: string } } | { id: string; status: 'confirmed' | 'waitlisted' }> {
  const pool = poolOf(who.kind);
  const holder = who.youthId ? sql`youth_id = ${who.youthId}` : sql`employer_id = ${who.employerId!}`;
  const rows = await tx.execute<{ existing_id: string | null; existing_status: string | null; id: string | null; status: 'confirmed' | 'waitlisted' | null }>(sql`
    with existing as (
      select id, status from event_registrations
      where event_id = ${event.id} and ${holder} and status in ('pending_confirmation', 'confirmed', 'waitlisted')
      limit 1),
    taken as (
      select count(*)::int as n from event_registrations
      where event_id = ${event.id} and ${takesSeat} and ${inPool(pool)}),
    inserted as (
      insert into event_registrations (event_id, kind, status, youth_id, employer_id, offer_ids, registered_by)
      select ${event.id}, ${who.kind}::registrant_kind,
        (case when taken.n < ${capacityOf(event, pool)} then 'confirmed' else 'waitlisted' end)::registration_status,
        ${who.youthId ?? null}, ${who.employerId ?? null}, ${sql.param(who.offerIds ?? [])}::uuid[], ${registeredBy}
      from taken where not exists (select 1 from existing)
      returning id, status)
    select (select id from existing) as existing_id, (select status from existing) as existing_status,
      (select id from inserted) as id, (select status from inserted) as status`);
  const row = rows[0]!;
  if (row.existing_id) return { existing: { id: row.existing_id, status: row.existing_status! } };
  return { id: row.id!, status: row.status! };
}

/** A registration's rank on its pool's waitlist (1 = next to get a seat), null when it is not waiting. */
export const waitlistPositionSql = sql<number | null>`case when ${eventRegistrations.status} = 'waitlisted' then (
  select count(*)::int from event_registrations w
  where w.event_id = ${eventRegistrations.eventId} and w.status = 'waitlisted'
    and (w.kind = 'employer') = (${eventRegistrations.kind} = 'employer')
    and (w.bumped, -w.seq) >= (${eventRegistrations.bumped}, -${eventRegistrations.seq})) end`;

/** Waitlist order: those moved back when the capacity went down first, then by arrival. */
export const waitlistOrder = [desc(eventRegistrations.bumped), asc(eventRegistrations.seq)];

/**
 * Fills the free seats of a pool from the head of its waitlist, with the event locked (see
 * lockEvent), and tells them (e-mail, reminder scheduled). Returns the ids promoted.
 */
export async function promoteFromWaitlist(tx: DbOrTx, eventId: string, pool: Pool): Promise<string[]> {
  const [event] = await tx.select().from(events).where(eq(events.id, eventId));
  if (!event || event.status !== 'published') return [];
  const free = capacityOf(event, pool) - (await seatsTaken(tx, eventId, pool));
  if (free <= 0) return [];
  const next = await tx
    .select({ id: eventRegistrations.id })
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.status, 'waitlisted'), inPool(pool)))
    .orderBy(...waitlistOrder)
    .limit(free);
  if (next.length === 0) return [];
  const ids = next.map((r) => r.id);
  await recordTransitions(tx, registrationLifecycle, ids.map((id) => ({ id, from: 'waitlisted' as const, action: 'promote' as const })), 'system', 'a seat freed up');
  await tx
    .update(eventRegistrations)
    .set({ status: 'confirmed', bumped: false, updatedAt: new Date() })
    .where(sql`${eventRegistrations.id} = any(${sql.param(ids)}::uuid[])`);
  await mailRegistrants(tx, ids, 'promoted');
  await scheduleReminders(tx, ids, event.startsAt);
  return ids;
}
