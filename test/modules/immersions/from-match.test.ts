import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { useTestContext } from '../../helpers/context.js';
import { eventually } from '../../helpers/eventually.js';
import { createOffer, createSlot, createYouth, inDays } from '../../helpers/factories.js';
import { agreementInput, forceStatus, weekdays } from './helpers.js';

const t = await useTestContext({ smtp: true, worker: true });
const smtp = t.smtp!;

const structure = await t.structure();
const advisor = await t.userWithToken('advisor', { structureId: structure.id });
const otherAdvisor = await t.userWithToken('advisor');
const employerOrg = await t.employer();
const employer = await t.userWithToken('employer', { employerId: employerOrg.id });
const otherEmployer = await t.userWithToken('employer');

/** A baker's apprentice near Saint-Étienne, and the bakery's offer and immersion slot next door. */
const newYouth = () =>
  createYouth(t, advisor.token, {
    email: `${t.unique('jeune')}@example.test`,
    postcode: '42100',
    targetRomeCodes: ['D1102'],
    availability: { from: inDays(-30), maxHoursPerWeek: 35, schedules: ['day'] },
    contractTypes: ['cdi', 'immersion'],
    barriers: [],
  });
const offer = await createOffer(t, employer.token, { romeCode: 'D1102', requiredSkills: ['Pétrissage'], contractType: 'cdi', schedules: ['day'], workplace: { communeInsee: '42218' } });
expect((await t.request('POST', `/v1/offers/${offer.id}/publish`, { token: employer.token })).status).toBe(200);
const slot = await createSlot(t, employer.token, { appellationOgr: undefined, romeCode: 'D1102', workplace: { communeInsee: '42218' } });
const strangerSlot = await createSlot(t, otherEmployer.token);

const getMatch = async (id: string, token = advisor.token) => (await t.request('GET', `/v1/matches/${id}`, { token })).body;
const getAgreement = async (id: string) => (await t.request('GET', `/v1/immersions/${id}`, { token: advisor.token })).body;
const matchHistory = (id: string) =>
  t.deps.db.execute<{ action: string; from_state: string; to_state: string; actor_role: string; actor_user_id: string | null; reason: string | null }>(
    sql`select action, from_state, to_state, actor_role, actor_user_id, reason from state_transitions where resource_type = 'match' and resource_id = ${id} order by id`,
  );
const agreementCount = async () => (await t.deps.db.execute<{ n: number }>(sql`select count(*)::int as n from immersion_agreements`))[0]!.n;
const form = (body: string) => ({ body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });

/** A match proposed by the advisor and, unless told otherwise, accepted by the employer. */
async function match(target: { offerId?: string; slotId?: string }, accept = true) {
  const youth = await newYouth();
  const proposed = await t.request('POST', '/v1/matches', { token: advisor.token, json: { youthId: youth.id, ...target } });
  expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
  if (accept) expect((await t.request('POST', `/v1/matches/${proposed.body.id}/accept`, { token: employer.token })).status).toBe(200);
  return { youth, matchId: proposed.body.id as string };
}

/** The agreement body without youth, employer or slot: the match says them. */
const fromMatch = (matchId: string, overrides: Record<string, unknown> = {}) => {
  const { youthId: _y, ...body } = agreementInput('', {}, overrides);
  return { ...body, matchId };
};

