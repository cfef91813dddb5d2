import { and, asc, count, desc, eq, sql, type SQL } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type postgres from 'postgres';
import { pipelinedTransaction, type Db, type DbOrTx } from '../../../db/client.js';
import { eventRegistrations, events } from '../../../db/schema/index.js';
import { NotFoundError } from '../../core/errors.js';
import { ACTIVE_REGISTRATION_STATUSES, registrationLifecycle, SEAT_STATUSES, type EventKind, type EventStatus, type RegistrantKind, type RegistrationStatus } from '../../domain/event-lifecycle.js';
import { recordTransitions } from '../lifecycle/index.js';
import type { RegistrationDto } from './events.schemas.js';
import { mailRegistrants, scheduleReminders, seatAnnouncementRows } from './notifications.js';

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

/** Someone to register: a youth of the advisor's structure, or an employer's stand with the offers it brings. */
export type Registrant = { kind: 'youth'; youthId: string; structureId: string } | { kind: 'employer'; employerId: string; offerIds: string[] };

const SEAT_LIST = SEAT_STATUSES.map((s) => `'${s}'`).join(', ');
const ACTIVE_LIST = ACTIVE_REGISTRATION_STATUSES.map((s) => `'${s}'`).join(', ');

/** One claim of a seat: who, by whom, when. */
interface SeatClaim {
  who: Registrant;
  registeredBy: string;
  now: Date;
}
type ClaimResult = { event: LockedEvent | undefined; claim: Claim };
interface Queued extends SeatClaim {
  settle: (result: Promise<ClaimResult>) => void;
}

/** Claims of one event waiting for its running transaction to end, per database handle. */
const queues = new WeakMap<Db, Map<string, Queued[]>>();
/** Claims that share one transaction at most (their statements all leave in one round trip). */
const MAX_CLAIMS_PER_TRANSACTION = 64;

/**
 * Registers someone to an event. Claims on one event are decided one after the other under its
 * lock, each ending with a commit to disk: while this process runs one, the claims that reach it
 * for the same event wait and then go together, in their order of arrival, in the next
 * transaction (a group commit: one lock, one commit for all of them, instead of a lock handed
 * over and a commit flushed per registration). Each keeps its own statement and its own answer;
 * should the shared transaction fail, each is tried again alone, so that one claim's error is
 * never another's. Nothing waits when no transaction of the event is running.
 */
export function claimSeat(db: Db, eventId: string, who: Registrant, registeredBy: string, now: Date): Promise<ClaimResult> {
  let byEvent = queues.get(db);
  if (!byEvent) queues.set(db, (byEvent = new Map()));
  return new Promise((resolve) => {
    const queued: Queued = { who, registeredBy, now, settle: resolve };
    const waiting = byEvent.get(eventId);
    if (waiting) waiting.push(queued);
    else {
      byEvent.set(eventId, []);
      void runClaims(db, byEvent, eventId, [queued]);
    }
  });
}

async function runClaims(db: Db, byEvent: Map<string, Queued[]>, eventId: string, claims: Queued[]) {
  try {
    const results = await claimTogether(db, eventId, claims);
    claims.forEach((c, i) => c.settle(Promise.resolve(results[i]!)));
  } catch (error) {
    if (claims.length === 1) claims[0]!.settle(Promise.reject(error));
    else
      for (const c of claims) {
        const alone = claimTogether(db, eventId, [c]).then(([result]) => result!);
        c.settle(alone);
        await alone.catch(() => undefined);
      }
  }
  const waiting = byEvent.get(eventId)!;
  if (waiting.length === 0) byEvent.delete(eventId);
  else void runClaims(db, byEvent, eventId, waiting.splice(0, MAX_CLAIMS_PER_TRANSACTION));
}

