import { and, eq } from 'drizzle-orm';
import { offers } from '../../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import type { Actor } from '../../core/actor.js';
import { NotFoundError, ValidationError } from '../../core/errors.js';
import { offerDatesError } from './offer-dates.js';
import { enqueueJob } from '../../outbox/jobs.js';
import { loadOfferView, toOfferDto } from './offer-dto.js';
import { resolveOfferReferences } from './offer-references.js';
import { effectiveOfferStatus, offerLifecycle } from '../../domain/offer-lifecycle.js';
import { recordTransitions } from '../lifecycle/index.js';
import type { UpdateOfferInput } from './offers.schemas.js';
import { employerWriteScope } from '../accounts/index.js';
import { todayInFrance } from '../../core/calendar.js';

/**
 * Changes the fields given, in any state. An offer found past its expiry date is first
 * written down as closed: a new expiry date does not reopen it, publishing again does.
 */
export async function updateOffer(deps: Deps, actor: Actor, id: string, input: UpdateOfferInput) {
  const scope = employerWriteScope(actor, offers.employerId);
  return deps.db.transaction(async (tx) => {
    const [row] = await tx.select().from(offers).where(and(eq(offers.id, id), scope)).for('update');
    if (!row) throw new NotFoundError('Offer');
    const datesError = offerDatesError(
      input.startDate === undefined ? row.startDate : input.startDate,
      input.expiryDate === undefined ? row.expiryDate : input.expiryDate,
    );
    if (datesError) throw new ValidationError([datesError]);
    const { workplace } = await resolveOfferReferences(tx, input);
    const { workplace: _workplace, ...fields } = input;
    const now = new Date();
    const expired = effectiveOfferStatus(row, todayInFrance()) !== row.status;
    if (expired) await recordTransitions(tx, offerLifecycle, [{ id, from: 'published', action: 'expire' }], 'system', 'expiry date passed');
    await tx
      .update(offers)
      .set({ ...fields, ...workplace, ...(expired ? { status: 'closed', closedAt: now } : {}), updatedAt: now })
      .where(eq(offers.id, id));
    await enqueueJob(tx, 'sync-search', { index: 'offers', id });
    return toOfferDto(await loadOfferView(tx, id), todayInFrance());
  });
}
