import { and, eq, ne, sql } from 'drizzle-orm';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { DbOrTx } from '../../../db/client.js';
import { eventRegistrations, events } from '../../../db/schema/index.js';
import { addressBlock } from '../../core/address-block.js';
import { AppError } from '../../core/errors.js';
import { registrationLifecycle } from '../../domain/event-lifecycle.js';
import type { Deps } from '../../deps.js';
import { cancelJobs, scheduleJob } from '../../outbox/jobs.js';
import { applyTransition } from '../lifecycle/index.js';
import type { PublicRegistrationInput } from './events.schemas.js';
import { announceSeat, mailRegistrants } from './notifications.js';
import { openRegistrationLink, useRegistrationLink } from './registration-links.js';
import { activeRegistration, checkRegistrationsOpen, withdrawRegistration } from './registrations.js';
import { lockEvent, seatFor, waitlistPositionSql } from './seats.js';

const holdKey = (registrationId: string) => `event-hold:${registrationId}`;

/** Events open to the public: published and public. Any other (draft, cancelled, private, unknown) is 404. */
const publicScope = and(eq(events.status, 'published'), eq(events.isPublic, true));

/** A published public event, for its page; null when there is no such event. */
export async function findPublicEvent(db: DbOrTx, id: string) {
  const [event] = await db.select().from(events).where(and(eq(events.id, id), publicScope));
  return event ?? null;
}

/**
 * Counts public registration requests per client address and per e-mail over an hour, in
 * Redis (shared by every API instance; this process's memory while Redis is down), before
 * anything is written: past a limit, 429. Both count every request, whatever it leads to, so
 * the limit tells nothing about an address either.
 */
