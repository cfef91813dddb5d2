import { and, eq, isNull } from 'drizzle-orm';
import { mailDeliveries, userTokens } from '../../db/schema/index.js';
import { newToken } from '../../src/core/tokens.js';
import type { Deps } from '../../src/deps.js';

/**
 * Mints a single-use link to the set-password page, valid `ttlMs`; it supersedes the user's
 * earlier links. Minted in the worker, not the API, so that the raw token never rests in the
 * outbox.
 */
export async function mintPasswordLink(deps: Deps, userId: string, ttlMs: number): Promise<string> {
  const { token, hash } = newToken();
  await deps.db.transaction(async (tx) => {
    await tx
      .update(userTokens)
      .set({ usedAt: new Date() })
      .where(and(eq(userTokens.userId, userId), eq(userTokens.purpose, 'set_password'), isNull(userTokens.usedAt)));
    await tx.insert(userTokens).values({ userId, purpose: 'set_password', tokenHash: hash, expiresAt: new Date(Date.now() + ttlMs) });
  });
  return new URL(`/activer-mon-compte?token=${token}`, deps.config.PUBLIC_BASE_URL).toString();
}

/** Whether the mail of this job was already sent (jobs run at least once). */
export async function alreadySent(deps: Deps, key: string): Promise<boolean> {
  const [done] = await deps.db.select({ key: mailDeliveries.key }).from(mailDeliveries).where(eq(mailDeliveries.key, key));
  return done !== undefined;
}

export async function recordSent(deps: Deps, key: string, message: { to: string; subject: string }, messageId: string | undefined) {
  await deps.db.insert(mailDeliveries).values({ key, recipient: message.to, subject: message.subject, messageId }).onConflictDoNothing();
}
