import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestContext } from '../../helpers/context.js';
import { eventually } from '../../helpers/eventually.js';
import { createOffer, createSlot, createYouth, inDays, yearsAgo } from '../../helpers/factories.js';

const t = await useTestContext({ worker: true, smtp: true });
const smtp = t.smtp!;

const employerOrg = await t.employer();
const employer = await t.userWithToken('employer', { employerId: employerOrg.id });
const otherEmployer = await t.userWithToken('employer');
const structure = await t.structure();
const advisor = await t.userWithToken('advisor', { structureId: structure.id });
const otherAdvisor = await t.userWithToken('advisor');
const organiser = await t.userWithToken('organiser', { structureId: structure.id });

const BIRTH = yearsAgo(19, 40);
const PERSON = {
  firstName: 'Zélie',
  lastName: 'Ouarzazi',
  email: 'zelie.ouarzazi@example.test',
  phone: '06 47 58 69 70',
  address: '27 impasse des Glycines',
  postcode: '42100',
  birthDate: BIRTH,
};
const youth = await createYouth(t, advisor.token, {
  ...PERSON,
  targetRomeCodes: ['D1102'],
  skills: ['Pétrissage'],
  experiences: [{ title: 'Apprentie boulangère', romeCode: 'D1102', months: 8, description: 'Chez Ouarzazi, contact zelie.ouarzazi@example.test ou 06 47 58 69 70, 27 impasse des Glycines 42100. Née à Alger. Fabrication du pain.' }],
  availability: { from: inDays(0), maxHoursPerWeek: 35, schedules: ['day'] },
  contractTypes: ['cdi'],
  mobility: { modes: ['public_transport'], drivingLicence: false, maxCommuteMinutes: 45 },
  barriers: [],
});
const noConsent = await createYouth(t, advisor.token, { postcode: '42100', consent: { anonymisedSharing: false } });

async function publishedOffer(overrides: Record<string, unknown> = {}) {
  const offer = await createOffer(t, employer.token, { romeCode: 'D1102', requiredSkills: ['Pétrissage'], contractType: 'cdi', schedules: ['day'], workplace: { communeInsee: '42218' }, ...overrides });
  expect((await t.request('POST', `/v1/offers/${offer.id}/publish`, { token: employer.token })).status).toBe(200);
  return offer;
}
const offer = await publishedOffer({ title: 'Boulanger·ère' });
const secondOffer = await publishedOffer({ title: 'Boulanger·ère de nuit', schedules: ['day'] });
const thirdOffer = await publishedOffer({ title: 'Tourier·ère' });
const closed = await publishedOffer({ title: 'Fermée' });
await t.request('POST', `/v1/offers/${closed.id}/close`, { token: employer.token });
const slot = await createSlot(t, employer.token, { appellationOgr: undefined, romeCode: 'D1102', workplace: { communeInsee: '42218' } });

const propose = (json: unknown, token = advisor.token) => t.request('POST', '/v1/matches', { token, json });
const get = (id: string, token: string) => t.request('GET', `/v1/matches/${id}`, { token });
const act = (id: string, action: string, token: string, json?: unknown) => t.request('POST', `/v1/matches/${id}/${action}`, { token, json });

/** Every personal value of the youth, in the forms it may take. */
const phoneDigits = '647586970';
function leaks(body: unknown): string[] {
  const text = (typeof body === 'string' ? body : JSON.stringify(body)).normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  const digits = text.replace(/\D/g, '');
  const [y, m, d] = BIRTH.split('-');
  const found = ['zelie', 'ouarzazi', 'zelie.ouarzazi@example.test', 'glycines', '42100', 'alger', BIRTH, `${d}/${m}/${y}`].filter((v) => text.includes(v));
  if (digits.includes(phoneDigits)) found.push('phone');
  return found;
}

