import { eq } from 'drizzle-orm';
import { users } from '../../db/schema/index.js';
import { passwordResetEmail } from '../../src/modules/accounts/invitation-email.js';
import { defineJob } from '../job.js';
import { alreadySent, mintPasswordLink, recordSent } from './password-link.js';

/** "Forgot my password": a new single-use link, by e-mail. Idempotent like the invitation. */
export const sendPasswordReset = defineJob({
  name: 'send-password-reset',
  async process({ userId }, { deps, jobId, log }) {
    const key = `password-reset:${jobId}`;
    if (await alreadySent(deps, key)) return log.info({ key }, 'password reset already sent');
    const [user] = await deps.db.select().from(users).where(eq(users.id, userId));
    if (!user || user.status === 'disabled') return log.info({ userId }, 'no account to reset');
    const minutes = deps.config.PASSWORD_RESET_TTL_MINUTES;
    const link = await mintPasswordLink(deps, user.id, minutes * 60_000);
    const message = passwordResetEmail({ to: user.email, firstName: user.firstName, link, expiresInMinutes: minutes });
    const { messageId } = await deps.mailer.send(message);
    await recordSent(deps, key, message, messageId);
  },
});
