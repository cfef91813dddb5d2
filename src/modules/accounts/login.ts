import { and, eq, isNull } from 'drizzle-orm';
import { sessions, users } from '../../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { newToken } from '../../core/tokens.js';
import { AppError, ForbiddenError } from '../../core/errors.js';
import type { Role } from '../../core/actor.js';
import type { LoginLimiter } from './login-limiter.js';
import { verifyPassword } from './passwords.js';
import { toUserDto } from './users.js';

/**
 * Opens a session for the right e-mail and password, under the login limits. `roles` narrows
 * who may open it (the admin console: admins only, 403 for the others, told only once the
 * password is right); `ttlMinutes` shortens it.
 */
export async function login(
  deps: Deps,
  limiter: LoginLimiter,
  input: { email: string; password: string; ip: string },
  options: { roles?: readonly Role[]; ttlMinutes?: number } = {},
) {
  const { db, config } = deps;
  const [user] = await db.select().from(users).where(eq(users.email, input.email)).limit(1);
  const attempt = await limiter.attempt(input.email, input.ip, user?.id);
  const ok = await verifyPassword(user?.passwordHash ?? null, input.password);
  if (!user || !ok || user.status !== 'active') throw new AppError('invalid_credentials', 'Wrong e-mail or password.');
  await limiter.succeeded(input.email, input.ip, attempt);
  if (options.roles && !options.roles.includes(user.role)) throw new ForbiddenError('This account may not sign in here.');
  const { token, hash } = newToken();
  const expiresAt = new Date(Date.now() + (options.ttlMinutes ?? config.SESSION_TTL_HOURS * 60) * 60_000);
  await db.insert(sessions).values({ userId: user.id, tokenHash: hash, expiresAt, ip: input.ip });
  return { token, tokenType: 'Bearer' as const, expiresAt: expiresAt.toISOString(), user: toUserDto(user) };
}

export async function logout(deps: Deps, sessionId: string) {
  await deps.db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
}
