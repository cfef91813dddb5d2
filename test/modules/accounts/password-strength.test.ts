import { describe, expect, it } from 'vitest';
import { useTestContext } from '../../helpers/context.js';
import { createAdmin } from '../../../src/modules/accounts/create-admin.js';
import { ValidationError } from '../../../src/core/errors.js';

/**
 * Finding 11: a new password is refused when an estimator (zxcvbn with French and common
 * dictionaries) says it is easy to guess — twelve identical letters among them — wherever a
 * password is chosen: the invitation link, the "forgot my password" link, the first admin.
 */
const t = await useTestContext({ smtp: true, worker: true });
const admin = await t.userWithToken('admin');

async function invitationToken() {
  const email = `${t.unique('ines.morel')}@example.test`;
  const created = await t.request('POST', '/v1/users', {
    token: admin.token,
    json: { email, firstName: 'Inès', lastName: 'Morel', role: 'admin' },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return { email, token: tokenIn((await t.smtp!.waitFor(email)).text) };
}

function tokenIn(text: string): string {
  const match = text.match(/activer-mon-compte\?token=([A-Za-z0-9_-]+)/);
  if (!match) throw new Error(`no link in: ${text}`);
  return match[1]!;
}

const setPassword = (token: string, password: string) => t.request('POST', '/v1/auth/set-password', { json: { token, password } });

function expectWeak(res: { status: number; headers: Headers; body: any }) {
  expect(res.status, JSON.stringify(res.body)).toBe(422);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  expect(res.body.code).toBe('validation_failed');
  expect(res.body.errors).toEqual([expect.objectContaining({ path: 'password', code: 'weak_password' })]);
}

describe('password strength at the invitation link', () => {
  it('refuses easy guesses with weak_password, keeps the link usable, then accepts a strong password', async () => {
    const { email, token } = await invitationToken();
    for (const password of [
      'aaaaaaaaaaaa', // twelve identical letters
      'AAAAAAAAAAAAAAAA',
      'abcdefghijkl', // a sequence
      '123456789012',
      'azertyuiopqs', // a walk on a French keyboard
      'motdepasse123', // a common French password
      'passerelle2026', // the service's own name
      email, // the account's own e-mail
    ]) {
      expectWeak(await setPassword(token, password));
    }
    const user = await t.deps.sql`select status, password_hash from users where email = ${email}`;
    expect(user[0]).toMatchObject({ status: 'invited', password_hash: null });

    const strong = await setPassword(token, 'velo rouge citron pluie');
    expect(strong.status, JSON.stringify(strong.body)).toBe(200);
    expect((await t.request('POST', '/v1/auth/login', { json: { email, password: 'velo rouge citron pluie' } })).status).toBe(200);
  });

  it('keeps the length rules: under 12 characters is too_small, over 256 too_big', async () => {
    const { token } = await invitationToken();
    const short = await setPassword(token, 'Xq7#pL2!');
    expect(short.status).toBe(422);
    expect(short.body.errors).toEqual([expect.objectContaining({ path: 'password', code: 'too_small' })]);
    const long = await setPassword(token, 'x'.repeat(257));
    expect(long.body.errors).toEqual([expect.objectContaining({ path: 'password', code: 'too_big' })]);
  });

  it('a link that does not exist is 410 whatever the password: no strength oracle without a link', async () => {
    const res = await setPassword('not-a-real-token-at-all', 'aaaaaaaaaaaa');
    expect(res.status).toBe(410);
    expect(res.body.code).toBe('link_invalid');
  });
});

describe('password strength at the "forgot my password" link', () => {
  it('the reset link refuses a weak password the same way, and the old password keeps working', async () => {
    const user = await t.userWithToken('employer');
    const asked = await t.app.request('/mot-de-passe-oublie', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
      body: `email=${encodeURIComponent(user.email)}`,
    });
    expect(asked.status).toBe(200);
    const mail = await t.smtp!.waitFor(user.email, (m) => m.subject === 'Nouveau mot de passe Passerelle');
    const token = tokenIn(mail.text);

    expectWeak(await setPassword(token, 'zzzzzzzzzzzz'));
    expect((await t.request('POST', '/v1/auth/login', { json: { email: user.email, password: user.password } })).status).toBe(200);

    expect((await setPassword(token, 'une phrase de passe solide')).status).toBe(200);
  });
});

describe('password strength for the first admin (command line)', () => {
  it('refuses a weak password with weak_password, accepts a strong one', async () => {
    const email = `${t.unique('first-admin')}@example.test`;
    const weak = await createAdmin(t.deps, { email, password: 'bbbbbbbbbbbb', firstName: 'Admin', lastName: 'Passerelle' }).catch((e: unknown) => e);
    expect(weak).toBeInstanceOf(ValidationError);
    expect((weak as ValidationError).errors).toEqual([expect.objectContaining({ path: 'password', code: 'weak_password' })]);
    expect(await t.deps.sql`select 1 from users where email = ${email}`).toHaveLength(0);

    const ok = await createAdmin(t.deps, { email, password: 'a long password', firstName: 'Admin', lastName: 'Passerelle' });
    expect(ok).toMatchObject({ email, role: 'admin', status: 'active' });
  });
});
