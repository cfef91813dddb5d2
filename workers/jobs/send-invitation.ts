import { and, eq, isNull } from 'drizzle-orm';
import { mailDeliveries, userTokens, users } from '../../db/schema/index.js';
import { newToken } from '../../src/core/tokens.js';
import { invitationEmail } from '../../src/modules/accounts/invitation-email.js';
import { defineJob } from '../job.js';

/**
 * Sends the invitation of a new account. The single-use link is minted here, not in the
 * API, so that the raw token never rests in the outbox; a new link supersedes older ones.
 * Idempotent: a delivery already recorded for this job is not sent again.
 */
export const sendInvitation = defineJob({
  name: 'send-invitation',
  async process({ userId }, { deps, jobId, log }) {
    const { db, config, mailer } = deps;
    const key = `invitation:${jobId}`;
    const [done] = await db.select({ key: mailDeliveries.key }).from(mailDeliveries).where(eq(mailDeliveries.key, key));
    if (done) return log.info({ key }, 'invitation already sent');
    const [user] = await db.select().from(users).where(eq(users.id, userId));
    if (!user || user.status !== 'invited') return log.info({ userId }, 'no pending invitation for this user');

    const { token, hash } = newToken();
    const expiresAt = new Date(Date.now() + config.INVITATION_TTL_HOURS * 3600_000);
    await db.transaction(async (tx) => {
      await tx
        .update(userTokens)
        .set({ usedAt: new Date() })
        .where(and(eq(userTokens.userId, user.id), eq(userTokens.purpose, 'set_password'), isNull(userTokens.usedAt)));
      await tx.insert(userTokens).values({ userId: user.id, purpose: 'set_password', tokenHash: hash, expiresAt });
    });
    const link = new URL(`/activer-mon-compte?token=${token}`, config.PUBLIC_BASE_URL).toString();
    const message = invitationEmail({
      to: user.email,
      firstName: user.firstName,
      role: user.role,
      link,
      expiresInHours: config.INVITATION_TTL_HOURS,
    });
    const { messageId } = await mailer.send(message);
    await db
      .insert(mailDeliveries)
      .values({ key, recipient: user.email, subject: message.subject, messageId })
      .onConflictDoNothing();
  },
});
