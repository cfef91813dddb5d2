import { describe, expect, it } from 'vitest';
import { useTestContext } from '../../helpers/context.js';
import { createOffer, createYouth, youngBakerInSaintEtienne } from '../../helpers/factories.js';

/** Job dating at a forum: the offers of the employers present, scored for each youth of the advisor's structure. */
const t = await useTestContext();
const structure = await t.structure();
const organiser = await t.userWithToken('organiser', { structureId: structure.id });
const advisor = await t.userWithToken('advisor', { structureId: structure.id });
const otherAdvisor = await t.userWithToken('advisor');
const bakery = await t.userWithToken('employer');
const garage = await t.userWithToken('employer');
const absent = await t.userWithToken('employer');

const inHours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();

async function publishedEvent(kind: 'forum' | 'workshop') {
  const res = await t.request('POST', '/v1/events', {
    token: organiser.token,
    json: {
      kind,
      title: 'Forum de l’emploi de Saint-Étienne',
      description: 'Les employeurs du bassin recrutent.',
      startsAt: inHours(240),
      endsAt: inHours(246),
      registrationDeadline: inHours(200),
      place: { address: 'Parc des expositions', communeInsee: '42218' },
      youthCapacity: 50,
      standCapacity: kind === 'forum' ? 5 : null,
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  expect((await t.request('POST', `/v1/events/${res.body.id}/publish`, { token: organiser.token })).status).toBe(200);
  return res.body as { id: string };
}

async function published(token: string, overrides: Record<string, unknown>) {
  const offer = await createOffer(t, token, { requiredSkills: ['Pétrissage'], niceToHaveSkills: [], contractType: 'cdi', schedules: ['day'], workplace: { communeInsee: '42218' }, ...overrides });
  expect((await t.request('POST', `/v1/offers/${offer.id}/publish`, { token })).status).toBe(200);
  return offer;
}

const baker = (token: string, lastName: string) => createYouth(t, token, { ...youngBakerInSaintEtienne(), lastName });

const forum = await publishedEvent('forum');
const bread = await published(bakery.token, { title: 'Boulanger·ère', romeCode: 'D1102' });
const pastry = await published(bakery.token, { title: 'Pâtissier·ère', romeCode: 'D1104' });
const mechanic = await published(garage.token, { title: 'Mécanicien·ne', romeCode: 'I1604', requiredSkills: ['Diagnostic'] });
await published(absent.token, { title: 'Boulanger·ère ailleurs', romeCode: 'D1102' });

const ours = await baker(advisor.token, 'Aubert');
const notRegistered = await baker(advisor.token, 'Zola');
const theirs = await baker(otherAdvisor.token, 'Autre');
for (const [token, youthId] of [
  [advisor.token, ours.id],
  [otherAdvisor.token, theirs.id],
] as const)
  expect((await t.request('POST', `/v1/events/${forum.id}/registrations`, { token, json: { youthId } })).status).toBe(201);
// The bakery brings its bread offer only; the garage brings nothing named (all its live offers count).
expect((await t.request('POST', `/v1/events/${forum.id}/registrations`, { token: bakery.token, json: { offerIds: [bread.id] } })).status).toBe(201);
expect((await t.request('POST', `/v1/events/${forum.id}/registrations`, { token: garage.token, json: {} })).status).toBe(201);

const suggestions = (token: string, id = forum.id) => t.request('GET', `/v1/events/${id}/suggestions`, { token });

describe('job dating at a forum', () => {
  it('ranks, for each youth of the advisor registered, the offers of the employers present, with the score explained', async () => {
    const res = await suggestions(advisor.token);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.employers.map((e: any) => e.id).sort()).toEqual([bakery.user.employerId, garage.user.employerId].sort());
    expect(res.body.items.map((i: any) => i.youth.id)).toEqual([ours.id]);
    const [item] = res.body.items;
    expect(item.suggestions.map((s: any) => s.opportunity.id)).toEqual([bread.id, mechanic.id]);
    const [first, second] = item.suggestions;
    expect(first).toMatchObject({ employer: { id: bakery.user.employerId }, eligible: true });
    expect(first.score).toBeGreaterThan(second.score);
    expect(first.components.occupation).toBe(1);
    expect(first.reasons.length).toBeGreaterThan(0);
    expect(first.travel).toMatchObject({ mode: 'public_transport' });
    // Not brought to the stand, or not present: never suggested.
    const ids = item.suggestions.map((s: any) => s.opportunity.id);
    expect(ids).not.toContain(pastry.id);
    expect(JSON.stringify(res.body)).not.toContain('Boulanger·ère ailleurs');
    expect(JSON.stringify(res.body)).not.toContain(notRegistered.id);
  });

  it('never shows another structure’s youth; employers and organisers may not ask (403); other events: 404 or 409 not_a_forum', async () => {
    const other = await suggestions(otherAdvisor.token);
    expect(other.body.items.map((i: any) => i.youth.id)).toEqual([theirs.id]);
    expect((await suggestions(bakery.token)).status).toBe(403);
    expect((await suggestions(organiser.token)).status).toBe(403);
    const workshop = await publishedEvent('workshop');
    const refused = await suggestions(advisor.token, workshop.id);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'not_a_forum' });
    expect((await suggestions(advisor.token, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});
