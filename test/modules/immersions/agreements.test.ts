import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { useTestContext } from '../../helpers/context.js';
import { addDays, inDays, yearsAgo } from '../../helpers/factories.js';
import { AGREEMENT_STATUSES, immersionAgreementLifecycle as machine } from '../../../src/domain/immersion-agreement-lifecycle.js';
import { agreementInput, forceStatus, immersionWorld, weekdays } from './helpers.js';

const t = await useTestContext();
const w = await immersionWorld(t);

const codes = (body: { errors: { path: string; code: string }[] }) => body.errors.map((e) => `${e.path}:${e.code}`).sort();

describe('preparing an agreement', () => {
  it('an advisor prepares a draft from a slot: parties, schedule and total hours', async () => {
    const a = await w.create({ slotId: w.slot.id });
    expect(a).toMatchObject({
      status: 'draft',
      structureId: w.structure.id,
      youth: { id: w.youth.id, firstName: 'Éloïse', lastName: 'Martin' },
      employer: { id: w.employerId },
      slotId: w.slot.id,
      objective: 'discover_trade',
      tutor: { name: 'Samia Benali', email: 'samia.benali@epicerie.example', phone: '+33612345678' },
      employerRepresentative: { name: 'Paul Girard', phone: '+33477123456' },
      legalRepresentative: null,
      assessment: null,
    });
    expect(a.totalHours).toBe(a.schedule.length * 7);
    expect(a.signatures.map((s: { party: string; signedAt: null }) => [s.party, s.signedAt])).toEqual([
      ['youth', null],
      ['employer_representative', null],
    ]);
    await forceStatus(t, a.id, 'cancelled'); // frees the youth's time for the other tests
  });

  it('an immersion agreed directly with an employer, without a slot', async () => {
    const youth = await w.newYouth();
    const res = await t.request('POST', '/v1/immersions', { token: w.advisor.token, json: agreementInput(youth.id, { employerId: w.employerId }) });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ slotId: null, employer: { id: w.employerId } });
  });

  it('refuses every broken rule at once, each with its code', async () => {
    const minor = await w.newYouth({ birthDate: yearsAgo(17) });
    const start = inDays(10);
    const res = await t.request('POST', '/v1/immersions', {
      token: w.advisor.token,
      json: agreementInput(minor.id, { slotId: w.slot.id }, {
        startDate: start,
        endDate: addDays(start, 30),
        schedule: [{ date: start, ranges: [{ from: '14:00', to: '22:30' }] }],
        tutor: { name: 'X', role: 'Y', email: 'pas-un-email', phone: '12' },
      }),
    });
    expect(res.status).toBe(422);
    expect(codes(res.body)).toEqual(['tutor.email:invalid_email', 'tutor.phone:invalid_phone']);

    const again = await t.request('POST', '/v1/immersions', {
      token: w.advisor.token,
      json: agreementInput(minor.id, { slotId: w.slot.id }, {
        startDate: start,
        endDate: addDays(start, 55), // past the slot's last day too
        schedule: [{ date: start, ranges: [{ from: '14:00', to: '22:30' }] }],
      }),
    });
    expect(again.status, JSON.stringify(again.body)).toBe(422);
    expect(again.headers.get('content-type')).toContain('application/problem+json');
    expect(codes(again.body), JSON.stringify(again.body)).toEqual([
      'endDate:too_long',
      'legalRepresentative:legal_representative_required',
      'schedule.0.ranges.0:minor_night_work',
      'schedule.0:minor_daily_limit_exceeded',
      'startDate:outside_slot_period',
    ]);
  });

  it('a minor with a legal representative: three signatories', async () => {
    const minor = await w.newYouth({ birthDate: yearsAgo(17) });
    const res = await t.request('POST', '/v1/immersions', {
      token: w.advisor.token,
      json: agreementInput(minor.id, { employerId: w.employerId }, {
        schedule: weekdays(inDays(10), inDays(14)).map((d) => ({ ...d, ranges: [{ from: '09:00', to: '12:00' }] })),
        legalRepresentative: { name: 'Karima Martin', email: 'karima.martin@example.test', phone: '0611223344' },
      }),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.signatures.map((s: { party: string }) => s.party)).toEqual(['youth', 'employer_representative', 'legal_representative']);
  });

  it('no overlap with another immersion of the same youth', async () => {
    const youth = await w.newYouth();
    await w.create({}, youth.id);
    const res = await t.request('POST', '/v1/immersions', {
      token: w.advisor.token,
      json: agreementInput(youth.id, { employerId: w.employerId }, { startDate: inDays(12) }),
    });
    expect(res.status).toBe(422);
    expect(codes(res.body)).toEqual(['startDate:overlapping_immersion']);
  });

  it('a slot takes as many young people at a time as its capacity; a cancelled agreement frees its place', async () => {
    const [y1, y2, y3] = [await w.newYouth(), await w.newYouth(), await w.newYouth()];
    const slotRes = await t.request('POST', '/v1/immersion-slots', {
      token: w.employer.token,
      json: { ...(await import('../../helpers/factories.js')).slotInput({ capacity: 1 }) },
    });
    const slotId = slotRes.body.id;
    const first = await t.request('POST', '/v1/immersions', { token: w.advisor.token, json: agreementInput(y1.id, { slotId }) });
    expect(first.status).toBe(201);
    const full = await t.request('POST', '/v1/immersions', { token: w.advisor.token, json: agreementInput(y2.id, { slotId }, { startDate: inDays(12) }) });
    expect(full.status).toBe(409);
    expect(full.body).toMatchObject({ code: 'slot_full', capacity: 1 });
    // Later dates: the place is free again then.
    const later = await t.request('POST', '/v1/immersions', { token: w.advisor.token, json: agreementInput(y3.id, { slotId }, { startDate: inDays(20) }) });
    expect(later.status).toBe(201);
    const cancel = await t.request('POST', `/v1/immersions/${first.body.id}/cancel`, { token: w.advisor.token, json: { reason: 'Le jeune a trouvé un emploi.' } });
    expect(cancel.status).toBe(200);
    const now = await t.request('POST', '/v1/immersions', { token: w.advisor.token, json: agreementInput(y2.id, { slotId }, { startDate: inDays(12) }) });
    expect(now.status, JSON.stringify(now.body)).toBe(201);
  });

  it('two advisors racing for the last place: exactly one gets it', async () => {
    const { slotInput } = await import('../../helpers/factories.js');
    const slotId = (await t.request('POST', '/v1/immersion-slots', { token: w.employer.token, json: slotInput({ capacity: 1 }) })).body.id;
    const youths = await Promise.all([w.newYouth(), w.newYouth(), w.newYouth()]);
    const results = await Promise.all(
      youths.map((y) => t.request('POST', '/v1/immersions', { token: w.advisor.token, json: agreementInput(y.id, { slotId }) })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
  });

  it('a closed slot takes no one (409)', async () => {
    const { slotInput } = await import('../../helpers/factories.js');
    const slotId = (await t.request('POST', '/v1/immersion-slots', { token: w.employer.token, json: slotInput() })).body.id;
    await t.request('POST', `/v1/immersion-slots/${slotId}/close`, { token: w.employer.token });
    const youth = await w.newYouth();
    const res = await t.request('POST', '/v1/immersions', { token: w.advisor.token, json: agreementInput(youth.id, { slotId }) });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'invalid_state', currentState: 'closed' });
  });

  it('a youth of another structure, an unknown slot or employer: 422 naming the field', async () => {
    const other = await t.userWithToken('advisor');
    const res = await t.request('POST', '/v1/immersions', { token: other.token, json: agreementInput(w.youth.id, { slotId: w.slot.id }) });
    expect(res.status).toBe(422);
    expect(codes(res.body)).toEqual(['youthId:unknown_youth']);
    const youth = await w.newYouth();
    const noSlot = await t.request('POST', '/v1/immersions', {
      token: w.advisor.token,
      json: agreementInput(youth.id, { slotId: '00000000-0000-4000-8000-000000000000' }),
    });
    expect(codes(noSlot.body)).toEqual(['slotId:unknown_slot']);
    const both = await t.request('POST', '/v1/immersions', { token: w.advisor.token, json: agreementInput(youth.id, { slotId: w.slot.id, employerId: w.employerId }) });
    expect(codes(both.body)).toEqual(['slotId:slot_or_employer']);
  });
});

