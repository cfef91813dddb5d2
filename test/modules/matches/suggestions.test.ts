import { describe, expect, it } from 'vitest';
import { useTestContext } from '../../helpers/context.js';
import { eventually } from '../../helpers/eventually.js';
import { createOffer, createSlot, createYouth, youngBakerInSaintEtienne } from '../../helpers/factories.js';

const t = await useTestContext({ worker: true });

const employer = await t.userWithToken('employer');
const advisor = await t.userWithToken('advisor');
const otherAdvisor = await t.userWithToken('advisor');

async function published(overrides: Record<string, unknown>) {
  const offer = await createOffer(t, employer.token, { romeCode: 'D1102', requiredSkills: ['Pétrissage'], niceToHaveSkills: [], contractType: 'cdi', schedules: ['day'], workplace: { communeInsee: '42218' }, ...overrides });
  const res = await t.request('POST', `/v1/offers/${offer.id}/publish`, { token: employer.token });
  expect(res.status).toBe(200);
  return offer;
}

const youth = await createYouth(t, advisor.token, youngBakerInSaintEtienne());
const here = await published({ title: 'Boulanger·ère en ville' });
const firminy = await published({ title: 'Boulanger·ère à Firminy', workplace: { communeInsee: '42095' } });
const domain = await published({ title: 'Vendeur·se', romeCode: 'D1106' });
const licence = await published({ title: 'Boulanger·ère livreur·se', drivingLicenceRequired: true });
// The licence only to get there: the bus gets there, so it does not block (one required skill missing: 91).
const licenceToGetThere = await published({ title: 'Boulanger·ère', requiredSkills: ['Pétrissage', 'Façonnage'], drivingLicenceRequired: true, drivingLicenceUse: 'commute' });
const roanne = await published({ title: 'Boulanger·ère à Roanne', workplace: { communeInsee: '42187' } });
const otherFamily = await published({ title: 'Cariste', romeCode: 'N1103' });
const draft = await createOffer(t, employer.token, { romeCode: 'D1102', workplace: { communeInsee: '42218' } });
const slot = await createSlot(t, employer.token, { appellationOgr: undefined, romeCode: 'D1102', workplace: { communeInsee: '42218' } });

const suggestions = (token: string, id = youth.id, query = '') => t.request('GET', `/v1/youth/${id}/suggestions${query}`, { token });

// Indexing goes through the outbox and the worker: wait until the engine serves every published offer.
await eventually(async () => {
  const res = await t.request('GET', '/v1/search/offers?limit=100', { token: advisor.token });
  expect(res.body.items.length).toBe(7);
  const slots = await t.request('GET', '/v1/search/immersion-slots?limit=100', { token: advisor.token });
  expect(slots.body.items.length).toBe(1);
});

