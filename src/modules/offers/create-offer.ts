import { offers } from '../../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import type { Actor } from '../../core/actor.js';
import { enqueueJob } from '../../outbox/jobs.js';
import { loadOfferView, toOfferDto } from './offer-dto.js';
import { resolveOfferReferences } from './offer-references.js';
import type { CreateOfferInput } from './offers.schemas.js';
import { owningEmployerId } from '../accounts/index.js';
import { todayInFrance } from '../../core/calendar.js';

/** Creates an offer as a draft: only its organisation sees it until it is published. */
export async function createOffer(deps: Deps, actor: Actor, input: CreateOfferInput) {
  return deps.db.transaction(async (tx) => {
    const employerId = await owningEmployerId(tx, actor, input.employerId);
    const { workplace } = await resolveOfferReferences(tx, input);
    const { employerId: _employer, workplace: _workplace, ...fields } = input;
    const [row] = await tx
      .insert(offers)
      .values({ ...fields, ...workplace!, employerId, status: 'draft' })
      .returning({ id: offers.id });
    await enqueueJob(tx, 'sync-search', { index: 'offers', id: row!.id });
    return toOfferDto(await loadOfferView(tx, row!.id), todayInFrance());
  });
}
