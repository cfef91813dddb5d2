import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { sessions, userTokens, users } from '../../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { hashToken } from '../../core/tokens.js';
import { AppError } from '../../core/errors.js';
import { assertStrongPassword, hashPassword } from './passwords.js';

/** Whether a set-password link can still be used (without using it): the page shows the form or says why not. */
export async function isPasswordLinkUsable(deps: Deps, token: string): Promise<boolean> {
  if (token.length < 10 || token.length > 200) return false;
  const [pending] = await deps.db
    .select({ id: userTokens.id })
    .from(userTokens)
    .innerJoin(users, eq(users.id, userTokens.userId))
    .where(
      and(
        eq(userTokens.tokenHash, hashToken(token)),
        isNull(userTokens.usedAt),
        gt(userTokens.expiresAt, sql`now()`),
        sql`${users.status} <> 'disabled'`,
      ),
    );
  return pending !== undefined;
}

/** Consumes a single-use invitation link and activates the account with its first password. */
export async function setPassword(deps: Deps, input: { token: string; password: string }) {
  const tokenHash = hashToken(input.token);
  // The (costly, memory-hard) hash is computed only for a link that exists: random tokens
  // sent to this public route cost a lookup, not 19 MiB of memory each.
  const [pending] = await deps.db
    .select({ email: users.email, firstName: users.firstName, lastName: users.lastName })
    .from(userTokens)
    .innerJoin(users, eq(users.id, userTokens.userId))
    .where(and(eq(userTokens.tokenHash, tokenHash), isNull(userTokens.usedAt), gt(userTokens.expiresAt, sql`now()`)));
  if (!pending) throw linkInvalid();
  // Refused before the link is used, so that the person can try another password with it.
  assertStrongPassword(input.password, pending);
  const passwordHash = await hashPassword(input.password);
  return deps.db.transaction(async (tx) => {
    // One statement claims the link, so two concurrent uses cannot both succeed.
    const [claimed] = await tx
      .update(userTokens)
      .set({ usedAt: sql`now()` })
      .where(
        and(
          eq(userTokens.tokenHash, tokenHash),
          eq(userTokens.purpose, 'set_password'),
          isNull(userTokens.usedAt),
          gt(userTokens.expiresAt, sql`now()`),
        ),
      )
      .returning({ userId: userTokens.userId });
    if (!claimed) throw linkInvalid();
    const [user] = await tx
      .update(users)
      .set({ passwordHash, status: 'active' })
      .where(and(eq(users.id, claimed.userId), sql`${users.status} <> 'disabled'`))
      .returning({ id: users.id, email: users.email });
    if (!user) throw new AppError('link_invalid', 'This account is disabled.');
    // A new password (after "forgot my password") ends every session opened with the old one.
    await tx.update(sessions).set({ revokedAt: sql`now()` }).where(and(eq(sessions.userId, user.id), isNull(sessions.revokedAt)));
    return user;
  });
}

const linkInvalid = () => new AppError('link_invalid', 'This link is invalid, already used or expired. Ask for a new one.');