const outboxFor = (matchId: string) =>
  t.deps.db.execute<{ type: string; key: string | null; run_at: string; cancelled_at: string | null; payload: any }>(
    sql`select type, key, run_at, cancelled_at, payload from outbox_events where payload->>'matchId' = ${matchId} order by id`,
  );

describe('proposing', () => {
  it('refuses a youth without consent (422), a closed offer (409), out-of-scope youth or offers (404), other roles (403)', async () => {
    expect((await propose({ youthId: noConsent.id, offerId: offer.id })).body).toMatchObject({ status: 422, errors: [{ path: 'youthId', code: 'consent_missing' }] });
    expect((await propose({ youthId: youth.id, offerId: closed.id })).body).toMatchObject({ status: 409, code: 'invalid_state', currentState: 'closed' });
    expect((await propose({ youthId: youth.id, offerId: offer.id }, otherAdvisor.token)).status).toBe(404);
    expect((await propose({ youthId: youth.id, offerId: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
    expect((await propose({ youthId: youth.id, offerId: offer.id }, employer.token)).status).toBe(403);
    expect((await propose({ youthId: youth.id, offerId: offer.id }, organiser.token)).status).toBe(403);
    expect((await propose({ youthId: youth.id, offerId: offer.id, slotId: slot.id })).body).toMatchObject({ status: 422, errors: [{ code: 'one_target' }] });
  });

  it('refuses a match the score rules out, with the blockers', async () => {
    const licence = await publishedOffer({ title: 'Livreur·se', drivingLicenceRequired: true });
    const res = await propose({ youthId: youth.id, offerId: licence.id });
    expect(res.body).toMatchObject({ status: 422, errors: [{ path: 'youthId', code: 'not_eligible', message: 'Permis B exigé' }] });
  });
});

describe('a proposal, from the advisor to the employer and back', () => {
  let matchId = '';

  it('is proposed once per pair, e-mails the employer blindly, and schedules the reminder and the expiry', async () => {
    const res = await propose({ youthId: youth.id, offerId: offer.id });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ status: 'proposed', youth: { id: youth.id, firstName: 'Zélie' }, opportunity: { id: offer.id, type: 'offer' }, travelBand: '0-20' });
    expect(res.body.score).toBeGreaterThanOrEqual(90);
    matchId = res.body.id;

    expect((await propose({ youthId: youth.id, offerId: offer.id })).body).toMatchObject({ status: 409, code: 'conflict', matchId });

    const jobs = await outboxFor(matchId);
    const deadline = jobs.filter((j) => j.type === 'match-deadline');
    expect(deadline.map((j) => j.key)).toEqual([`match:${matchId}:reminder`, `match:${matchId}:expiry`]);
    const days = (iso: string) => (Date.parse(iso) - Date.now()) / 86_400_000;
    expect(days(deadline[0]!.run_at)).toBeCloseTo(7, 1);
    expect(days(deadline[1]!.run_at)).toBeCloseTo(14, 1);

    const mail = await smtp.waitFor(employer.email, (m) => m.subject.includes('Nouvelle candidature'));
    expect(mail.subject).toBe('Nouvelle candidature pour « Boulanger·ère »');
    expect(mail.text).toMatch(/Candidat·e [0-9A-F]{4}/);
    expect(mail.text).toContain(`http://passerelle.test/mises-en-relation/${matchId}`);
    expect(leaks(mail.raw)).toEqual([]);
  });

  it('shows the employer a blind profile: pseudonym, scrubbed experience, score and explanation without minutes, no personal value anywhere', async () => {
    const detail = await get(matchId, employer.token);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ youth: null, contact: null, candidate: { travelTimeBand: '0-20' } });
    expect(detail.body.candidate.pseudonym).toMatch(/^Candidat·e [0-9A-F]{4}$/);
    expect(detail.body.explanation.reasons.map((r: any) => r.component)).not.toContain('mobility');
    // Gender-neutral title, native language as C2, the passage about origin left out.
    expect(detail.body.candidate.experiences[0]).toMatchObject({ title: 'Apprenti·e – Boulanger / Boulangère', description: expect.stringContaining('Fabrication du pain') });
    expect(detail.body.candidate.languages).toContainEqual({ code: 'fr', level: 'C2' });
    expect(leaks(detail.body)).toEqual([]);
    const list = await t.request('GET', '/v1/matches', { token: employer.token });
    expect(list.body.items.map((m: any) => m.id)).toEqual([matchId]);
    expect(leaks(list.body)).toEqual([]);
    // The leak check is not blind: the advisor's view of the same match holds the names.
    expect(leaks((await get(matchId, advisor.token)).body)).toEqual(['zelie', 'ouarzazi']);
  });

  it('uses a pseudonym per match: two proposals of one youth cannot be linked', async () => {
    const second = await propose({ youthId: youth.id, offerId: secondOffer.id });
    const [a, b] = await Promise.all([get(matchId, employer.token), get(second.body.id, employer.token)]);
    expect(a.body.candidate.pseudonym).not.toBe(b.body.candidate.pseudonym);
    // Nor through the youth's id (an employer may know it from an agreement): filtering by youth is not theirs.
    const byYouth = await t.request('GET', `/v1/matches?youthId=${youth.id}`, { token: employer.token });
    expect(byYouth.status).toBe(403);
    expect(byYouth.headers.get('content-type')).toContain('application/problem+json');
    expect((await t.request('GET', `/v1/matches?youthId=${youth.id}`, { token: advisor.token })).body.items.length).toBe(2);
  });

  it('is scoped: another employer or advisor gets 404, an organiser 403', async () => {
    expect((await get(matchId, otherEmployer.token)).status).toBe(404);
    expect((await get(matchId, otherAdvisor.token)).status).toBe(404);
    expect((await get(matchId, organiser.token)).status).toBe(403);
    expect((await t.request('GET', '/v1/matches', { token: otherEmployer.token })).body.items).toEqual([]);
    expect((await act(matchId, 'accept', otherEmployer.token)).status).toBe(404);
  });

  it('accepted by the employer (not the advisor): contact revealed for that match only, audited; reminder and expiry cancelled; advisor told', async () => {
    expect((await act(matchId, 'accept', advisor.token)).status).toBe(403);
    const res = await act(matchId, 'accept', employer.token);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'accepted',
      contact: { firstName: 'Zélie', lastName: 'Ouarzazi', email: 'zelie.ouarzazi@example.test', phone: '+33647586970' },
    });
    // The reveal is on this match only: the list and the other proposal of the same youth stay blind.
    expect(leaks((await t.request('GET', '/v1/matches', { token: employer.token })).body)).toEqual([]);
    const other = (await t.request('GET', `/v1/matches?offerId=${secondOffer.id}`, { token: employer.token })).body.items[0];
    expect(leaks((await get(other.id, employer.token)).body)).toEqual([]);
    expect((await get(matchId, employer.token)).body.contact.email).toBe('zelie.ouarzazi@example.test');

    const reveals = await t.deps.db.execute<{ viewer_user_id: string; fields: string[]; reason: string }>(
      sql`select viewer_user_id, fields, reason from identity_reveals where match_id = ${matchId} order by id`,
    );
    expect(reveals.map((r) => [r.viewer_user_id, r.reason])).toEqual([
      [employer.user.id, 'match_accepted'],
      [employer.user.id, 'match_viewed'],
    ]);
    expect(reveals[0]!.fields).toEqual(['firstName', 'lastName', 'email', 'phone']);

    const deadline = (await outboxFor(matchId)).filter((j) => j.type === 'match-deadline');
    expect(deadline.every((j) => j.cancelled_at !== null)).toBe(true);
    const mail = await smtp.waitFor(advisor.email, (m) => m.subject.startsWith('Candidature acceptée'));
    expect(mail.text).toContain('Zélie Ouarzazi');
  });

  it('refuses a move the state does not allow with 409 and the current state; records the outcome once', async () => {
    const res = await act(matchId, 'decline', employer.token, { reason: 'position_filled' });
    expect(res.body).toMatchObject({ status: 409, code: 'invalid_state', currentState: 'accepted' });
    expect((await act(matchId, 'outcome', employer.token, { outcome: 'promoted' })).status).toBe(422);
    expect((await act(matchId, 'outcome', advisor.token, { outcome: 'hired' })).body).toMatchObject({ status: 'hired', outcomeAt: expect.any(String) });
    expect((await act(matchId, 'outcome', employer.token, { outcome: 'no_show' })).body).toMatchObject({ status: 409, currentState: 'hired' });
    const history = await t.deps.db.execute<{ action: string; actor_role: string }>(
      sql`select action, actor_role from state_transitions where resource_type = 'match' and resource_id = ${matchId} order by id`,
    );
    expect(history.map((h) => [h.action, h.actor_role])).toEqual([
      ['accept', 'employer'],
      ['hired', 'advisor'],
    ]);
  });

  it('declined with a reason from the list; withdrawn by the advisor only; filters', async () => {
    const p = await propose({ youthId: youth.id, slotId: slot.id });
    expect(p.status).toBe(201);
    expect((await act(p.body.id, 'decline', employer.token, { reason: 'because' })).status).toBe(422);
    const declined = await act(p.body.id, 'decline', employer.token, { reason: 'skills_mismatch' });
    expect(declined.body).toMatchObject({ status: 'declined', declineReason: 'skills_mismatch', contact: null });
    expect(leaks(declined.body)).toEqual([]);
    const mail = await smtp.waitFor(advisor.email, (m) => m.subject.startsWith('Candidature déclinée'));
    expect(mail.text).toContain('Motif : Compétences ne correspondant pas');
    // A new proposal for the same pair is possible once the previous one is closed.
    const again = await propose({ youthId: youth.id, slotId: slot.id });
    expect(again.status).toBe(201);
    expect((await act(again.body.id, 'withdraw', employer.token)).status).toBe(403);
    expect((await act(again.body.id, 'withdraw', advisor.token)).body).toMatchObject({ status: 'withdrawn' });

    const byStatus = await t.request('GET', `/v1/matches?status=declined&youthId=${youth.id}`, { token: advisor.token });
    expect(byStatus.body.items.map((m: any) => m.id)).toEqual([p.body.id]);
    const bySlot = await t.request('GET', `/v1/matches?slotId=${slot.id}`, { token: advisor.token });
    expect(bySlot.body.total).toBe(2);
    expect((await t.request('GET', '/v1/matches?status=lost', { token: advisor.token })).status).toBe(422);
  });
});

