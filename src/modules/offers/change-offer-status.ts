import { and, eq } from 'drizzle-orm';
import { offers } from '../../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import type { Actor } from '../../core/actor.js';
import { InvalidStateError, NotFoundError } from '../../core/errors.js';
import { enqueueJob } from '../../outbox/jobs.js';
import { loadOfferView, toOfferDto } from './offer-dto.js';
import { effectiveOfferStatus, isExpired, offerLifecycle, type OfferAction } from '../../domain/offer-lifecycle.js';
import { applyTransition } from '../lifecycle/index.js';
import { employerWriteScope } from '../accounts/index.js';
import { todayInFrance } from '../../core/calendar.js';

/** Makes the offer visible to advisors and to the offer search. */
export const publishOffer = (deps: Deps, actor: Actor, id: string) => changeOfferStatus(deps, actor, id, 'publish');

/** Takes the offer off the market; it may be published again until its expiry date. */
export const closeOffer = (deps: Deps, actor: Actor, id: string) => changeOfferStatus(deps, actor, id, 'close');

async function changeOfferStatus(deps: Deps, actor: Actor, id: string, action: Exclude<OfferAction, 'expire'>) {
  const scope = employerWriteScope(actor, offers.employerId);
  return deps.db.transaction(async (tx) => {
    const [row] = await tx.select().from(offers).where(and(eq(offers.id, id), scope)).for('update');
    if (!row) throw new NotFoundError('Offer');
    const today = todayInFrance();
    const current = effectiveOfferStatus(row, today);
    if (action === 'publish' && current !== 'published' && isExpired(row.expiryDate, today))
      throw new InvalidStateError(current, `The expiry date ${row.expiryDate} has passed: set a new one before publishing.`);
    const result = await applyTransition(tx, offerLifecycle, { id, current, action, by: actor });
    const now = new Date();
    await tx
      .update(offers)
      .set(
        result.to === 'published'
          ? { status: 'published', publishedAt: now, closedAt: null, updatedAt: now }
          : { status: 'closed', closedAt: now, updatedAt: now },
      )
      .where(eq(offers.id, id));
    await enqueueJob(tx, 'sync-search', { index: 'offers', id });
    return toOfferDto(await loadOfferView(tx, id), today);
  });
}