/**
 * Claims seats of an event in one transaction of one round trip (pipelinedTransaction): the
 * event is locked, then one statement per claim, in order. Each statement, unless the registrant
 * already holds a registration or the event takes none (not published, past its deadline, not a
 * forum for a stand), inserts theirs, confirmed while the pool has a free seat, else waitlisted,
 * writes the e-mail and reminder of that outcome to the outbox and answers what the caller
 * shows. Postgres starts the first statement once the lock is held, and each sees what those
 * before it wrote and every registration committed before it started: never more confirmed than
 * the capacity. Nothing is written when the event or the registrant is not there (a youth of
 * another structure); the caller says why from the locked row (see registerToEvent). Prepared
 * statements: nothing built, parsed or planned per registration.
 */
async function claimTogether(db: Db, eventId: string, claims: readonly SeatClaim[]): Promise<ClaimResult[]> {
  const ids = claims.map(() => randomUUID());
  const [[locked], ...rows] = await pipelinedTransaction<[LockedEventRow[], ...ClaimRow[][]]>(db, (sql) => [
    sql`select structure_id, kind, status, registration_deadline from events where id = ${eventId} for update`,
    ...claims.map((c, i) => claimStatement(sql, eventId, ids[i]!, c)),
  ]);
  const event = locked && {
    structureId: locked.structure_id,
    kind: locked.kind,
    status: locked.status,
    registrationDeadline: new Date(locked.registration_deadline),
  };
  return rows.map(([row], i) => ({ event, claim: claimOf(eventId, claims[i]!.who, row!) }));
}

function claimStatement(sql: postgres.ReservedSql, eventId: string, id: string, { who, registeredBy, now }: SeatClaim) {
  const youthId = who.kind === 'youth' ? who.youthId : null;
  const employerId = who.kind === 'employer' ? who.employerId : null;
  const pool = poolOf(who.kind);
  const holder = who.kind === 'youth' ? sql`youth_id = ${who.youthId}` : sql`employer_id = ${who.employerId}`;
  const registrant =
    who.kind === 'youth'
      ? sql`select y.first_name || ' ' || y.last_name as name, s.name as structure_name, y.email
          from youth y left join structures s on s.id = y.structure_id where y.id = ${who.youthId} and y.structure_id = ${who.structureId}`
      : sql`select e.name, null::text as structure_name from employers e where e.id = ${who.employerId}`;
  // One person, one registration: a youth whose address already asked for a seat through the
  // public page holds that one (probed on event_registrations_email_uq). The public side checks
  // the other way round (see sameAddress).
  const own = sql`select id, status, kind from event_registrations
      where event_id = (select event_id from target) and ${holder} and status in (${sql.unsafe(ACTIVE_LIST)})
      limit 1`;
  const existing =
    who.kind === 'youth'
      ? sql`(${own}) union all (select r.id, r.status, r.kind from event_registrations r, registrant
          where r.event_id = (select event_id from target) and r.kind = 'public' and lower(r.email) = lower(registrant.email)
            and r.status in (${sql.unsafe(ACTIVE_LIST)}) limit 1) limit 1`
      : own;
  const inPool = pool === 'stands' ? sql`kind = 'employer'` : sql`kind <> 'employer'`;
  const capacity = pool === 'stands' ? sql`coalesce(ev.stand_capacity, 0)` : sql`ev.youth_capacity`;
  const forStands = pool === 'stands' ? sql`and kind = 'forum'` : sql``;
  return sql<ClaimRow[]>`
    -- The event's id sent once, and no null in the jobs: each claim's statement stays small
    -- (postgres.js sends at once what reaches 1 KiB, the rest later).
    with target as (select ${eventId}::uuid as event_id),
    ev as (
      select youth_capacity, stand_capacity, starts_at from events
      where id = (select event_id from target) and status = 'published' and registration_deadline >= ${now.toISOString()}::timestamptz ${forStands}),
    registrant as (${registrant}),
    existing as (${existing}),
    queue as (
      select count(*) filter (where status in (${sql.unsafe(SEAT_LIST)}))::int as taken,
        count(*) filter (where status = 'waitlisted')::int as waiting
      from event_registrations
      where event_id = (select event_id from target) and status in (${sql.unsafe(SEAT_LIST)}, 'waitlisted') and ${inPool}),
    inserted as (
      insert into event_registrations (id, event_id, kind, status, youth_id, employer_id, offer_ids, registered_by)
      select ${id}, (select event_id from target), ${who.kind}::registrant_kind,
        (case when queue.taken < ${capacity} then 'confirmed' else 'waitlisted' end)::registration_status,
        ${youthId}::uuid, ${employerId}::uuid, ${who.kind === 'employer' ? who.offerIds : []}::uuid[], ${registeredBy}::uuid
      from ev, queue, registrant
      where not exists (select 1 from existing)
      returning id, status, offer_ids, created_at, updated_at),
    announced as (
      insert into outbox_events (type, payload, run_at, key)
      select j.type, j.payload, coalesce(ev.starts_at - j.before_start_ms * interval '1 millisecond', now()), j.key
      from inserted, ev, jsonb_to_recordset(${JSON.stringify(seatAnnouncementRows(id))}::jsonb)
        as j(status text, type text, payload jsonb, key text, before_start_ms bigint)
      where j.status = inserted.status::text
      returning id),
    -- The dispatcher is woken at commit time instead of waiting for its next poll (as addJobs does).
    woken as (select pg_notify('outbox', '') from announced limit 1)
    select exists (select 1 from registrant) as registrant_found,
      (select id from existing) as existing_id, (select status from existing) as existing_status, (select kind from existing) as existing_kind,
      i.id, i.status, i.offer_ids,
      to_char(i.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as created_at,
      to_char(i.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as updated_at,
      -- Every insert takes the event's lock first, so the newest has the highest seq and, not
      -- moved back, comes last in the queue (see waitlistOrder): behind all those waiting.
      case when i.status = 'waitlisted' then queue.waiting + 1 end as waitlist_position,
      r.name, r.structure_name, (select count(*) from woken) as woken
    from (select 1) as one left join inserted i on true left join queue on true left join registrant r on true`;
}

