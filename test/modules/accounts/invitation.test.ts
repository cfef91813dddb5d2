import { describe, expect, it } from 'vitest';
import { useTestContext } from '../../helpers/context.js';

const t = await useTestContext({ smtp: true, worker: true });
const admin = await t.userWithToken('admin');
const smtp = t.smtp!;

function linkToken(text: string): string {
  const match = text.match(/activer-mon-compte\?token=([A-Za-z0-9_-]+)/);
  if (!match) throw new Error(`no link in: ${text}`);
  return match[1]!;
}

describe('invitations', () => {
  it('a new user receives a French e-mail with a single-use link, sets a password and logs in', async () => {
    const structure = await t.structure();
    const email = `${t.unique('camille')}@example.test`;
    const created = await t.request('POST', '/v1/users', {
      token: admin.token,
      json: { email, firstName: 'Camille', lastName: 'Martin', role: 'advisor', structureId: structure.id },
    });
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('invited');

    const mail = await smtp.waitFor(email);
    expect(mail.subject).toBe('Activez votre compte Passerelle');
    expect(mail.text).toContain('Bonjour Camille');
    expect(mail.text).toContain('conseiller·ère');
    const token = linkToken(mail.text);
    expect(mail.text).toContain(`http://passerelle.test/activer-mon-compte?token=${token}`);

    // Not active yet: no login.
    expect((await t.request('POST', '/v1/auth/login', { json: { email, password: 'mon mot de passe secret' } })).status).toBe(401);

    const weak = await t.request('POST', '/v1/auth/set-password', { json: { token, password: 'court' } });
    expect(weak.status).toBe(422);
    expect(weak.body.errors[0]).toMatchObject({ path: 'password', code: 'too_small' });

    const set = await t.request('POST', '/v1/auth/set-password', { json: { token, password: 'mon mot de passe secret' } });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ status: 'active', email });

    const reused = await t.request('POST', '/v1/auth/set-password', { json: { token, password: 'un autre mot de passe' } });
    expect(reused.status).toBe(410);
    expect(reused.body.code).toBe('link_invalid');

    const login = await t.request('POST', '/v1/auth/login', { json: { email, password: 'mon mot de passe secret' } });
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ email, role: 'advisor', status: 'active', structureId: structure.id });
  });

  it('an expired link is refused', async () => {
    const employer = await t.employer();
    const email = `${t.unique('sam')}@example.test`;
    await t.request('POST', '/v1/users', {
      token: admin.token,
      json: { email, firstName: 'Sam', lastName: 'Durand', role: 'employer', employerId: employer.id },
    });
    const token = linkToken((await smtp.waitFor(email)).text);
    await t.deps.sql`update user_tokens set expires_at = now() - interval '1 minute'
                     where user_id = (select id from users where email = ${email})`;
    const res = await t.request('POST', '/v1/auth/set-password', { json: { token, password: 'mon mot de passe secret' } });
    expect(res.status).toBe(410);
    const user = await t.deps.sql`select status from users where email = ${email}`;
    expect(user[0]!.status).toBe('invited');
  });
});
