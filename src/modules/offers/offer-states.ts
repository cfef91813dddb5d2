/**
 * The life of an offer, as data: `draft` → `published` → `closed`. A closed offer may be
 * published again as long as its expiry date has not passed (set a new one first); a draft
 * is never "closed" (it was never open). An offer whose expiry date has passed is closed,
 * even before the periodic job writes it down.
 */
export const OFFER_STATUSES = ['draft', 'published', 'closed'] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];

export const OFFER_TRANSITIONS = {
  publish: { from: ['draft', 'closed'], to: 'published' },
  close: { from: ['published'], to: 'closed' },
} as const satisfies Record<string, { from: readonly OfferStatus[]; to: OfferStatus }>;
export type OfferAction = keyof typeof OFFER_TRANSITIONS;

/** The status a reader sees: a published offer past its expiry date is closed. */
export function effectiveOfferStatus(offer: { status: OfferStatus; expiryDate: string | null }, today: string): OfferStatus {
  return offer.status === 'published' && isExpired(offer.expiryDate, today) ? 'closed' : offer.status;
}

/** The expiry date is the last open day. */
export function isExpired(expiryDate: string | null, today: string): boolean {
  return expiryDate !== null && expiryDate < today;
}

export type TransitionResult =
  | { ok: true; to: OfferStatus }
  | { ok: false; reason: 'not_allowed' | 'expired' };

/** Whether `action` may happen to an offer now. */
export function offerTransition(
  offer: { status: OfferStatus; expiryDate: string | null },
  action: OfferAction,
  today: string,
): TransitionResult {
  const current = effectiveOfferStatus(offer, today);
  const rule = OFFER_TRANSITIONS[action];
  if (!(rule.from as readonly OfferStatus[]).includes(current)) return { ok: false, reason: 'not_allowed' };
  if (rule.to === 'published' && isExpired(offer.expiryDate, today)) return { ok: false, reason: 'expired' };
  return { ok: true, to: rule.to };
}
