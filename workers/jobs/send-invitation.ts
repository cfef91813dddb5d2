import { eq } from 'drizzle-orm';
import { users } from '../../db/schema/index.js';
import { invitationEmail } from '../../src/modules/accounts/invitation-email.js';
import { defineJob } from '../job.js';
import { alreadySent, mintPasswordLink, recordSent } from './password-link.js';

/**
 * Sends the invitation of a new account, with a single-use link to choose a password.
 * Idempotent: a delivery already recorded for this job is not sent again.
 */
export const sendInvitation = defineJob({
  name: 'send-invitation',
  async process({ userId }, { deps, jobId, log }) {
    const key = `invitation:${jobId}`;
    if (await alreadySent(deps, key)) return log.info({ key }, 'invitation already sent');
    const [user] = await deps.db.select().from(users).where(eq(users.id, userId));
    if (!user || user.status !== 'invited') return log.info({ userId }, 'no pending invitation for this user');
    const link = await mintPasswordLink(deps, user.id, deps.config.INVITATION_TTL_HOURS * 3600_000);
    const message = invitationEmail({
      to: user.email,
      firstName: user.firstName,
      role: user.role,
      link,
      expiresInHours: deps.config.INVITATION_TTL_HOURS,
    });
    const { messageId } = await deps.mailer.send(message);
    await recordSent(deps, key, message, messageId);
  },
});