describe('suggestions for a youth', () => {
  it('ranks the offers the youth can reach, explained, the blocked ones last', async () => {
    const res = await suggestions(advisor.token);
    expect(res.status).toBe(200);
    const ids = res.body.items.map((i: any) => i.opportunity.id);
    // A close occupation next door beats the same occupation 50 minutes away; another family
    // next door, whose required skill the youth has, still comes before what is blocked.
    expect(ids).toEqual([here.id, licenceToGetThere.id, domain.id, firminy.id, otherFamily.id, licence.id]);
    // Beyond the reachable radius, or not published: not retrieved.
    for (const absent of [roanne.id, draft.id]) expect(ids).not.toContain(absent);

    const [first, toGetThere, near, far, other, blocked] = res.body.items;
    expect(first).toMatchObject({ eligible: true, score: 100, blockers: [], travel: { mode: 'public_transport', km: 0, minutes: 10 } });
    expect(first.reasons.map((r: any) => r.text)).toEqual(
      expect.arrayContaining(['Métier visé ou déjà exercé : Boulanger / Boulangère (D1102)', '10 min en transports en commun (0 km)', 'Type de contrat recherché : CDI']),
    );
    expect(near).toMatchObject({ eligible: true, components: { mobility: 1 } });
    expect(near.components.occupation).toBeLessThan(first.components.occupation);
    expect(near.reasons.map((r: any) => r.text)).toContain('Métier proche : Vendeur / Vendeuse en épicerie (D1106)');
    expect(far).toMatchObject({ eligible: true, components: { occupation: 1 } });
    expect(far.components.mobility).toBeLessThan(0.5);
    expect(far.travel.minutes).toBeGreaterThan(45);
    expect(far.reasons.map((r: any) => r.code)).toContain('travel_long');
    expect(toGetThere).toMatchObject({ eligible: true, score: 91, blockers: [] });
    expect(toGetThere.reasons.map((r: any) => r.code)).toContain('licence_not_needed');
    expect(other).toMatchObject({ eligible: true, score: 68, components: { occupation: 0.4, mobility: 1 } });
    expect(other.reasons.map((r: any) => r.text)).toContain('Métier éloigné du projet : Préparateur / Préparatrice de commandes (N1103)');
    expect(blocked).toMatchObject({ eligible: false, blockers: [{ code: 'licence_required', text: 'Permis B exigé' }] });
    expect(first.score).toBeGreaterThan(near.score);
    expect(near.score).toBeGreaterThan(far.score);
  });

  it('respects the limit, and suggests immersion slots on request', async () => {
    const res = await suggestions(advisor.token, youth.id, '?limit=2');
    expect(res.body.items.map((i: any) => i.opportunity.id)).toEqual([here.id, licenceToGetThere.id]);
    const slots = await suggestions(advisor.token, youth.id, '?type=immersion');
    expect(slots.status).toBe(200);
    expect(slots.body.items).toHaveLength(1);
    expect(slots.body.items[0]).toMatchObject({ opportunity: { id: slot.id, type: 'immersion', contractType: 'immersion' }, eligible: true });
  });

  it('a youth with no usable transport mode gets no suggestion', async () => {
    const stuck = await createYouth(t, advisor.token, { postcode: '42000', mobility: { modes: ['car'], drivingLicence: false, maxCommuteMinutes: 45 } });
    const res = await suggestions(advisor.token, stuck.id);
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([]);
  });

  it('refuses bad input and other roles', async () => {
    expect((await suggestions(advisor.token, youth.id, '?limit=101')).status).toBe(422);
    expect((await suggestions(advisor.token, youth.id, '?type=job')).body).toMatchObject({ status: 422, errors: [{ path: 'query.type' }] });
    expect((await suggestions(otherAdvisor.token)).status).toBe(404);
    expect((await suggestions(advisor.token, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await suggestions(employer.token)).status).toBe(403);
  });
});

const withdrawn = await createYouth(t, advisor.token, { postcode: '42000', consent: { anonymisedSharing: false } });
const otherStructure = await createYouth(t, otherAdvisor.token, { postcode: '42000' });
await eventually(async () => {
  const res = await t.request('GET', '/v1/search/youth?limit=100', { token: otherAdvisor.token });
  expect(res.body.items.length).toBe(1);
});

describe('candidates for an offer or a slot', () => {

  it("lists the advisor's consenting youth, ranked and explained", async () => {
    const res = await t.request('GET', `/v1/offers/${here.id}/candidates`, { token: advisor.token });
    expect(res.status).toBe(200);
    const ids = res.body.items.map((i: any) => i.youth.id);
    expect(ids[0]).toBe(youth.id);
    expect(ids).not.toContain(withdrawn.id);
    expect(ids).not.toContain(otherStructure.id);
    expect(res.body.items[0]).toMatchObject({ youth: { firstName: 'Éloïse' }, eligible: true, score: 100 });
    expect(res.body.opportunity).toMatchObject({ id: here.id, type: 'offer' });

    const forSlot = await t.request('GET', `/v1/immersion-slots/${slot.id}/candidates`, { token: advisor.token });
    expect(forSlot.status).toBe(200);
    expect(forSlot.body.items.map((i: any) => i.youth.id)).toContain(youth.id);
  });

  it('refuses employers (403) and offers out of reach (404)', async () => {
    expect((await t.request('GET', `/v1/offers/${here.id}/candidates`, { token: employer.token })).status).toBe(403);
    expect((await t.request('GET', `/v1/immersion-slots/${slot.id}/candidates`, { token: employer.token })).status).toBe(403);
    expect((await t.request('GET', `/v1/offers/${draft.id}/candidates`, { token: advisor.token })).status).toBe(404);
    expect((await t.request('GET', `/v1/offers/${here.id}/candidates?limit=0`, { token: advisor.token })).status).toBe(422);
  });
});
