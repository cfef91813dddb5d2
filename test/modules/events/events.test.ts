import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addCalendarDays, franceInstant, todayInFrance } from '../../../src/core/calendar.js';
import { randomUUID } from 'node:crypto';
import { claimSeat } from '../../../src/modules/events/seats.js';
import { useTestContext } from '../../helpers/context.js';
import { createOffer, createYouth } from '../../helpers/factories.js';

const t = await useTestContext();

const inHours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();

/**
 * An event starting later today in Paris (check-in is taken on the day of the event), an hour
 * from now or just before midnight, whichever comes first. In the day's last half-minute, waits
 * for the next day: an event starting in the seconds left could not take registrations.
 */
async function laterToday() {
  const nextParisDay = () => franceInstant(addCalendarDays(todayInFrance(), 1)).getTime();
  if (nextParisDay() - Date.now() < 30_000) await new Promise((resolve) => setTimeout(resolve, nextParisDay() - Date.now() + 1000));
  const now = Date.now();
  const start = Math.min(now + 3600_000, nextParisDay() - 10_000);
  return {
    startsAt: new Date(start).toISOString(),
    endsAt: new Date(start + 2 * 3600_000).toISOString(),
    registrationDeadline: new Date(now + (start - now) / 2).toISOString(),
  };
}

/** A forum in Saint-Étienne in ten days, 50 seats and 5 stands. */
const eventInput = (overrides: Record<string, unknown> = {}) => ({
  kind: 'forum',
  title: 'Forum de l’alternance du Forez',
  description: 'Rencontrez les employeurs qui recrutent en alternance.',
  themes: ['job_search', 'training'],
  startsAt: inHours(240),
  endsAt: inHours(246),
  registrationDeadline: inHours(200),
  place: { address: 'Parc des expositions', communeInsee: '42218' },
  youthCapacity: 50,
  standCapacity: 5,
  isPublic: true,
  ...overrides,
});

const structure = await t.structure();
const organiser = await t.userWithToken('organiser', { structureId: structure.id });
const advisor = await t.userWithToken('advisor', { structureId: structure.id });

async function publishedEvent(overrides: Record<string, unknown> = {}) {
  const created = await t.request('POST', '/v1/events', { token: organiser.token, json: eventInput(overrides) });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const published = await t.request('POST', `/v1/events/${created.body.id}/publish`, { token: organiser.token });
  expect(published.status, JSON.stringify(published.body)).toBe(200);
  return published.body as { id: string; [k: string]: any };
}

const register = (eventId: string, token: string, json: unknown) => t.request('POST', `/v1/events/${eventId}/registrations`, { token, json });

