import type { JobHandler } from '../job.js';
import { closeExpiredOffers } from './close-expired-offers.js';
import { purgeOutbox } from './purge-outbox.js';
import { sendEventMail } from './send-event-mail.js';
import { eventHoldLapse } from './event-hold-lapse.js';
import { sendInvitation } from './send-invitation.js';
import { sendPasswordReset } from './send-password-reset.js';
import { syncSearch } from './sync-search.js';
import { sendMatchEmail } from './send-match-email.js';
import { matchDeadline } from './match-deadline.js';
import { sendImmersionAssessmentLink } from './send-immersion-assessment-link.js';
import { sendImmersionNotice } from './send-immersion-notice.js';
import { sendImmersionSignatureLink } from './send-immersion-signature-link.js';
import { rollImmersion } from './roll-immersion.js';

/** Every job the worker knows how to run. */
export const allJobs: JobHandler[] = [
  sendInvitation as JobHandler,
  sendPasswordReset as JobHandler,
  closeExpiredOffers as JobHandler,
  purgeOutbox as JobHandler,
  sendEventMail as JobHandler,
  eventHoldLapse as JobHandler,
  syncSearch as JobHandler,
  sendMatchEmail as JobHandler,
  matchDeadline as JobHandler,
  sendImmersionSignatureLink as JobHandler,
  sendImmersionNotice as JobHandler,
  sendImmersionAssessmentLink as JobHandler,
  rollImmersion as JobHandler,
];