describe('an agreement from an accepted match', () => {
  it('takes the youth, the employer and the slot from the match, and each shows the other', async () => {
    const { youth, matchId } = await match({ slotId: slot.id });
    const res = await t.request('POST', '/v1/immersions', { token: advisor.token, json: fromMatch(matchId) });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ status: 'draft', matchId, slotId: slot.id, youth: { id: youth.id }, employer: { id: employerOrg.id } });
    expect((await getMatch(matchId)).immersion).toEqual({ agreementId: res.body.id, status: 'draft', assessment: null });
    expect((await getMatch(matchId, employer.token)).immersion).toEqual({ agreementId: res.body.id, status: 'draft', assessment: null });
    expect((await getAgreement(res.body.id)).matchId).toBe(matchId);

    // The same values repeated are fine; one agreement in play per match (409 naming it).
    const again = await t.request('POST', '/v1/immersions', { token: advisor.token, json: { ...fromMatch(matchId), youthId: youth.id, slotId: slot.id } });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'conflict', agreementId: res.body.id, currentState: 'draft' });

    // Once it is cancelled, another one may be prepared; the match shows the one in play.
    expect((await t.request('POST', `/v1/immersions/${res.body.id}/cancel`, { token: advisor.token, json: { reason: 'Dates à revoir.' } })).status).toBe(200);
    const second = await t.request('POST', '/v1/immersions', { token: advisor.token, json: fromMatch(matchId, { startDate: inDays(20) }) });
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    expect((await getMatch(matchId)).immersion).toMatchObject({ agreementId: second.body.id, status: 'draft' });
    expect((await getMatch(matchId)).status).toBe('accepted');
    const listed = await t.request('GET', `/v1/immersions?matchId=${matchId}`, { token: advisor.token });
    expect(listed.body.items.map((a: { id: string; status: string }) => [a.id, a.status])).toEqual([
      [second.body.id, 'draft'],
      [res.body.id, 'cancelled'],
    ]);
    expect(listed.body.total).toBe(2);

    // The employer's reads of an agreement that names the youth are reveals of that match, audited like the match's own.
    const reveals = async () =>
      (await t.deps.db.execute<{ reason: string; viewer_user_id: string }>(sql`select reason, viewer_user_id from identity_reveals where match_id = ${matchId} and reason = 'agreement_viewed'`)).length;
    const before = await reveals();
    expect((await t.request('GET', `/v1/immersions/${second.body.id}`, { token: employer.token })).status).toBe(200);
    expect((await t.request('GET', `/v1/immersions?matchId=${matchId}`, { token: employer.token })).body.total).toBe(2);
    expect(await reveals()).toBe(before + 3);
    await getAgreement(second.body.id); // the advisor's reads are not reveals
    expect(await reveals()).toBe(before + 3);
  });

  it('refuses fields that contradict the match, all at once, and writes nothing', async () => {
    const { matchId } = await match({ offerId: offer.id });
    const stranger = await newYouth();
    const before = await agreementCount();
    const res = await t.request('POST', '/v1/immersions', {
      token: advisor.token,
      json: { ...fromMatch(matchId), youthId: stranger.id, employerId: otherEmployer.user.employerId, slotId: strangerSlot.id },
    });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.errors.map((e: { path: string; code: string }) => `${e.path}:${e.code}`).sort()).toEqual([
      'employerId:contradicts_match',
      'slotId:contradicts_match',
      'youthId:contradicts_match',
    ]);
    expect(await agreementCount()).toBe(before);

    // Without a match, the youth is required.
    const { youthId: _y, ...noYouth } = agreementInput('', { employerId: employerOrg.id });
    const missing = await t.request('POST', '/v1/immersions', { token: advisor.token, json: noYouth });
    expect(missing.status).toBe(422);
    expect(missing.body.errors).toEqual([expect.objectContaining({ path: 'youthId', code: 'required' })]);
  });

  it('only from an accepted match (409 with its state), of the advisor’s structure (404), by an advisor (403)', async () => {
    const proposed = await match({ offerId: offer.id }, false);
    const early = await t.request('POST', '/v1/immersions', { token: advisor.token, json: fromMatch(proposed.matchId) });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'invalid_state', currentState: 'proposed' });
    expect((await t.request('POST', `/v1/matches/${proposed.matchId}/decline`, { token: employer.token, json: { reason: 'position_filled' } })).status).toBe(200);
    expect((await t.request('POST', '/v1/immersions', { token: advisor.token, json: fromMatch(proposed.matchId) })).body).toMatchObject({
      status: 409,
      currentState: 'declined',
    });

    const { matchId } = await match({ offerId: offer.id });
    const before = await agreementCount();
    expect((await t.request('POST', '/v1/immersions', { token: otherAdvisor.token, json: fromMatch(matchId) })).status).toBe(404);
    expect((await t.request('POST', '/v1/immersions', { token: advisor.token, json: fromMatch('00000000-0000-4000-8000-000000000000') })).status).toBe(404);
    expect((await t.request('POST', '/v1/immersions', { token: employer.token, json: fromMatch(matchId) })).status).toBe(403);
    expect(await agreementCount()).toBe(before);
  });
});

describe('an agreement without a match, around an open one', () => {
  it('is refused while a proposal of the youth to that employer awaits its answer, then points at the accepted match (409 naming it)', async () => {
    const { youth, matchId } = await match({ slotId: slot.id }, false);
    const direct = () => t.request('POST', '/v1/immersions', { token: advisor.token, json: agreementInput(youth.id, { slotId: slot.id }) });
    const before = await agreementCount();
    const pending = await direct();
    expect(pending.status).toBe(409);
    expect(pending.body).toMatchObject({ matchId, currentState: 'proposed' });
    // Nor by naming the employer instead of the slot.
    expect((await t.request('POST', '/v1/immersions', { token: advisor.token, json: agreementInput(youth.id, { employerId: employerOrg.id }) })).status).toBe(409);
    expect((await t.request('POST', `/v1/matches/${matchId}/accept`, { token: employer.token })).status).toBe(200);
    expect((await direct()).body).toMatchObject({ status: 409, matchId, currentState: 'accepted' });
    expect(await agreementCount()).toBe(before);
    const created = await t.request('POST', '/v1/immersions', { token: advisor.token, json: fromMatch(matchId) });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.matchId).toBe(matchId);
  });
});

