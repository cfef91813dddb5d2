import type { JobHandler } from '../job.js';
import { closeExpiredOffers } from './close-expired-offers.js';
import { purgeOutbox } from './purge-outbox.js';
import { sendEventMail } from './send-event-mail.js';
import { sendInvitation } from './send-invitation.js';
import { sendPasswordReset } from './send-password-reset.js';
import { syncSearch } from './sync-search.js';
import { sendMatchEmail } from './send-match-email.js';
import { matchDeadline } from './match-deadline.js';

/** Every job the worker knows how to run. */
export const allJobs: JobHandler[] = [
  sendInvitation as JobHandler,
  sendPasswordReset as JobHandler,
  closeExpiredOffers as JobHandler,
  purgeOutbox as JobHandler,
  sendEventMail as JobHandler,
  syncSearch as JobHandler,
  sendMatchEmail as JobHandler,
  matchDeadline as JobHandler,
];
