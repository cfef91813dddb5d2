import { defineMachine } from './state-machine.js';

/**
 * The life of an offer: `draft` → `published` → `closed`. A closed offer may be published
 * again as long as its expiry date has not passed (set a new one first); a draft is never
 * "closed" (it was never open). The platform closes offers whose expiry date has passed.
 */
export const offerLifecycle = defineMachine({
  resource: 'offer',
  states: ['draft', 'published', 'closed'],
  actions: {
    publish: { from: ['draft', 'closed'], to: 'published', by: ['employer', 'admin'], effects: ['index for search'] },
    close: { from: ['published'], to: 'closed', by: ['employer', 'admin'], effects: ['index for search'] },
    expire: { from: ['published'], to: 'closed', by: ['system'], effects: ['index for search'] },
  },
});
export const OFFER_STATUSES = offerLifecycle.states;
export type OfferStatus = (typeof OFFER_STATUSES)[number];
export type OfferAction = keyof typeof offerLifecycle.actions;

/** The status a reader sees: a published offer past its expiry date is closed, even before the job writes it down. */
export function effectiveOfferStatus(offer: { status: OfferStatus; expiryDate: string | null }, today: string): OfferStatus {
  return offer.status === 'published' && isExpired(offer.expiryDate, today) ? 'closed' : offer.status;
}

/** The expiry date is the last open day. */
export function isExpired(expiryDate: string | null, today: string): boolean {
  return expiryDate !== null && expiryDate < today;
}
