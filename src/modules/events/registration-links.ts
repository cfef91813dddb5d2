import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.js';
import { eventRegistrations, events, registrationLinks } from '../../../db/schema/index.js';
import { AppError, NotFoundError } from '../../core/errors.js';
import { hashToken, newToken } from '../../core/tokens.js';
import type { RegistrationLinkPurpose } from '../../domain/event-lifecycle.js';

/** The pages behind the e-mail links; the token goes in the query, which request logs leave out. */
export const CONFIRM_PATH = '/inscription/confirmer';
export const CANCEL_PATH = '/inscription/annuler';
const PATHS: Record<RegistrationLinkPurpose, string> = { confirm: CONFIRM_PATH, cancel: CANCEL_PATH };

/**
 * Mints a single-use link for a registration and returns its address. Minted by the worker as
 * it writes the e-mail, so that the raw token never rests in the outbox or the database.
 */
export async function mintRegistrationLink(db: DbOrTx, input: { registrationId: string; purpose: RegistrationLinkPurpose; expiresAt: Date; baseUrl: string }) {
  const { token, hash } = newToken();
  await db.insert(registrationLinks).values({ registrationId: input.registrationId, purpose: input.purpose, tokenHash: hash, expiresAt: input.expiresAt });
  return new URL(`${PATHS[input.purpose]}?token=${token}`, input.baseUrl).toString();
}

/** The statuses from which each link still does something. */
const OPEN_STATUSES: Record<RegistrationLinkPurpose, readonly string[]> = {
  confirm: ['pending_confirmation'],
  cancel: ['pending_confirmation', 'confirmed', 'waitlisted'],
};

/**
 * The registration behind a link, if the link still opens: an unknown (mistyped, tampered)
 * token is 404; a link used, expired, whose registration has moved on (lapsed, cancelled,
 * already confirmed) or whose event is cancelled or over is 410 `link_invalid`, with the
 * reason. With `lock`, the link and the registration rows are locked for the caller's
 * transaction (after the event's, see lockEvent).
 */
export async function openRegistrationLink(db: DbOrTx, token: string, purpose: RegistrationLinkPurpose, lock = false) {
  if (token.length < 20 || token.length > 100) throw new NotFoundError('Link');
  const query = db
    .select({
      linkId: registrationLinks.id,
      usedAt: registrationLinks.usedAt,
      expiresAt: registrationLinks.expiresAt,
      registrationId: eventRegistrations.id,
      status: eventRegistrations.status,
      kind: eventRegistrations.kind,
      event: events,
    })
    .from(registrationLinks)
    .innerJoin(eventRegistrations, eq(eventRegistrations.id, registrationLinks.registrationId))
    .innerJoin(events, eq(events.id, eventRegistrations.eventId))
    .where(and(eq(registrationLinks.tokenHash, hashToken(token)), eq(registrationLinks.purpose, purpose)));
  const [link] = lock ? await query.for('update', { of: [registrationLinks, eventRegistrations] }) : await query;
  if (!link) throw new NotFoundError('Link');
  const gone = (reason: string) => new AppError('link_invalid', `This link no longer works (${reason.replaceAll('_', ' ')}).`, { reason });
  if (link.usedAt) throw gone('used');
  if (link.expiresAt.getTime() <= Date.now()) throw gone('expired');
  if (link.event.status !== 'published' || link.event.endsAt.getTime() <= Date.now()) throw gone('event_closed');
  // A seat is taken while registrations are open: not after the deadline (the organiser has the
  // list by then), nor once the event is no longer open to the public.
  if (purpose === 'confirm' && (link.event.registrationDeadline.getTime() <= Date.now() || !link.event.isPublic)) throw gone('registrations_closed');
  if (!OPEN_STATUSES[purpose].includes(link.status)) throw gone(link.status === 'cancelled' ? 'registration_cancelled' : 'already_done');
  return link;
}

/** Marks a link used, in the transaction that acts on it. */
export function useRegistrationLink(tx: DbOrTx, linkId: string) {
  return tx.update(registrationLinks).set({ usedAt: new Date() }).where(eq(registrationLinks.id, linkId));
}
