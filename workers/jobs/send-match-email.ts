import { eq } from 'drizzle-orm';
import { mailDeliveries } from '../../db/schema/index.js';
import { matchEmails } from '../../src/modules/matches/index.js';
import { defineJob } from '../job.js';

/**
 * The French e-mails of a match (see src/modules/matches/match-emails.ts). Idempotent per
 * match, event and recipient: each happens once in a match's life, so a retry or a second
 * reminder job never sends twice.
 */
export const sendMatchEmail = defineJob({
  name: 'send-match-email',
  async process({ matchId, event }, { deps, log }) {
    const messages = await matchEmails(deps.db, matchId, event, deps.config.PUBLIC_BASE_URL, deps.config.MATCH_EXPIRY_DAYS);
    if (messages.length === 0) return log.info({ matchId, event }, 'no match e-mail to send');
    for (const message of messages) {
      const key = `match:${matchId}:${event}:${message.to}`;
      const [done] = await deps.db.select({ key: mailDeliveries.key }).from(mailDeliveries).where(eq(mailDeliveries.key, key));
      if (done) continue;
      const { messageId } = await deps.mailer.send(message);
      await deps.db.insert(mailDeliveries).values({ key, recipient: message.to, subject: message.subject, messageId }).onConflictDoNothing();
    }
  },
});
