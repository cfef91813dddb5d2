import type { MiddlewareHandler } from 'hono';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Deps } from '../../deps.js';
import { clientIp } from '../../http/client-ip.js';
import { addressBlock } from '../../core/address-block.js';
import type { AppEnv } from '../../http/context.js';
import { AppError } from '../../core/errors.js';

/**
 * The reference routes are public: without a limit, a few clients without a token can keep the
 * database busy for everyone. Requests are counted per client address over a minute, in Redis
 * (shared by every API instance), in this process's memory while Redis is down.
 */
export function referenceRateLimit(deps: Pick<Deps, 'redis' | 'config'>): MiddlewareHandler<AppEnv> {
  const { config, redis } = deps;
  const points = config.REFERENCE_REQUESTS_PER_MINUTE;
  const limiter = new RateLimiterRedis({
    storeClient: redis,
    keyPrefix: `${config.REDIS_PREFIX}:ref-requests`,
    points,
    duration: 60,
    insuranceLimiter: new RateLimiterMemory({ points, duration: 60 }),
    rejectIfRedisNotReady: true,
  });
  return async (c, next) => {
    try {
      await limiter.consume(addressBlock(clientIp(c)));
    } catch (res) {
      if (!(res instanceof RateLimiterRes)) throw res;
      const retryAfter = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
      throw new AppError('too_many_requests', `Too many requests from your address. Try again in ${retryAfter} s.`, { retryAfter });
    }
    await next();
  };
}