describe('events', () => {
  it('an organiser creates a draft, advisors see it once published, other structures never', async () => {
    const res = await t.request('POST', '/v1/events', { token: organiser.token, json: eventInput() });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'draft',
      kind: 'forum',
      structureId: structure.id,
      place: { communeInsee: '42218', communeName: 'Saint-Étienne' },
      seats: { youthConfirmed: 0, youthWaitlisted: 0 },
    });
    expect((await t.request('GET', `/v1/events/${res.body.id}`, { token: advisor.token })).status).toBe(404);
    const otherOrganiser = await t.userWithToken('organiser');
    expect((await t.request('GET', `/v1/events/${res.body.id}`, { token: otherOrganiser.token })).status).toBe(404);
    expect((await t.request('PATCH', `/v1/events/${res.body.id}`, { token: otherOrganiser.token, json: { title: 'x' } })).status).toBe(404);

    expect((await t.request('POST', `/v1/events/${res.body.id}/publish`, { token: organiser.token })).status).toBe(200);
    expect((await t.request('GET', `/v1/events/${res.body.id}`, { token: advisor.token })).body.status).toBe('published');
    const again = await t.request('POST', `/v1/events/${res.body.id}/publish`, { token: organiser.token });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ currentState: 'published', allowedTransitions: [{ action: 'cancel', to: 'cancelled' }] });
  });

  it('refuses roles that never run events with 403', async () => {
    const employer = await t.userWithToken('employer');
    expect((await t.request('POST', '/v1/events', { token: employer.token, json: eventInput() })).status).toBe(403);
    expect((await t.request('POST', '/v1/events', { token: advisor.token, json: eventInput() })).status).toBe(403);
  });

  it('reports every inconsistent field at once and writes nothing', async () => {
    const [before] = await t.deps.db.execute<{ n: number }>(sql`select count(*)::int as n from events`);
    const res = await t.request('POST', '/v1/events', {
      token: organiser.token,
      json: eventInput({ endsAt: inHours(230), registrationDeadline: inHours(241), kind: 'workshop', place: null }),
    });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: any) => `${e.path}:${e.code}`).sort()).toEqual([
      'endsAt:end_before_start',
      'place:required',
      'registrationDeadline:deadline_after_start',
      'standCapacity:not_allowed',
    ]);
    expect((await t.request('POST', '/v1/events', { token: organiser.token, json: eventInput({ youthCapacity: 0 }) })).body.errors).toContainEqual(
      expect.objectContaining({ path: 'youthCapacity', code: 'too_small' }),
    );
    const [after] = await t.deps.db.execute<{ n: number }>(sql`select count(*)::int as n from events`);
    expect(after!.n).toBe(before!.n);
  });

  it('lists by date range, theme and commune with a radius', async () => {
    const near = await publishedEvent({ kind: 'workshop', standCapacity: null, themes: ['mobility'], startsAt: inHours(24 * 40), endsAt: inHours(24 * 40 + 2), registrationDeadline: inHours(24 * 39), place: { address: 'Salle des fêtes', communeInsee: '42207' } });
    const far = await publishedEvent({ kind: 'info_session', standCapacity: null, themes: ['mobility'], startsAt: inHours(24 * 41), endsAt: inHours(24 * 41 + 2), registrationDeadline: inHours(24 * 40), place: { address: 'Mairie', communeInsee: '69123' } });
    const day = (h: number) => inHours(h).slice(0, 10);
    const list = async (query: string) => (await t.request('GET', `/v1/events?${query}`, { token: advisor.token })).body.items.map((e: any) => e.id);
    expect(await list(`theme=mobility&from=${day(24 * 39)}&to=${day(24 * 42)}`)).toEqual([near.id, far.id]);
    expect(await list(`theme=mobility&commune=42218&radius=20`)).toEqual([near.id]);
    expect(await list(`theme=housing`)).toEqual([]);
    expect((await t.request('GET', '/v1/events?radius=5', { token: advisor.token })).body.errors[0]).toMatchObject({ path: 'query.radius', code: 'needs_place' });
  });
});

