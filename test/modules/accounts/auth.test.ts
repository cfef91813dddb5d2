import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { useTestContext } from '../../helpers/context.js';

// Every request of app.request() comes from the same unknown address: a generous per-address
// budget keeps the tests of this file from spending it on each other.
const t = await useTestContext({ env: { LOGIN_MAX_FAILURES_PER_IP: '1000' } });

describe('login', () => {
  it('returns a bearer token that opens /v1/me', async () => {
    const { email, password, user } = await t.userWithToken('advisor');
    const res = await t.request('POST', '/v1/auth/login', { json: { email: email.toUpperCase(), password } });
    expect(res.status).toBe(200);
    expect(res.body.tokenType).toBe('Bearer');
    expect(res.body.user).toMatchObject({ id: user.id, role: 'advisor' });
    expect(res.body.user).not.toHaveProperty('passwordHash');
    const me = await t.request('GET', '/v1/me', { token: res.body.token });
    expect(me.status).toBe(200);
    expect(me.body.email).toBe(email);
  });

  it('refuses a wrong password with 401 and the same answer as an unknown e-mail', async () => {
    const { email } = await t.userWithToken('employer');
    const wrong = await t.request('POST', '/v1/auth/login', { json: { email, password: 'not the password' } });
    const unknown = await t.request('POST', '/v1/auth/login', { json: { email: 'nobody@example.test', password: 'whatever it is' } });
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.code).toBe('invalid_credentials');
    }
    expect(wrong.body.detail).toBe(unknown.body.detail);
  });

  it('answers 429 after too many failures for one e-mail from one address, even with the right password', async () => {
    const { email, password } = await t.userWithToken('advisor');
    const max = t.config.LOGIN_MAX_FAILURES_PER_EMAIL;
    for (let i = 0; i < max; i++) {
      const res = await t.request('POST', '/v1/auth/login', { json: { email, password: `wrong password ${i}` } });
      expect(res.status).toBe(401);
    }
    const blocked = await t.request('POST', '/v1/auth/login', { json: { email, password } });
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('too_many_requests');
    expect(blocked.body.retryAfter).toBeGreaterThan(0);
    expect(blocked.headers.get('retry-after')).toBe(String(blocked.body.retryAfter));
  });

  it('holds under a parallel burst: no more than the limit gets a password check', async () => {
    const { email } = await t.userWithToken('advisor');
    const max = t.config.LOGIN_MAX_FAILURES_PER_EMAIL;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => t.request('POST', '/v1/auth/login', { json: { email, password: `burst ${i} wrong` } })),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(max);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20 - max);
  });

  it('answers 429 after too many failures from one address across e-mails', async () => {
    const ip = '203.0.113.7';
    const headers = { 'x-forwarded-for': ip };
    // Without TRUST_PROXY the forwarded header is ignored; this context trusts no proxy,
    // so use a dedicated context that does.
    const { createTestContext } = await import('../../helpers/context.js');
    const proxied = await createTestContext({ env: { TRUST_PROXY: 'true', LOGIN_MAX_FAILURES_PER_IP: '3' } });
    try {
      for (let i = 0; i < 3; i++) {
        const res = await proxied.request('POST', '/v1/auth/login', { json: { email: `x${i}@example.test`, password: 'nope nope' }, headers });
        expect(res.status).toBe(401);
      }
      const blocked = await proxied.request('POST', '/v1/auth/login', { json: { email: 'other@example.test', password: 'nope nope' }, headers });
      expect(blocked.status).toBe(429);
      const elsewhere = await proxied.request('POST', '/v1/auth/login', {
        json: { email: 'other@example.test', password: 'nope nope' },
        headers: { 'x-forwarded-for': '198.51.100.1' },
      });
      expect(elsewhere.status).toBe(401);
      // Entries the client prepends do not change the address the proxy appended.
      const spoofed = await proxied.request('POST', '/v1/auth/login', {
        json: { email: 'other@example.test', password: 'nope nope' },
        headers: { 'x-forwarded-for': `10.9.9.9, ${ip}` },
      });
      expect(spoofed.status).toBe(429);
    } finally {
      await proxied.close();
    }
  });
});

describe('nobody can lock someone else out', () => {
  it('guesses spread over many addresses stop too, but not the owner at an address they used before', async () => {
    const { createTestContext } = await import('../../helpers/context.js');
    const proxied = await createTestContext({ env: { TRUST_PROXY: 'true', LOGIN_MAX_FAILURES_PER_ACCOUNT: '3' } });
    try {
      const { email, password } = await proxied.userWithToken('advisor');
      const from = (ip: string, pw: string) =>
        proxied.request('POST', '/v1/auth/login', { json: { email, password: pw }, headers: { 'x-forwarded-for': ip } });
      expect((await from('198.51.100.10', password)).status).toBe(200); // the owner's usual address
      for (let i = 0; i < 3; i++) expect((await from(`203.0.113.${i + 1}`, `guess ${i}`)).status).toBe(401);
      const blocked = await from('203.0.113.200', password);
      expect(blocked.status).toBe(429);
      expect(blocked.body.code).toBe('too_many_requests');
      expect((await from('198.51.100.10', password)).status).toBe(200);
    } finally {
      await proxied.close();
    }
  });

  it('guesses from one address stop there; the owner logs in from another', async () => {
    const { createTestContext } = await import('../../helpers/context.js');
    const proxied = await createTestContext({ env: { TRUST_PROXY: 'true' } });
    try {
      const { email, password } = await proxied.userWithToken('employer');
      const from = (ip: string, pw: string) =>
        proxied.request('POST', '/v1/auth/login', { json: { email, password: pw }, headers: { 'x-forwarded-for': ip } });
      for (let i = 0; i < proxied.config.LOGIN_MAX_FAILURES_PER_EMAIL; i++) expect((await from('203.0.113.60', `guess ${i}`)).status).toBe(401);
      expect((await from('203.0.113.60', password)).status).toBe(429);
      expect((await from('198.51.100.99', password)).status).toBe(200);
    } finally {
      await proxied.close();
    }
  });
});

describe('tokens', () => {
  it('stops working once expired', async () => {
    const { token, user } = await t.userWithToken('organiser');
    await t.deps.db.execute(sql`update sessions set expires_at = now() - interval '1 second' where user_id = ${user.id}`);
    const res = await t.request('GET', '/v1/me', { token });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('token_expired');
  });

  it('stops working after logout, and only that token', async () => {
    const { token, email, password } = await t.userWithToken('employer');
    const second = await t.request('POST', '/v1/auth/login', { json: { email, password } });
    const out = await t.request('POST', '/v1/auth/logout', { token });
    expect(out.status).toBe(204);
    expect((await t.request('GET', '/v1/me', { token })).status).toBe(401);
    expect((await t.request('GET', '/v1/me', { token: second.body.token })).status).toBe(200);
  });

  it('answers 401 without a token and with a made-up one', async () => {
    const none = await t.request('GET', '/v1/me');
    expect(none.status).toBe(401);
    expect(none.body.code).toBe('unauthenticated');
    const fake = await t.request('GET', '/v1/me', { token: 'made-up-token' });
    expect(fake.status).toBe(401);
  });

  it('stores only a hash of the token, which does not open anything', async () => {
    const { token, user } = await t.userWithToken('advisor');
    const rows = await t.deps.sql`select token_hash from sessions where user_id = ${user.id}`;
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect((await t.request('GET', '/v1/me', { token: rows[0]!.token_hash })).status).toBe(401);
  });
});
