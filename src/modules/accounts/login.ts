import { and, eq, isNull } from 'drizzle-orm';
import { sessions, users } from '../../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { newToken } from '../../core/tokens.js';
import { AppError } from '../../core/errors.js';
import type { LoginLimiter } from './login-limiter.js';
import { verifyPassword } from './passwords.js';
import { toUserDto } from './users.js';

export async function login(
  deps: Deps,
  limiter: LoginLimiter,
  input: { email: string; password: string; ip: string },
) {
  const { db, config } = deps;
  const [user] = await db.select().from(users).where(eq(users.email, input.email)).limit(1);
  const attempt = await limiter.attempt(input.email, input.ip, user?.id);
  const ok = await verifyPassword(user?.passwordHash ?? null, input.password);
  if (!user || !ok || user.status !== 'active') throw new AppError('invalid_credentials', 'Wrong e-mail or password.');
  await limiter.succeeded(input.email, input.ip, attempt);
  const { token, hash } = newToken();
  const expiresAt = new Date(Date.now() + config.SESSION_TTL_HOURS * 3600_000);
  await db.insert(sessions).values({ userId: user.id, tokenHash: hash, expiresAt, ip: input.ip });
  return { token, tokenType: 'Bearer' as const, expiresAt: expiresAt.toISOString(), user: toUserDto(user) };
}

export async function logout(deps: Deps, sessionId: string) {
  await deps.db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
}
