import { describe, expect, it } from 'vitest';
import { useTestContext } from '../../helpers/context.js';

const t = await useTestContext();
const admin = await t.userWithToken('admin');

describe('structures', () => {
  it('admin creates and lists them', async () => {
    const res = await t.request('POST', '/v1/structures', { token: admin.token, json: { name: 'Mission Locale du Forez', communeInsee: '42218' } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'Mission Locale du Forez', communeInsee: '42218' });
    const list = await t.request('GET', '/v1/structures?limit=100', { token: admin.token });
    expect(list.body.items.map((s: { id: string }) => s.id)).toContain(res.body.id);
  });

  it('an employer creating a structure gets 403 and nothing is written', async () => {
    const employer = await t.userWithToken('employer');
    const before = await t.deps.sql`select count(*)::int as n from structures`;
    const res = await t.request('POST', '/v1/structures', { token: employer.token, json: { name: 'Intrus' } });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('forbidden');
    const after = await t.deps.sql`select count(*)::int as n from structures`;
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('an advisor sees only their own structure', async () => {
    const advisor = await t.userWithToken('advisor');
    const other = await t.structure();
    const list = await t.request('GET', '/v1/structures', { token: advisor.token });
    expect(list.body.items.map((s: { id: string }) => s.id)).toEqual([advisor.user.structureId]);
    expect((await t.request('GET', `/v1/structures/${other.id}`, { token: advisor.token })).status).toBe(404);
    expect((await t.request('GET', `/v1/structures/${advisor.user.structureId}`, { token: advisor.token })).status).toBe(200);
  });
});

describe('employers', () => {
  it('admin registers an organisation by a valid SIRET, spaces allowed', async () => {
    const res = await t.request('POST', '/v1/employers', { token: admin.token, json: { name: 'Boulangerie Martin', siret: '732 829 320 00074' } });
    expect(res.status).toBe(201);
    expect(res.body.siret).toBe('73282932000074');
    const again = await t.request('POST', '/v1/employers', { token: admin.token, json: { name: 'Copie', siret: '73282932000074' } });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('siret_taken');
  });

  it('refuses a SIRET whose checksum is wrong with a field error', async () => {
    const res = await t.request('POST', '/v1/employers', { token: admin.token, json: { name: 'Faux', siret: '73282932000075' } });
    expect(res.status).toBe(422);
    expect((await t.deps.sql`select count(*)::int as n from employers where siret = '73282932000075'`)[0]!.n).toBe(0);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'siret', code: 'invalid_siret' })]);
  });

  it('accepts a La Poste establishment (digit sum multiple of 5, Luhn fails)', async () => {
    const res = await t.request('POST', '/v1/employers', { token: admin.token, json: { name: 'La Poste – bureau', siret: '35600000049837' } });
    expect(res.status).toBe(201);
  });

  it('an employer sees only their organisation; an advisor cannot create one', async () => {
    const employer = await t.userWithToken('employer');
    const other = await t.employer();
    expect((await t.request('GET', `/v1/employers/${other.id}`, { token: employer.token })).status).toBe(404);
    const own = await t.request('GET', '/v1/employers', { token: employer.token });
    expect(own.body.items.map((e: { id: string }) => e.id)).toEqual([employer.user.employerId]);
    const advisor = await t.userWithToken('advisor');
    const res = await t.request('POST', '/v1/employers', { token: advisor.token, json: { name: 'X', siret: '73282932000074' } });
    expect(res.status).toBe(403);
  });
});

describe('users', () => {
  it('an advisor reading a user of another structure gets 404, of their own 200', async () => {
    const advisor = await t.userWithToken('advisor');
    const colleague = await t.userWithToken('organiser', { structureId: advisor.user.structureId! });
    const stranger = await t.userWithToken('advisor');
    expect((await t.request('GET', `/v1/users/${stranger.user.id}`, { token: advisor.token })).status).toBe(404);
    const ok = await t.request('GET', `/v1/users/${colleague.user.id}`, { token: advisor.token });
    expect(ok.status).toBe(200);
    expect(ok.body).not.toHaveProperty('passwordHash');
    const list = await t.request('GET', '/v1/users', { token: advisor.token });
    const ids = list.body.items.map((u: { id: string }) => u.id);
    expect(ids).toContain(colleague.user.id);
    expect(ids).not.toContain(stranger.user.id);
  });

  it('an employer sees the users of their organisation only', async () => {
    const employer = await t.userWithToken('employer');
    const colleague = await t.userWithToken('employer', { employerId: employer.user.employerId! });
    const advisor = await t.userWithToken('advisor');
    const list = await t.request('GET', '/v1/users', { token: employer.token });
    expect(list.body.items.map((u: { id: string }) => u.id).sort()).toEqual([employer.user.id, colleague.user.id].sort());
    expect((await t.request('GET', `/v1/users/${advisor.user.id}`, { token: employer.token })).status).toBe(404);
    expect((await t.request('GET', `/v1/users/${colleague.user.id}`, { token: employer.token })).status).toBe(200);
  });

  it('only admins invite users', async () => {
    const organiser = await t.userWithToken('organiser');
    const res = await t.request('POST', '/v1/users', {
      token: organiser.token,
      json: { email: 'x@example.test', firstName: 'X', lastName: 'Y', role: 'advisor', structureId: organiser.user.structureId },
    });
    expect(res.status).toBe(403);
  });

  it('refuses a role without its attachment, an unknown structure, a taken e-mail', async () => {
    const missing = await t.request('POST', '/v1/users', { token: admin.token, json: { email: 'a@example.test', firstName: 'A', lastName: 'B', role: 'advisor' } });
    expect(missing.status).toBe(422);
    expect(missing.body.errors).toEqual([expect.objectContaining({ path: 'structureId', code: 'required' })]);
    const unknown = await t.request('POST', '/v1/users', {
      token: admin.token,
      json: { email: 'a@example.test', firstName: 'A', lastName: 'B', role: 'advisor', structureId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ path: 'structureId', code: 'unknown_structure' })]);
    const taken = await t.request('POST', '/v1/users', {
      token: admin.token,
      json: { email: admin.email, firstName: 'A', lastName: 'B', role: 'admin' },
    });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('email_taken');
    const rows = await t.deps.sql`select count(*)::int as n from users where email = 'a@example.test'`;
    expect(rows[0]!.n).toBe(0);
  });
});