describe('reading and editing, within scope', () => {
  it('advisors see their structure’s, employers their organisation’s; others get 404, organisers 403', async () => {
    const youth = await w.newYouth();
    const a = await w.create({}, youth.id);
    expect((await t.request('GET', `/v1/immersions/${a.id}`, { token: w.advisor.token })).status).toBe(200);
    expect((await t.request('GET', `/v1/immersions/${a.id}`, { token: w.employer.token })).status).toBe(200);
    const mine = await t.request('GET', `/v1/immersions?youthId=${youth.id}`, { token: w.employer.token });
    expect(mine.body.items.map((i: { id: string }) => i.id)).toEqual([a.id]);

    const otherAdvisor = await t.userWithToken('advisor');
    const otherEmployer = await t.userWithToken('employer');
    for (const token of [otherAdvisor.token, otherEmployer.token]) {
      expect((await t.request('GET', `/v1/immersions/${a.id}`, { token })).status).toBe(404);
      expect((await t.request('GET', '/v1/immersions', { token })).body.total).toBe(0);
    }
    expect((await t.request('PATCH', `/v1/immersions/${a.id}`, { token: otherAdvisor.token, json: { activities: 'x' } })).status).toBe(404);
    const organiser = await t.userWithToken('organiser', { structureId: w.structure.id });
    expect((await t.request('GET', `/v1/immersions/${a.id}`, { token: organiser.token })).status).toBe(403);
    expect((await t.request('POST', '/v1/immersions', { token: w.employer.token, json: agreementInput(youth.id, { slotId: w.slot.id }) })).status).toBe(403);
    expect((await t.request('PATCH', `/v1/immersions/${a.id}`, { token: w.employer.token, json: { activities: 'x' } })).status).toBe(403);
  });

  it('editing a draft checks the whole again', async () => {
    const youth = await w.newYouth();
    const a = await w.create({ slotId: w.slot.id }, youth.id);
    const ok = await t.request('PATCH', `/v1/immersions/${a.id}`, { token: w.advisor.token, json: { objective: 'start_recruitment', activities: 'Vente.' } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'draft', objective: 'start_recruitment', activities: 'Vente.' });
    const bad = await t.request('PATCH', `/v1/immersions/${a.id}`, { token: w.advisor.token, json: { endDate: addDays(a.startDate, 55) } });
    expect(bad.status).toBe(422);
    expect(codes(bad.body)).toEqual(['endDate:too_long', 'startDate:outside_slot_period']);
  });
});