describe('reminder and expiry', () => {
  it('reminds the employer at the reminder date, then expires the proposal and tells the advisor', async () => {
    const p = await propose({ youthId: youth.id, offerId: thirdOffer.id });
    const id = p.body.id as string;
    // As if seven days had passed: the reminder is due now.
    await t.deps.db.execute(sql`update outbox_events set run_at = now() where key = ${`match:${id}:reminder`}`);
    const reminder = await smtp.waitFor(employer.email, (m) => m.subject.startsWith('Rappel') && m.text.includes(id));
    expect(reminder.subject).toBe('Rappel : une candidature attend votre réponse pour « Tourier·ère »');
    expect(leaks(reminder.raw)).toEqual([]);
    expect((await get(id, employer.token)).body.status).toBe('proposed');

    await t.deps.db.execute(sql`update outbox_events set run_at = now() where key = ${`match:${id}:expiry`}`);
    await eventually(async () => expect((await get(id, advisor.token)).body.status).toBe('expired'));
    const mail = await smtp.waitFor(advisor.email, (m) => m.subject.startsWith('Candidature expirée') && m.text.includes(id));
    expect(mail.text).toContain('dans les 14 jours');
    expect((await act(id, 'accept', employer.token)).body).toMatchObject({ status: 409, currentState: 'expired' });
  });
});
