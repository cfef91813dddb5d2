import { deliverNotice } from '../../src/modules/immersions/index.js';
import { defineJob } from '../job.js';

/** The e-mails of an immersion agreement's step (all signed, validated, rejected, cancelled). */
export const sendImmersionNotice = defineJob({
  name: 'immersion-notice',
  async process(payload, { deps, jobId, log }) {
    const outcome = await deliverNotice(deps, jobId, payload);
    log.info({ agreementId: payload.agreementId, notice: payload.notice, outcome }, 'immersion notice');
  },
});