describe('registrations', () => {
  it('claims that arrive while one runs share its next transaction, in order, and one failing claim fails alone', async () => {
    const event = await publishedEvent({ youthCapacity: 2 });
    const youth = await Promise.all(Array.from({ length: 5 }, (_, i) => createYouth(t, advisor.token, { email: `groupe${i}@example.test` })));
    const claim = (youthId: string, by: string) =>
      claimSeat(t.deps.db, event.id, { kind: 'youth', youthId, structureId: structure.id }, by, new Date());
    // Sent at once: the first runs alone, the four others wait and go together. The third names
    // a user who does not exist (a foreign key refused), which rolls back their shared transaction.
    const settled = await Promise.allSettled(youth.map((y, i) => claim(y.id, i === 2 ? randomUUID() : advisor.user.id)));
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    const outcomes = settled.map((s) => (s.status === 'fulfilled' && s.value.claim.outcome === 'registered' ? s.value.claim.registration : null));
    expect(outcomes.map((r) => r && [r.status, r.waitlistPosition])).toEqual([['confirmed', null], ['confirmed', null], null, ['waitlisted', 1], ['waitlisted', 2]]);
    const listed = await t.request('GET', `/v1/events/${event.id}/registrations`, { token: organiser.token });
    expect(listed.body.items.map((r: any) => r.youthId)).toEqual([youth[0]!.id, youth[1]!.id, youth[3]!.id, youth[4]!.id]);
  });

  it('never oversells: 200 concurrent registrations for 50 seats give 50 confirmed and 150 waitlisted in arrival order', async () => {
    const event = await publishedEvent();
    const youth: { id: string }[] = [];
    for (let i = 0; i < 200; i += 20)
      youth.push(...(await Promise.all(Array.from({ length: 20 }, (_, j) => createYouth(t, advisor.token, { email: `jeune${i + j}@example.test` })))));
    const results = await Promise.all(youth.map((y) => register(event.id, advisor.token, { youthId: y.id })));
    expect(results.map((r) => r.status)).toEqual(Array(200).fill(201));
    const statuses = results.map((r) => r.body.status);
    expect(statuses.filter((s) => s === 'confirmed')).toHaveLength(50);
    expect(statuses.filter((s) => s === 'waitlisted')).toHaveLength(150);

    // Arrival order is the order of the inserts: the first 50 confirmed, then positions 1…150.
    const all = await t.request('GET', `/v1/events/${event.id}/registrations?limit=100`, { token: organiser.token });
    const rest = await t.request('GET', `/v1/events/${event.id}/registrations?limit=100&offset=100`, { token: organiser.token });
    const inOrder = [...all.body.items, ...rest.body.items];
    expect(inOrder.slice(0, 50).every((r: any) => r.status === 'confirmed')).toBe(true);
    expect(inOrder.slice(50).map((r: any) => r.waitlistPosition)).toEqual(Array.from({ length: 150 }, (_, i) => i + 1));
    // Each answer is what the list shows of that registration (nobody has left the queue since).
    const listed = new Map(inOrder.map((r: any) => [r.id, r]));
    expect(results.map((r) => r.body)).toEqual(results.map((r) => listed.get(r.body.id)));
    expect((await t.request('GET', `/v1/events/${event.id}`, { token: organiser.token })).body.seats).toMatchObject({ youthConfirmed: 50, youthWaitlisted: 150 });

    // Cancelling one confirmed seat promotes exactly one: the head of the waitlist.
    const cancelled = await t.request('POST', `/v1/events/${event.id}/registrations/${inOrder[3].id}/cancel`, { token: advisor.token });
    expect(cancelled.body.status).toBe('cancelled');
    const head = await t.request('GET', `/v1/events/${event.id}/registrations?status=confirmed&limit=100`, { token: organiser.token });
    expect(head.body.total).toBe(50);
    expect(head.body.items.map((r: any) => r.id)).toContain(inOrder[50].id);
    const waiting = await t.request('GET', `/v1/events/${event.id}/registrations?status=waitlisted&limit=1`, { token: organiser.token });
    expect(waiting.body).toMatchObject({ total: 149, items: [{ id: inOrder[51].id, waitlistPosition: 1 }] });

    // Lowering the capacity below the confirmed seats needs the organiser to name who moves.
    const lower = await t.request('PATCH', `/v1/events/${event.id}`, { token: organiser.token, json: { youthCapacity: 48 } });
    expect(lower.status).toBe(409);
    expect(lower.body).toMatchObject({ code: 'conflict', toMove: 2 });
    const moved = [inOrder[0].id, inOrder[1].id];
    const lowered = await t.request('PATCH', `/v1/events/${event.id}`, { token: organiser.token, json: { youthCapacity: 48, moveToWaitlist: moved } });
    expect(lowered.status, JSON.stringify(lowered.body)).toBe(200);
    expect(lowered.body.seats).toMatchObject({ youthConfirmed: 48, youthWaitlisted: 151 });
    const front = await t.request('GET', `/v1/events/${event.id}/registrations?status=waitlisted&limit=3`, { token: organiser.token });
    expect(front.body.items.map((r: any) => [r.id, r.waitlistPosition])).toEqual([
      [inOrder[0].id, 1],
      [inOrder[1].id, 2],
      [inOrder[51].id, 3],
    ]);
  }, 120_000);

  it('refuses twice the same youth (naming the registration), after the deadline, on a cancelled or unpublished event', async () => {
    const event = await publishedEvent();
    const y = await createYouth(t, advisor.token, { email: 'deux-fois@example.test' });
    const first = await register(event.id, advisor.token, { youthId: y.id });
    const twice = await register(event.id, advisor.token, { youthId: y.id });
    expect(twice.status).toBe(409);
    expect(twice.body.existingRegistrationId).toBe(first.body.id);

    const late = await publishedEvent({ startsAt: inHours(2), endsAt: inHours(3), registrationDeadline: inHours(1) });
    await t.deps.db.execute(sql`update events set registration_deadline = now() - interval '1 minute' where id = ${late.id}`);
    expect((await register(late.id, advisor.token, { youthId: y.id })).status).toBe(409);

    const cancelled = await publishedEvent();
    expect((await t.request('POST', `/v1/events/${cancelled.id}/cancel`, { token: organiser.token, json: { reason: 'Salle indisponible' } })).status).toBe(200);
    const refused = await register(cancelled.id, advisor.token, { youthId: y.id });
    expect(refused.status).toBe(404); // advisors see published events only

    const draft = await t.request('POST', '/v1/events', { token: organiser.token, json: eventInput() });
    expect((await register(draft.body.id, advisor.token, { youthId: y.id })).status).toBe(404);
    const otherAdvisor = await t.userWithToken('advisor');
    const notTheirs = await register(event.id, otherAdvisor.token, { youthId: y.id });
    expect(notTheirs.body.errors[0]).toMatchObject({ path: 'youthId', code: 'unknown_youth' });
    expect((await register(event.id, organiser.token, { youthId: y.id })).status).toBe(403);
  });

  it('employers book stands at forums only, with their own offers, in a capacity of their own', async () => {
    const forum = await publishedEvent({ standCapacity: 1 });
    const bakery = await t.userWithToken('employer');
    const grocer = await t.userWithToken('employer');
    const offer = await createOffer(t, bakery.token);
    const othersOffer = await createOffer(t, grocer.token);
    const foreign = await register(forum.id, bakery.token, { offerIds: [offer.id, othersOffer.id] });
    expect(foreign.body.errors).toEqual([expect.objectContaining({ path: 'offerIds.1', code: 'unknown_offer' })]);
    const stand = await register(forum.id, bakery.token, { offerIds: [offer.id] });
    expect(stand.body).toMatchObject({ kind: 'employer', status: 'confirmed', offerIds: [offer.id] });
    expect((await register(forum.id, grocer.token, {})).body).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    // The youth seats are untouched by stands.
    const seats = (await t.request('GET', `/v1/events/${forum.id}`, { token: organiser.token })).body.seats;
    expect(seats).toMatchObject({ standsConfirmed: 1, standsWaitlisted: 1, youthConfirmed: 0 });
    // An employer sees its own stand only.
    expect((await t.request('GET', `/v1/events/${forum.id}/registrations`, { token: grocer.token })).body.total).toBe(1);

    const workshop = await publishedEvent({ kind: 'workshop', standCapacity: null });
    expect((await register(workshop.id, bakery.token, {})).status).toBe(409);
  });

  it('keeps the seat of someone checked in: a cancellation on the day promotes only into seats still free', { timeout: 60_000 }, async () => {
    const today = await publishedEvent({ ...(await laterToday()), youthCapacity: 2 });
    const people = await Promise.all([1, 2, 3, 4].map((i) => createYouth(t, advisor.token, { email: `jour-${i}-${t.unique('j')}@example.test` })));
    const regs = [];
    for (const y of people) regs.push((await register(today.id, advisor.token, { youthId: y.id })).body);
    expect(regs.map((r) => r.status)).toEqual(['confirmed', 'confirmed', 'waitlisted', 'waitlisted']);
    expect((await t.request('POST', `/v1/events/${today.id}/registrations/${regs[0].id}/check-in`, { token: organiser.token })).body.status).toBe('attended');
    expect((await t.request('POST', `/v1/events/${today.id}/registrations/${regs[1].id}/cancel`, { token: advisor.token })).status).toBe(200);
    const statuses = (await t.request('GET', `/v1/events/${today.id}/registrations`, { token: organiser.token })).body.items.map((r: { status: string }) => r.status);
    expect(statuses).toEqual(['attended', 'cancelled', 'confirmed', 'waitlisted']);
    expect((await t.request('GET', `/v1/events/${today.id}`, { token: organiser.token })).body.seats).toMatchObject({ youthConfirmed: 2, youthWaitlisted: 1 });
    // A fifth registration waits too: the attended seat is not free.
    const late = await createYouth(t, advisor.token, { email: `jour-5-${t.unique('j')}@example.test` });
    expect((await register(today.id, advisor.token, { youthId: late.id })).body.status).toBe('waitlisted');
  });

  it('checks people in on the day, and the attendance sheet opens cleanly in a spreadsheet', { timeout: 60_000 }, async () => {
    const today = await publishedEvent(await laterToday());
    const tricky = await createYouth(t, advisor.token, { firstName: 'Zoé "Zozo"', lastName: 'Martin; Durand', email: 'zoe@example.test' });
    const plain = await createYouth(t, advisor.token, { firstName: 'Éloïse', lastName: 'Faure', email: 'eloise@example.test' });
    const a = await register(today.id, advisor.token, { youthId: tricky.id });
    const b = await register(today.id, advisor.token, { youthId: plain.id });
    const checked = await t.request('POST', `/v1/events/${today.id}/registrations/${a.body.id}/check-in`, { token: organiser.token });
    expect(checked.body.status).toBe('attended');
    expect((await t.request('POST', `/v1/events/${today.id}/registrations/${a.body.id}/check-in`, { token: organiser.token })).status).toBe(409);
    expect((await t.request('POST', `/v1/events/${today.id}/registrations/${b.body.id}/check-in`, { token: advisor.token })).status).toBe(403);
    await t.request('POST', `/v1/events/${today.id}/registrations/${b.body.id}/no-show`, { token: organiser.token });

    const later = await publishedEvent();
    const c = await register(later.id, advisor.token, { youthId: plain.id });
    expect((await t.request('POST', `/v1/events/${later.id}/registrations/${c.body.id}/check-in`, { token: organiser.token })).status).toBe(409);

    const csv = await t.app.request(`/v1/events/${today.id}/registrations.csv`, { headers: { authorization: `Bearer ${organiser.token}` } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(bytes.toString('utf8'), { bom: true, delimiter: ';', columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.Nom, r.Statut])).toEqual(
      expect.arrayContaining([
        ['Zoé "Zozo" Martin; Durand', 'Présent·e'],
        ['Éloïse Faure', 'Absent·e'],
      ]),
    );
    expect(rows[0]).toHaveProperty('Signature');
    expect((await t.request('GET', `/v1/events/${today.id}/registrations.csv`, { token: advisor.token })).status).toBe(403);

    const stats = await t.request('GET', `/v1/events/${today.id}/statistics`, { token: organiser.token });
    expect(stats.body.byStatus).toEqual({ attended: 1, no_show: 1 });
    expect(stats.body.byStructure).toEqual([{ structureId: structure.id, structureName: structure.name, registered: 2, attended: 1, noShows: 1 }]);

    const history = await t.deps.db.execute<{ action: string; from_state: string; to_state: string }>(
      sql`select action, from_state, to_state from state_transitions where resource_id = ${a.body.id}`,
    );
    expect(history).toEqual([{ action: 'check_in', from_state: 'confirmed', to_state: 'attended' }]);
  });
});