describe('the immersion feeds the match outcome', () => {
  /** An agreement from a fresh accepted match over past dates, validated: the dates roll it at once. */
  async function ranImmersion() {
    const { youth, matchId } = await match({ offerId: offer.id });
    const start = inDays(-6);
    const end = inDays(-1);
    const tutor = { name: 'Samia Benali', role: 'Gérante', email: `${t.unique('tutrice')}@boulangerie.example`, phone: '06 12 34 56 78' };
    const created = await t.request('POST', '/v1/immersions', { token: advisor.token, json: fromMatch(matchId, { startDate: start, endDate: end, schedule: weekdays(start, end), tutor }) });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    await forceStatus(t, id, 'signed'); // signatures are the subject of signatures.test.ts
    expect((await t.request('POST', `/v1/immersions/${id}/validate`, { token: advisor.token })).status).toBe(200);
    await eventually(async () => expect((await getAgreement(id)).status).toBe('ended'));
    const mail = await smtp.waitFor(tutor.email, (m) => m.subject.startsWith('bilan de l’immersion'));
    const link = /http:\/\/passerelle\.test(\/assess\/[A-Za-z0-9_-]+)/.exec(mail.text)![1]!;
    return { youth, matchId, id, link };
  }

  it('its start makes the match `immersion_started` (by the platform); "would hire" shows on the match; the advisor then records the hire', async () => {
    const { youth, matchId, id, link } = await ranImmersion();
    const started = await getMatch(matchId);
    expect(started).toMatchObject({ status: 'immersion_started', outcomeAt: expect.any(String), immersion: { agreementId: id, status: 'ended', assessment: null } });
    // Still in play: no second proposal of this youth for this offer until its outcome.
    const again = await t.request('POST', '/v1/matches', { token: advisor.token, json: { youthId: youth.id, offerId: offer.id } });
    expect(again.status, JSON.stringify(again.body)).toBe(409);
    expect((await matchHistory(matchId)).at(-1)).toMatchObject({
      action: 'immersion_started',
      from_state: 'accepted',
      to_state: 'immersion_started',
      actor_role: 'system',
      actor_user_id: null,
      reason: `immersion agreement ${id} started`,
    });

    expect((await t.request('POST', link, form('attendance=completed&wouldHire=yes&comments=Tr%C3%A8s+bien.'))).status).toBe(200);
    const told = await smtp.waitFor(advisor.email, (m) => m.subject.startsWith('Bilan reçu : immersion de Éloïse Martin'));
    expect(told.text).toContain('Présence : Immersion effectuée en entier.');
    expect(told.text).toContain('Prêt·e à recruter : oui.');
    expect(told.text).toContain('mise en relation');
    const assessed = await getMatch(matchId);
    expect(assessed.status).toBe('immersion_started');
    expect(assessed.immersion).toEqual({
      agreementId: id,
      status: 'assessed',
      assessment: { attendance: 'completed', wouldHire: true, assessedAt: expect.any(String) },
    });
    expect((await getMatch(matchId, employer.token)).immersion.assessment).toMatchObject({ wouldHire: true });
    const list = await t.request('GET', `/v1/matches?status=immersion_started`, { token: advisor.token });
    expect(list.body.items.find((m: { id: string }) => m.id === matchId).immersion.assessment.wouldHire).toBe(true);

    // After an immersion, the match still ends in a hire (or not).
    const hired = await t.request('POST', `/v1/matches/${matchId}/outcome`, { token: advisor.token, json: { outcome: 'hired' } });
    expect(hired.status, JSON.stringify(hired.body)).toBe(200);
    expect(hired.body.status).toBe('hired');
  });

  it('a youth who did not show up makes the match `no_show`, with the reason in its history', async () => {
    const { matchId, id, link } = await ranImmersion();
    expect((await t.request('POST', link, form('attendance=did_not_show&wouldHire=no'))).status).toBe(200);
    const after = await getMatch(matchId);
    expect(after).toMatchObject({ status: 'no_show', immersion: { agreementId: id, assessment: { attendance: 'did_not_show', wouldHire: false } } });
    expect((await matchHistory(matchId)).map((h) => [h.action, h.actor_role])).toEqual([
      ['accept', 'employer'],
      ['immersion_started', 'system'],
      ['no_show', 'system'],
    ]);
    const refused = await t.request('POST', `/v1/matches/${matchId}/outcome`, { token: advisor.token, json: { outcome: 'hired' } });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'invalid_state', currentState: 'no_show' });
  });

  it('leaves alone a match whose outcome someone already recorded', async () => {
    const { matchId } = await match({ offerId: offer.id });
    const start = inDays(-3);
    const end = inDays(-1);
    const created = await t.request('POST', '/v1/immersions', { token: advisor.token, json: fromMatch(matchId, { startDate: start, endDate: end, schedule: weekdays(start, end) }) });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect((await t.request('POST', `/v1/matches/${matchId}/outcome`, { token: employer.token, json: { outcome: 'not_hired' } })).status).toBe(200);
    await forceStatus(t, created.body.id, 'signed');
    expect((await t.request('POST', `/v1/immersions/${created.body.id}/validate`, { token: advisor.token })).status).toBe(200);
    await eventually(async () => expect((await getAgreement(created.body.id)).status).toBe('ended'));
    expect((await getMatch(matchId)).status).toBe('not_hired');
    expect((await matchHistory(matchId)).map((h) => h.action)).toEqual(['accept', 'not_hired']);
  });
});
