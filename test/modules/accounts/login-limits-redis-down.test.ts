import { afterAll, describe, expect, it } from 'vitest';
import { useTestContext } from '../../helpers/context.js';
import { TEST_REDIS_URL } from '../../helpers/env.js';
import { startTcpProxy } from '../../helpers/tcp-proxy.js';

// Redis reached through a proxy that the test cuts: the login limits must still hold.
const redis = new URL(TEST_REDIS_URL);
const proxy = await startTcpProxy(redis.hostname, Number(redis.port || 6379));
afterAll(() => proxy.close()); // registered first: runs after the context has closed
const t = await useTestContext({ env: { REDIS_URL: `redis://127.0.0.1:${proxy.port}` } });

describe('login limits while Redis is down', () => {
  it('fall back to the process memory instead of letting attempts through', async () => {
    const { email, password } = await t.userWithToken('employer');
    proxy.cut();
    try {
      const max = t.config.LOGIN_MAX_FAILURES_PER_EMAIL;
      for (let i = 0; i < max; i++) {
        const res = await t.request('POST', '/v1/auth/login', { json: { email, password: `wrong ${i} password` } });
        expect(res.status).toBe(401);
      }
      const blocked = await t.request('POST', '/v1/auth/login', { json: { email, password } });
      expect(blocked.status).toBe(429);
    } finally {
      proxy.restore();
    }
  });
});
