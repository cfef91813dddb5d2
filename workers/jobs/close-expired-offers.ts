import { closeExpiredOffers as closeExpired } from '../../src/modules/offers/close-expired-offers.js';
import { defineJob } from '../job.js';

/** How often published offers past their expiry date are closed; readers see them closed meanwhile. */
export const CLOSE_EXPIRED_OFFERS_EVERY_MS = 5 * 60_000;

/** Repeatable: closes the published offers whose expiry date has passed. Idempotent. */
export const closeExpiredOffers = defineJob({
  name: 'close-expired-offers',
  repeat: { every: CLOSE_EXPIRED_OFFERS_EVERY_MS },
  // A failed run is simply done again by the next one.
  options: { attempts: 1 },
  async process(_payload, { deps, log }) {
    const ids = await closeExpired(deps.db);
    if (ids.length > 0) log.info({ closed: ids.length }, 'expired offers closed');
  },
});
