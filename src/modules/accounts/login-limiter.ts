import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Deps } from '../../deps.js';
import { AppError } from '../../http/errors.js';

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
    });
  const byEmail = make('email', config.LOGIN_MAX_FAILURES_PER_EMAIL);
  const byIp = make('ip', config.LOGIN_MAX_FAILURES_PER_IP);

  function refuse(msBeforeNext: number): never {
    const retryAfter = Math.max(1, Math.ceil(msBeforeNext / 1000));
    throw new AppError('too_many_requests', `Too many failed logins. Try again in ${retryAfter} s.`, { retryAfter });
  }

  return {
    /** Throws 429 when either counter is already exhausted. */
    async check(email: string, ip: string) {
      const [e, i] = await Promise.all([byEmail.get(email), byIp.get(ip)]);
      if (e && e.consumedPoints >= config.LOGIN_MAX_FAILURES_PER_EMAIL) refuse(e.msBeforeNext);
      if (i && i.consumedPoints >= config.LOGIN_MAX_FAILURES_PER_IP) refuse(i.msBeforeNext);
    },
    async recordFailure(email: string, ip: string) {
      await Promise.all([byEmail.consume(email), byIp.consume(ip)]).catch((res: unknown) => {
        if (!(res instanceof RateLimiterRes)) throw res;
      });
    },
    async recordSuccess(email: string) {
      await byEmail.delete(email).catch(() => {});
    },
  };
}

export type LoginLimiter = ReturnType<typeof createLoginLimiter>;
