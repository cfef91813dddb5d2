import { rollAgreement } from '../../src/modules/immersions/index.js';
import { defineJob } from '../job.js';

/** On an immersion's first day, and the day after its last: moves it to in_progress, then ended. */
export const rollImmersion = defineJob({
  name: 'immersion-roll',
  async process({ agreementId }, { deps, log }) {
    const status = await rollAgreement(deps, agreementId);
    log.info({ agreementId, status }, 'immersion rolled');
  },
});