function createRequestLimiter(deps: Pick<Deps, 'redis' | 'config'>) {
  const { config, redis } = deps;
  const make = (key: string, points: number) =>
    new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${config.REDIS_PREFIX}:public-registrations:${key}`,
      points,
      duration: 3600,
      insuranceLimiter: new RateLimiterMemory({ points, duration: 3600 }),
      rejectIfRedisNotReady: true,
    });
  const byIp = make('ip', config.PUBLIC_REGISTRATIONS_PER_IP_PER_HOUR);
  const byEmail = make('email', config.PUBLIC_REGISTRATIONS_PER_EMAIL_PER_HOUR);
  return async (ip: string, email: string) => {
    try {
      await Promise.all([byIp.consume(addressBlock(ip)), byEmail.consume(email.toLowerCase())]);
    } catch (res) {
      if (!(res instanceof RateLimiterRes)) throw res;
      const retryAfter = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
      throw new AppError('too_many_requests', `Too many registration requests. Try again in ${retryAfter} s.`, { retryAfter });
    }
  };
}

/**
 * A registration made for this e-mail address, whatever the case of its letters: a request of the
 * public, or a youth whom their advisor registered and whose address it is (one person, one
 * registration, however they came).
 */
const sameAddress = (email: string) => sql`(
  (${eventRegistrations.kind} = 'public' and lower(${eventRegistrations.email}) = lower(${email}))
  or (${eventRegistrations.kind} = 'youth' and exists (
    select 1 from youth y where y.id = ${eventRegistrations.youthId} and lower(y.email) = lower(${email}))))`;

/**
 * Anyone registers to a published public event (double opt-in): the registration waits in
 * `pending_confirmation`, holding no seat, until the link e-mailed to the address is followed;
 * it lapses after EVENT_HOLD_HOURS. The answer never says whether the address was already
 * registered: a pending one gets its confirmation link again, a confirmed or waitlisted one an
 * e-mail saying so (a youth registered by their advisor too), and the caller the same answer
 * every time.
 */
export function createPublicRegistration(deps: Deps) {
  const limit = createRequestLimiter(deps);
  return async function requestPublicRegistration(eventId: string, input: PublicRegistrationInput, ip: string) {
    await limit(ip, input.email);
    await deps.db.transaction(async (tx) => {
      const event = await lockEvent(tx, eventId, publicScope);
      checkRegistrationsOpen(event);
      let existing = await activeRegistration(tx, eventId, sameAddress(input.email));
      // A request whose hold has ended lapses now, whether or not its job has run yet: the new one starts afresh.
      if (existing?.status === 'pending_confirmation' && (await holdEnded(tx, existing.id, deps.config.EVENT_HOLD_HOURS))) {
        await lapsePending(tx, existing.id);
        await cancelJobs(tx, [holdKey(existing.id)]);
        existing = undefined;
      }
      if (existing) {
        await mailRegistrants(tx, [existing.id], existing.status === 'pending_confirmation' ? 'confirm_request' : 'already_registered');
        return;
      }
      const [row] = await tx
        .insert(eventRegistrations)
        .values({ eventId, kind: 'public', status: 'pending_confirmation', fullName: input.fullName, email: input.email, phone: input.phone ?? null })
        .returning({ id: eventRegistrations.id, createdAt: eventRegistrations.createdAt });
      await mailRegistrants(tx, [row!.id], 'confirm_request');
      const runAt = new Date(row!.createdAt.getTime() + deps.config.EVENT_HOLD_HOURS * 3600_000);
      await scheduleJob(tx, 'event-hold-lapse', { registrationId: row!.id }, { runAt, key: holdKey(row!.id) });
    });
    return { status: 'pending_confirmation' as const, holdHours: deps.config.EVENT_HOLD_HOURS };
  };
}

/**
 * Follows a confirmation link: the registration claims a seat under the same rule as every
 * other (event locked, capacity checked), confirmed while one is free, else waitlisted. Its
 * place in the queue is the time of confirmation, not of the request. Unknown link: 404; used,
 * expired, lapsed or cancelled: 410, never a confirmation. When the address was registered
 * meanwhile by the youth's advisor, the request is withdrawn instead (one person, one
 * registration) and the answer says which registration holds: `already_registered`.
 */
export async function confirmPublicRegistration(deps: Deps, token: string) {
  const { registrationId, eventId } = await linkTarget(deps.db, token, 'confirm');
  return deps.db.transaction(async (tx) => {
    const event = await lockEvent(tx, eventId, undefined);
    const link = await openRegistrationLink(tx, token, 'confirm', true);
    const [{ email } = { email: null }] = await tx.select({ email: eventRegistrations.email }).from(eventRegistrations).where(eq(eventRegistrations.id, registrationId));
    const held = email === null ? undefined : await activeRegistration(tx, eventId, and(sameAddress(email), ne(eventRegistrations.id, registrationId))!);
    if (held) {
      await useRegistrationLink(tx, link.linkId);
      await cancelJobs(tx, [holdKey(registrationId)]);
      await erasePending(tx, registrationId, 'cancel', 'the address is already registered to the event by an advisor');
      return { status: 'already_registered' as const, heldStatus: held.status, waitlistPosition: null, event };
    }
    const status = await seatFor(tx, event, 'youth');
    await applyTransition(tx, registrationLifecycle, {
      id: registrationId,
      current: link.status,
      action: status === 'confirmed' ? 'confirm' : 'confirm_to_waitlist',
      by: 'system',
      reason: 'confirmation link followed',
    });
    await useRegistrationLink(tx, link.linkId);
    await tx
      .update(eventRegistrations)
      .set({ status, seq: sql`nextval(pg_get_serial_sequence('event_registrations', 'seq'))`, updatedAt: new Date() })
      .where(eq(eventRegistrations.id, registrationId));
    await cancelJobs(tx, [holdKey(registrationId)]);
    await announceSeat(tx, registrationId, status, event.startsAt);
    // Joined, so that the rank's subquery keeps the table's name on its columns.
    const [after] = await tx
      .select({ waitlistPosition: waitlistPositionSql })
      .from(eventRegistrations)
      .innerJoin(events, eq(events.id, eventRegistrations.eventId))
      .where(eq(eventRegistrations.id, registrationId));
    return { status, waitlistPosition: after?.waitlistPosition ?? null, event };
  });
}

/** Follows a cancellation link: the registration is cancelled and a seat it held goes to the first on the waitlist. */
export async function cancelByLink(deps: Deps, token: string) {
  const { registrationId, eventId } = await linkTarget(deps.db, token, 'cancel');
  return deps.db.transaction(async (tx) => {
    await lockEvent(tx, eventId, undefined);
    const link = await openRegistrationLink(tx, token, 'cancel', true);
    await useRegistrationLink(tx, link.linkId);
    await withdrawRegistration(tx, { id: registrationId, eventId, status: link.status, kind: link.kind }, 'system', 'cancellation link followed');
    return { event: link.event };
  });
}

/** The registration and event a link points at, read before taking the event's lock (which comes first). */
async function linkTarget(db: DbOrTx, token: string, purpose: 'confirm' | 'cancel') {
  const link = await openRegistrationLink(db, token, purpose);
  return { registrationId: link.registrationId, eventId: link.event.id };
}

/** The scheduled end of an unconfirmed hold: a registration still pending is cancelled and its personal data erased; one confirmed meanwhile is left alone. */
export async function lapseHold(deps: Deps, registrationId: string): Promise<boolean> {
  return deps.db.transaction(async (tx) => {
    const [row] = await tx.select({ eventId: eventRegistrations.eventId }).from(eventRegistrations).where(eq(eventRegistrations.id, registrationId));
    if (!row) return false;
    await lockEvent(tx, row.eventId, undefined);
    const [current] = await tx
      .select({ status: eventRegistrations.status })
      .from(eventRegistrations)
      .where(eq(eventRegistrations.id, registrationId))
      .for('update');
    if (current?.status !== 'pending_confirmation') return false;
    await lapsePending(tx, registrationId);
    return true;
  });
}

/** Whether the hold of a pending request has ended (its lapse may not have run yet). */
async function holdEnded(tx: DbOrTx, registrationId: string, holdHours: number) {
  const [row] = await tx
    .select({ ended: sql<boolean>`${eventRegistrations.createdAt} + ${holdHours * 3600} * interval '1 second' <= now()` })
    .from(eventRegistrations)
    .where(eq(eventRegistrations.id, registrationId));
  return row?.ended === true;
}

/** A pending request that was not confirmed in time is cancelled; never confirmed, so never agreed to: who asked is not kept (minimisation). */
function lapsePending(tx: DbOrTx, registrationId: string) {
  return erasePending(tx, registrationId, 'lapse', 'not confirmed in time');
}

/** A pending request ends without a seat (`lapse`, `cancel`): cancelled, and who asked is not kept. */
async function erasePending(tx: DbOrTx, registrationId: string, action: 'lapse' | 'cancel', reason: string) {
  await applyTransition(tx, registrationLifecycle, { id: registrationId, current: 'pending_confirmation', action, by: 'system', reason });
  await tx
    .update(eventRegistrations)
    .set({ status: 'cancelled', fullName: null, email: null, phone: null, updatedAt: new Date() })
    .where(eq(eventRegistrations.id, registrationId));
}
