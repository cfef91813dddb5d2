import { eq } from 'drizzle-orm';
import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import { users } from '../../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { enqueueJob } from '../../outbox/jobs.js';

/** Reset e-mails one address may receive per hour: enough for a lost e-mail, too few to flood an inbox. */
const RESETS_PER_HOUR = 3;

/**
 * "Forgot my password": sends a single-use link (the same rules as an invitation's) to an
 * account that exists and is not disabled. The answer is the same in every case, so that
 * the form does not tell who has an account.
 */
export function createPasswordReset(deps: Pick<Deps, 'db' | 'redis' | 'config'>) {
  const limiter = new RateLimiterRedis({
    storeClient: deps.redis,
    keyPrefix: `${deps.config.REDIS_PREFIX}:password-reset`,
    points: RESETS_PER_HOUR,
    duration: 3600,
    insuranceLimiter: new RateLimiterMemory({ points: RESETS_PER_HOUR, duration: 3600 }),
    rejectIfRedisNotReady: true,
  });
  return async function requestPasswordReset(email: string): Promise<void> {
    const allowed = await limiter.consume(email).then(() => true, () => false);
    if (!allowed) return;
    await deps.db.transaction(async (tx) => {
      const [user] = await tx.select({ id: users.id, status: users.status }).from(users).where(eq(users.email, email));
      if (!user || user.status === 'disabled') return;
      await enqueueJob(tx, 'send-password-reset', { userId: user.id });
    });
  };
}
