import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Deps } from '../../deps.js';
import { AppError } from '../../core/errors.js';

/**
 * Login brute-force protection: failed attempts are counted per e-mail and per client
 * address in Redis (shared by every API instance). While Redis is down, an in-memory
 * counter of this process takes over rather than letting attempts through unbounded.
 */
export function createLoginLimiter(deps: Pick<Deps, 'redis' | 'config'>) {
  const { config, redis } = deps;
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
  const byEmail = make('email', config.LOGIN_MAX_FAILURES_PER_EMAIL);
  const byIp = make('ip', config.LOGIN_MAX_FAILURES_PER_IP);

  function refuse(msBeforeNext: number): never {
    const retryAfter = Math.max(1, Math.ceil(msBeforeNext / 1000));
    throw new AppError('too_many_requests', `Too many failed logins. Try again in ${retryAfter} s.`, { retryAfter });
  }

  return {
    /**
     * Counts the attempt before the password is checked, atomically in Redis, so that a
     * burst of parallel attempts cannot all slip under the limit; throws 429 past it.
     */
    async attempt(email: string, ip: string) {
      try {
        await Promise.all([byEmail.consume(email), byIp.consume(ip)]);
      } catch (res) {
        if (res instanceof RateLimiterRes) refuse(res.msBeforeNext);
        throw res;
      }
    },
    /** A successful login clears the e-mail's count and gives the address its point back. */
    async succeeded(email: string, ip: string) {
      await Promise.all([byEmail.delete(email), byIp.reward(ip, 1)]).catch(() => {});
    },
  };
}

export type LoginLimiter = ReturnType<typeof createLoginLimiter>;
