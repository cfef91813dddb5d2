import { deliverAssessmentLink } from '../../src/modules/immersions/index.js';
import { defineJob } from '../job.js';

/** The tutor's assessment link, on the last day and as reminders; moot once assessed or cancelled. */
export const sendImmersionAssessmentLink = defineJob({
  name: 'immersion-assessment-link',
  async process(payload, { deps, jobId, log }) {
    const outcome = await deliverAssessmentLink(deps, jobId, payload);
    log.info({ agreementId: payload.agreementId, reminder: payload.reminder, outcome }, 'immersion assessment link');
  },
});
