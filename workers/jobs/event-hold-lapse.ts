import { lapseHold } from '../../src/modules/events/public-registrations.js';
import { defineJob } from '../job.js';

/** When an unconfirmed public registration's hold ends: cancelled if its link was never followed. */
export const eventHoldLapse = defineJob({
  name: 'event-hold-lapse',
  async process({ registrationId }, { deps, log }) {
    log.info({ registrationId, lapsed: await lapseHold(deps, registrationId) }, 'event registration hold');
  },
});
