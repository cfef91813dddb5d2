import { describe, expect, it } from 'vitest';
import { createTestContext, useTestContext } from '../helpers/context.js';

const t = await useTestContext();

describe('operations', () => {
  it('/healthz answers while the process is alive', async () => {
    const res = await t.request('GET', '/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('/readyz is 200 when Postgres, Redis and the search engine answer', async () => {
    const res = await t.request('GET', '/readyz');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ready');
    expect(res.body.checks.search.engine).toBe(t.deps.search.name);
  });

  it('/readyz is 503 naming Redis when Redis is unreachable', async () => {
    // A port where nothing listens: Redis is down for this app only.
    const down = await createTestContext({ env: { REDIS_URL: 'redis://127.0.0.1:1' } });
    try {
      const res = await down.request('GET', '/readyz');
      expect(res.status).toBe(503);
      expect(res.body.status).toBe('unavailable');
      expect(res.body.checks.redis).toEqual({ status: 'down', error: 'unreachable' }); // no host or port
      expect(res.body.checks.postgres.status).toBe('up');
    } finally {
      await down.close();
    }
  });

  it('serves the OpenAPI 3.1 document with every route and the interactive docs', async () => {
    const res = await t.request('GET', '/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    for (const path of ['/v1/auth/login', '/v1/auth/logout', '/v1/auth/set-password', '/v1/me', '/v1/structures', '/v1/employers', '/v1/users', '/v1/users/{id}', '/healthz', '/readyz']) {
      expect(res.body.paths, path).toHaveProperty([path]);
    }
    expect(res.body.paths['/v1/employers'].post.responses['422'].content['application/problem+json']).toBeDefined();
    expect(res.body.components.schemas).toHaveProperty('Problem');
    const docs = await t.request('GET', '/docs');
    expect(docs.status).toBe(200);
    expect(docs.headers.get('content-type')).toContain('text/html');
    expect(docs.body).toContain('/openapi.json');
    // Everything it loads comes from the service (the browser test proves it renders offline).
    expect(docs.body).not.toMatch(/https?:\/\//);
    const script = await t.request('GET', '/docs/assets/api-reference.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('javascript');
  });

  it('echoes a request id on every response', async () => {
    const res = await t.request('GET', '/healthz', { headers: { 'x-request-id': 'abc-123' } });
    expect(res.headers.get('x-request-id')).toBe('abc-123');
  });
});