describe('the whole state table through the API', () => {
  const roles = ['advisor', 'employer', 'admin', 'organiser'] as const;
  const moves = [
    { action: 'send_for_signature', call: (id: string) => ['POST', `/v1/immersions/${id}/send-for-signature`, undefined] },
    { action: 'amend', call: (id: string) => ['PATCH', `/v1/immersions/${id}`, { activities: 'Accueil et vente.' }] },
    { action: 'validate', call: (id: string) => ['POST', `/v1/immersions/${id}/validate`, undefined] },
    { action: 'reject', call: (id: string) => ['POST', `/v1/immersions/${id}/reject`, { reason: 'Tutorat insuffisant.' }] },
    { action: 'cancel', call: (id: string) => ['POST', `/v1/immersions/${id}/cancel`, { reason: 'Projet abandonné.' }] },
  ] as const;

  it('every (state, action, role): the move allowed, 403 for a role never allowed, 409 with the current state otherwise', async () => {
    const tokens = {
      advisor: w.advisor.token,
      employer: w.employer.token,
      admin: (await t.userWithToken('admin')).token,
      organiser: (await t.userWithToken('organiser', { structureId: w.structure.id })).token,
    };
    const youth = await w.newYouth();
    const other = await w.newYouth();
    const inState = async (state: (typeof AGREEMENT_STATUSES)[number], youthId = youth.id) => {
      const a = await w.create({}, youthId);
      await forceStatus(t, a.id, state);
      return a.id;
    };
    let checked = 0;
    for (const state of AGREEMENT_STATUSES) {
      // A refusal changes nothing: one agreement per state takes them all; each move that succeeds gets its own.
      const refused = await inState(state, other.id);
      for (const move of moves)
        for (const role of roles) {
          const rule = machine.actions[move.action];
          const allowed = (rule.by as readonly string[]).includes(role) && ((rule.from as readonly string[]).includes(state) || (move.action === 'amend' && state === 'draft'));
          const id = allowed ? await inState(state) : refused;
          const [method, path, json] = move.call(id) as [string, string, unknown];
          const res = await t.request(method, path, { token: tokens[role], json });
          const label = `${role} ${move.action} from ${state}`;
          if (!(rule.by as readonly string[]).includes(role)) expect(res.status, label).toBe(403);
          else if (allowed) {
            expect(res.status, `${label}: ${JSON.stringify(res.body)}`).toBe(200);
            expect(res.body.status, label).toBe(move.action === 'amend' && state === 'draft' ? 'draft' : rule.to);
          } else {
            expect(res.status, label).toBe(409);
            expect(res.body, label).toMatchObject({ code: 'invalid_state', currentState: state });
          }
          if (allowed) await forceStatus(t, id, 'cancelled'); // frees the youth's dates for the next one
          checked++;
        }
      await forceStatus(t, refused, 'cancelled');
    }
    expect(checked).toBe(AGREEMENT_STATUSES.length * moves.length * roles.length);
  }, 120_000);

  it('each allowed move is written to the history, with who and why', async () => {
    const youth = await w.newYouth();
    const a = await w.create({}, youth.id);
    await t.request('POST', `/v1/immersions/${a.id}/send-for-signature`, { token: w.advisor.token });
    await t.request('POST', `/v1/immersions/${a.id}/cancel`, { token: w.employer.token, json: { reason: 'Fermeture du magasin.' } });
    const history = await t.request('GET', `/v1/immersions/${a.id}/history`, { token: w.advisor.token });
    expect(history.body.items.map((h: any) => [h.action, h.from, h.to, h.by.role, h.reason])).toEqual([
      ['send_for_signature', 'draft', 'ready_to_sign', 'advisor', null],
      ['cancel', 'ready_to_sign', 'cancelled', 'employer', 'Fermeture du magasin.'],
    ]);
    const got = await t.request('GET', `/v1/immersions/${a.id}`, { token: w.advisor.token });
    expect(got.body).toMatchObject({ status: 'cancelled', closingReason: 'Fermeture du magasin.' });
    const [jobs] = await t.deps.db.execute<{ n: number }>(
      sql`select count(*)::int as n from outbox_events where type = 'immersion-signature-link' and payload->>'agreementId' = ${a.id}`,
    );
    expect(jobs!.n).toBe(2);
  });
});

describe('one concept: an immersion is a slot, then an agreement', () => {
  it('an offer is never of contract type immersion', async () => {
    const { offerInput } = await import('../../helpers/factories.js');
    const res = await t.request('POST', '/v1/offers', { token: w.employer.token, json: offerInput({ contractType: 'immersion' }) });
    expect(res.status).toBe(422);
    expect(codes(res.body)).toEqual(['contractType:immersion_is_a_slot']);
  });
});

describe('closing moves need a reason', () => {
  it('cancel without a reason: 422 naming the field', async () => {
    const youth = await w.newYouth();
    const a = await w.create({}, youth.id);
    const res = await t.request('POST', `/v1/immersions/${a.id}/cancel`, { token: w.advisor.token, json: {} });
    expect(res.status).toBe(422);
    expect(codes(res.body)).toEqual(['reason:required']);
  });
});