function claimOf(eventId: string, who: Registrant, row: ClaimRow): Claim {
  if (!row.registrant_found) return { outcome: 'unknown_registrant' };
  if (row.existing_id) return { outcome: 'already_registered', existing: { id: row.existing_id, status: row.existing_status!, kind: row.existing_kind! } };
  if (!row.id) return { outcome: 'not_taken' };
  const registration = {
    id: row.id,
    eventId,
    kind: who.kind,
    status: row.status!,
    waitlistPosition: row.waitlist_position,
    youthId: who.kind === 'youth' ? who.youthId : null,
    employerId: who.kind === 'employer' ? who.employerId : null,
    offerIds: row.offer_ids!,
    name: row.name,
    structureName: row.structure_name,
    createdAt: row.created_at!,
    updatedAt: row.updated_at!,
  };
  return { outcome: 'registered', registration };
}

type LockedEvent = { structureId: string; kind: EventKind; status: EventStatus; registrationDeadline: Date };
interface LockedEventRow {
  structure_id: string;
  kind: EventKind;
  status: EventStatus;
  /** A string: the drizzle client reads timestamps as text (see createDb). */
  registration_deadline: string;
}

type Claim =
  | { outcome: 'unknown_registrant' | 'not_taken' }
  | { outcome: 'already_registered'; existing: { id: string; status: RegistrationStatus; kind: RegistrantKind } }
  | { outcome: 'registered'; registration: RegistrationDto };

interface ClaimRow {
  registrant_found: boolean;
  existing_id: string | null;
  existing_status: RegistrationStatus | null;
  existing_kind: RegistrantKind | null;
  id: string | null;
  status: 'confirmed' | 'waitlisted' | null;
  offer_ids: string[] | null;
  created_at: string | null;
  updated_at: string | null;
  waitlist_position: number | null;
  name: string | null;
  structure_name: string | null;
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
