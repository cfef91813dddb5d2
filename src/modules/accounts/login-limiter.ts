import { and, eq, gt, sql } from 'drizzle-orm';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { sessions } from '../../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { AppError } from '../../core/errors.js';
import { addressBlock } from '../../core/address-block.js';

/** An address from which someone logged in to an account within this many days is known to it. */
const KNOWN_ADDRESS_DAYS = 30;

/**
 * Login brute-force protection that gives a stranger no way to lock someone else out
 * (OWASP Authentication and Credential Stuffing cheat sheets):
 * - strict per e-mail *and* address: guessing from one place stops after a few failures,
 *   without touching the owner elsewhere;
 * - looser per e-mail, counting only addresses that never logged in to that account: a
 *   guessing spread over many addresses stops too, while the owner, from an address they
 *   used before, keeps logging in;
 * - per address across e-mails: credential stuffing from one place.
 * Failures are counted in Redis (shared by every API instance) before the password is
 * checked, so a parallel burst cannot slip under a limit. While Redis is down, an in-memory
 * counter of this process takes over rather than letting attempts through unbounded.
 */
export function createLoginLimiter(deps: Pick<Deps, 'redis' | 'config' | 'db'>) {
  const { config, redis, db } = deps;
  const make = (key: string, points: number) =>
    new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${config.REDIS_PREFIX}:login-fail:${key}`,
      points,
      duration: config.LOGIN_WINDOW_SECONDS,
      insuranceLimiter: new RateLimiterMemory({ points, duration: config.LOGIN_WINDOW_SECONDS }),
      // Straight to the in-memory limiter while Redis is away, rather than waiting on it.
      rejectIfRedisNotReady: true,
    });
  const byEmailAndIp = make('email-ip', config.LOGIN_MAX_FAILURES_PER_EMAIL);
  const byEmailFromStrangers = make('email', config.LOGIN_MAX_FAILURES_PER_ACCOUNT);
  const byIp = make('ip', config.LOGIN_MAX_FAILURES_PER_IP);
  const pair = (email: string, ip: string) => `${email}|${addressBlock(ip)}`;

  async function isKnownAddress(userId: string, ip: string) {
    const [row] = await db
      .select({ id: sessions.id })
      .from(sessions)
      .where(and(eq(sessions.userId, userId), eq(sessions.ip, ip), gt(sessions.createdAt, sql`now() - make_interval(days => ${KNOWN_ADDRESS_DAYS})`)))
      .limit(1);
    return row !== undefined;
  }

  async function consume(...steps: [RateLimiterRedis, string][]) {
    try {
      await Promise.all(steps.map(([limiter, key]) => limiter.consume(key)));
    } catch (res) {
      if (!(res instanceof RateLimiterRes)) throw res;
      const retryAfter = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
      throw new AppError('too_many_requests', `Too many failed logins. Try again in ${retryAfter} s.`, { retryAfter });
    }
  }

  return {
    /** Counts the attempt before the password is checked; throws 429 past a limit. */
    async attempt(email: string, ip: string, userId: string | undefined) {
      const known = userId !== undefined && (await isKnownAddress(userId, ip));
      await consume([byIp, addressBlock(ip)], [byEmailAndIp, pair(email, ip)], ...(known ? [] : [[byEmailFromStrangers, email] as [RateLimiterRedis, string]]));
      return { known };
    },
    /** A successful login clears the pair's count and gives its points back. */
    async succeeded(email: string, ip: string, attempt: { known: boolean }) {
      await Promise.all([
        byEmailAndIp.delete(pair(email, ip)),
        byIp.reward(addressBlock(ip), 1),
        attempt.known ? undefined : byEmailFromStrangers.reward(email, 1),
      ]).catch(() => {});
    },
  };
}

export type LoginLimiter = ReturnType<typeof createLoginLimiter>;
