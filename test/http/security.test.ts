import { describe, expect, it } from 'vitest';
import { createTestContext, useTestContext } from '../helpers/context.js';
import { youthInput } from '../helpers/factories.js';

const t = await useTestContext({ env: { CORS_ORIGINS: 'https://app.example.org, http://localhost:5173' } });
const advisor = await t.userWithToken('advisor');

function expectHardened(headers: Headers) {
  expect(headers.get('x-content-type-options')).toBe('nosniff');
  expect(headers.get('referrer-policy')).toBe('no-referrer');
  expect(headers.get('x-frame-options')).toBe('DENY');
  expect(headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
}

describe('security headers (finding 7)', () => {
  it('on every kind of answer: success, personal record, error, unknown route', async () => {
    const created = await t.request('POST', '/v1/youth', { token: advisor.token, json: youthInput() });
    expect(created.status).toBe(201);
    const record = await t.request('GET', `/v1/youth/${created.body.id}`, { token: advisor.token });
    for (const res of [created, record, await t.request('GET', '/healthz'), await t.request('GET', '/v1/me'), await t.request('GET', '/nowhere')]) {
      expectHardened(res.headers);
    }
  });

  it('personal data and tokens are never stored by a cache; public reference data may be', async () => {
    const created = await t.request('POST', '/v1/youth', { token: advisor.token, json: youthInput() });
    const record = await t.request('GET', `/v1/youth/${created.body.id}`, { token: advisor.token });
    expect(record.headers.get('cache-control')).toBe('no-store');
    const list = await t.request('GET', '/v1/youth', { token: advisor.token });
    expect(list.headers.get('cache-control')).toBe('no-store');
    const login = await t.request('POST', '/v1/auth/login', { json: { email: advisor.email, password: advisor.password } });
    expect(login.headers.get('cache-control')).toBe('no-store');
    const communes = await t.request('GET', '/v1/ref/communes?q=lyon');
    expect(communes.headers.get('cache-control')).toMatch(/^public/);
  });
});

describe('CORS from the configuration', () => {
  const preflight = (origin: string) =>
    t.request('OPTIONS', '/v1/youth', {
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
    });

  it('answers the preflight of a configured origin', async () => {
    const res = await preflight('https://app.example.org');
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://app.example.org');
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    const get = await t.request('GET', '/v1/me', { token: advisor.token, headers: { origin: 'http://localhost:5173' } });
    expect(get.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(get.headers.get('vary')).toContain('Origin');
    const sameOrigin = await t.request('GET', '/v1/me', { token: advisor.token });
    expect(sameOrigin.headers.get('access-control-allow-origin')).toBeNull();
    expect(sameOrigin.headers.get('access-control-expose-headers')).toBeNull();
    expect(sameOrigin.headers.get('vary')).toContain('Origin');
  });

  it('grants nothing to another origin, nor to any when none is configured', async () => {
    const other = await preflight('https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const get = await t.request('GET', '/v1/me', { token: advisor.token, headers: { origin: 'https://evil.example' } });
    expect(get.headers.get('access-control-allow-origin')).toBeNull();

    const closed = await createTestContext();
    try {
      const res = await closed.request('OPTIONS', '/v1/youth', { headers: { origin: 'https://app.example.org', 'access-control-request-method': 'GET' } });
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await closed.close();
    }
  });
});
