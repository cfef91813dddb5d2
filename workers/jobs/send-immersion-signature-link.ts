import { deliverSignatureLink } from '../../src/modules/immersions/index.js';
import { defineJob } from '../job.js';

/** A signatory's single-use link to sign an immersion agreement; moot once the agreement was edited again or signed. */
export const sendImmersionSignatureLink = defineJob({
  name: 'immersion-signature-link',
  async process(payload, { deps, jobId, log }) {
    const outcome = await deliverSignatureLink(deps, jobId, payload);
    log.info({ agreementId: payload.agreementId, party: payload.party, outcome }, 'immersion signature link');
  },
});
