import { describe, expect, it } from 'vitest';
import { useTestContext } from '../../helpers/context.js';
import { countRows, youthInput } from '../../helpers/factories.js';

const t = await useTestContext();
const advisor = await t.userWithToken('advisor');
const otherAdvisor = await t.userWithToken('advisor');
const admin = await t.userWithToken('admin');
const employer = await t.userWithToken('employer');
const organiser = await t.userWithToken('organiser', { structureId: advisor.user.structureId! });

const created = await t.request('POST', '/v1/youth', { token: advisor.token, json: youthInput() });
const youthId: string = created.body.id;
const other = await t.request('POST', '/v1/youth', { token: otherAdvisor.token, json: youthInput({ lastName: 'Autre' }) });
const otherId: string = other.body.id;

const paths = (id: string) => [`/v1/youth/${id}`, `/v1/youth/${id}/anonymised`];

describe('who may do what with youth profiles', () => {
  it('refuses anonymous callers with 401', async () => {
    for (const [method, path] of [
      ['GET', '/v1/youth'],
      ['POST', '/v1/youth'],
      ['GET', `/v1/youth/${youthId}`],
      ['PATCH', `/v1/youth/${youthId}`],
      ['GET', `/v1/youth/${youthId}/anonymised`],
    ] as const) {
      const res = await t.request(method, path, method === 'GET' ? {} : { json: {} });
      expect(res.status, `${method} ${path}`).toBe(401);
    }
  });

  it('refuses employers and organisers with 403, even of the same structure', async () => {
    for (const { token } of [employer, organiser]) {
      const before = await countRows(t);
      expect((await t.request('POST', '/v1/youth', { token, json: youthInput() })).status).toBe(403);
      expect((await t.request('GET', '/v1/youth', { token })).status).toBe(403);
      for (const path of paths(youthId)) expect((await t.request('GET', path, { token })).status).toBe(403);
      const patched = await t.request('PATCH', `/v1/youth/${youthId}`, { token, json: { skills: [] } });
      expect(patched.status).toBe(403);
      expect(patched.body.code).toBe('forbidden');
      expect(await countRows(t)).toEqual(before);
    }
  });

  it('hides another structure’s youth from an advisor: 404, absent from lists', async () => {
    for (const path of paths(otherId)) {
      const res = await t.request('GET', path, { token: advisor.token });
      expect(res.status, path).toBe(404);
      expect(res.body.code).toBe('not_found');
    }
    const patched = await t.request('PATCH', `/v1/youth/${otherId}`, { token: advisor.token, json: { skills: ['x'] } });
    expect(patched.status).toBe(404);
    const list = await t.request('GET', '/v1/youth', { token: advisor.token });
    expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([youthId]);
    // Asking for the other structure explicitly does not widen the scope.
    const forced = await t.request('GET', `/v1/youth?structureId=${otherAdvisor.user.structureId}`, { token: advisor.token });
    expect(forced.body).toMatchObject({ items: [], total: 0 });
  });

  it('lets admins read every profile, and filter by structure', async () => {
    for (const id of [youthId, otherId]) {
      for (const path of paths(id)) expect((await t.request('GET', path, { token: admin.token })).status).toBe(200);
    }
    const all = await t.request('GET', '/v1/youth', { token: admin.token });
    expect(all.body.total).toBe(2);
    const one = await t.request('GET', `/v1/youth?structureId=${otherAdvisor.user.structureId}`, { token: admin.token });
    expect(one.body.items.map((i: { id: string }) => i.id)).toEqual([otherId]);
  });

  it('does not let admins create or edit profiles', async () => {
    const before = await countRows(t);
    expect((await t.request('POST', '/v1/youth', { token: admin.token, json: youthInput() })).status).toBe(403);
    expect((await t.request('PATCH', `/v1/youth/${youthId}`, { token: admin.token, json: { skills: [] } })).status).toBe(403);
    expect(await countRows(t)).toEqual(before);
  });
});

describe('GET /v1/youth/{id}/anonymised', () => {
  it('shows what an employer would see: pseudonym, professional profile, scrubbed text, no identity', async () => {
    const res = await t.request('GET', `/v1/youth/${youthId}/anonymised`, { token: advisor.token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      pseudonym: expect.stringMatching(/^Candidat·e [0-9A-F]{4}$/),
      targetRomeCodes: ['D1102', 'G1602'],
      skills: ['Pétrissage', 'Hygiène alimentaire'],
      educationLevel: '3',
      languages: [
        { code: 'fr', level: 'C2' },
        { code: 'en', level: 'B1' },
      ],
      experiences: [{ title: 'Apprenti·e – Boulanger / Boulangère', romeCode: 'D1102', months: 8, description: 'Chez […], 3 ans en tout' }],
      availability: { from: '2026-01-05', maxHoursPerWeek: 35, schedules: ['day', 'weekend'] },
      contractTypes: ['apprenticeship', 'cdd'],
      travelTimeBand: null,
      flags: [],
    });
    // Stable for a given youth.
    const again = await t.request('GET', `/v1/youth/${youthId}/anonymised`, { token: advisor.token });
    expect(again.body.pseudonym).toBe(res.body.pseudonym);
  });
});

describe('OpenAPI', () => {
  it('documents the youth routes with their schemas', async () => {
    const res = await t.request('GET', '/openapi.json');
    expect(res.status).toBe(200);
    const paths = res.body.paths as Record<string, Record<string, unknown>>;
    expect(Object.keys(paths['/v1/youth']!).sort()).toEqual(['get', 'post']);
    expect(Object.keys(paths['/v1/youth/{id}']!).sort()).toEqual(['get', 'patch']);
    expect(paths['/v1/youth/{id}/anonymised']).toHaveProperty('get');
    for (const name of ['CreateYouth', 'UpdateYouth', 'Youth', 'YouthSummary', 'YouthList', 'AnonymisedYouth']) {
      expect(res.body.components.schemas, name).toHaveProperty(name);
    }
  });
});
