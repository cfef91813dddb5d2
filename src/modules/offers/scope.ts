import { and, eq, gte, isNull, lt, or, type SQL } from 'drizzle-orm';
import { offers } from '../../../db/schema/index.js';
import type { Actor } from '../../core/actor.js';
import { TODAY_IN_FRANCE_SQL } from '../../core/calendar.js';
import type { OfferStatus } from '../../domain/offer-lifecycle.js';

/** Published and not past its expiry date: what advisors and organisers may see. */
export const liveOffer = and(
  eq(offers.status, 'published'),
  or(isNull(offers.expiryDate), gte(offers.expiryDate, TODAY_IN_FRANCE_SQL)),
)!;

/** The filter for the status a reader sees (see effectiveOfferStatus). */
export function offerStatusIs(status: OfferStatus): SQL {
  if (status === 'published') return liveOffer;
  if (status === 'closed')
    return or(eq(offers.status, 'closed'), and(eq(offers.status, 'published'), lt(offers.expiryDate, TODAY_IN_FRANCE_SQL)))!;
  return eq(offers.status, 'draft');
}

/**
 * Who reads which offers. An employer: their organisation's, whatever the status. Advisors
 * and organisers (they propose candidates): every employer's published offers, never a
 * draft nor a closed offer. Admins: everything (`undefined`). Outside it: 404.
 */
export function offerReadScope(actor: Actor): SQL | undefined | false {
  if (actor.role === 'admin') return undefined;
  if (actor.role === 'employer') return actor.employerId ? eq(offers.employerId, actor.employerId) : false;
  return liveOffer;
}
