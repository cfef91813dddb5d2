import { eq } from 'drizzle-orm';
import { mailDeliveries } from '../../db/schema/index.js';
import { eventEmail, MAILS_WITH_CANCEL_LINK } from '../../src/modules/events/event-emails.js';
import { mintRegistrationLink } from '../../src/modules/events/registration-links.js';
import { loadEventMail } from '../../src/modules/events/event-mail-data.js';
import { defineJob } from '../job.js';

/** The address in MAIL_FROM (`Name <address>` or a bare address): the organizer of calendar invitations. */
const addressOf = (from: string) => /<([^>]+)>/.exec(from)?.[1] ?? from;

/**
 * Sends an e-mail about an event registration (confirmation with its calendar invitation,
 * waitlist, promotion, reminder, changes, cancellations), with its single-use links: the
 * confirmation of a public registration, and the cancellation of a registration. Idempotent: a delivery already
 * recorded for this job is not sent again; a reminder that became moot is not sent at all.
 */
export const sendEventMail = defineJob({
  name: 'send-event-mail',
  async process({ registrationId, mail }, { deps, jobId, log }) {
    const { db, config, mailer } = deps;
    const key = `event-mail:${jobId}`;
    const [done] = await db.select({ key: mailDeliveries.key }).from(mailDeliveries).where(eq(mailDeliveries.key, key));
    if (done) return log.info({ key }, 'event mail already sent');
    const input = await loadEventMail(db, registrationId, mail, { organiserEmail: addressOf(config.MAIL_FROM), holdHours: config.EVENT_HOLD_HOURS });
    if (!input) return log.info({ registrationId, mail }, 'event mail no longer relevant');
    const mint = (purpose: 'confirm' | 'cancel', expiresAt: Date) => mintRegistrationLink(db, { registrationId, purpose, expiresAt, baseUrl: config.PUBLIC_BASE_URL });
    input.links = {
      confirm: mail === 'confirm_request' ? await mint('confirm', input.holdEndsAt) : undefined,
      cancel: MAILS_WITH_CANCEL_LINK.includes(mail) ? await mint('cancel', input.event.endsAt) : undefined,
    };
    const message = eventEmail(input);
    const { messageId } = await mailer.send(message);
    await db.insert(mailDeliveries).values({ key, recipient: input.to, subject: message.subject, messageId }).onConflictDoNothing();
  },
});
