import { eq } from 'drizzle-orm';
import { mailDeliveries } from '../../db/schema/index.js';
import { eventEmail } from '../../src/modules/events/event-emails.js';
import { loadEventMail } from '../../src/modules/events/event-mail-data.js';
import { defineJob } from '../job.js';

/** The address in MAIL_FROM (`Name <address>` or a bare address): the organizer of calendar invitations. */
const addressOf = (from: string) => /<([^>]+)>/.exec(from)?.[1] ?? from;

/**
 * Sends an e-mail about an event registration (confirmation with its calendar invitation,
 * waitlist, promotion, reminder, changes, cancellations). Idempotent: a delivery already
 * recorded for this job is not sent again; a reminder that became moot is not sent at all.
 */
export const sendEventMail = defineJob({
  name: 'send-event-mail',
  async process({ registrationId, mail }, { deps, jobId, log }) {
    const { db, config, mailer } = deps;
    const key = `event-mail:${jobId}`;
    const [done] = await db.select({ key: mailDeliveries.key }).from(mailDeliveries).where(eq(mailDeliveries.key, key));
    if (done) return log.info({ key }, 'event mail already sent');
    const input = await loadEventMail(db, registrationId, mail, { organiserEmail: addressOf(config.MAIL_FROM) });
    if (!input) return log.info({ registrationId, mail }, 'event mail no longer relevant');
    const message = eventEmail(input);
    const { messageId } = await mailer.send(message);
    await db.insert(mailDeliveries).values({ key, recipient: input.to, subject: message.subject, messageId }).onConflictDoNothing();
  },
});
