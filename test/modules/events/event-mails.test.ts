import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { useTestContext } from '../../helpers/context.js';
import { eventually } from '../../helpers/eventually.js';
import { createYouth } from '../../helpers/factories.js';
import type { ReceivedMail } from '../../helpers/smtp-sink.js';

const t = await useTestContext({ smtp: true, worker: true });
const structure = await t.structure();
const organiser = await t.userWithToken('organiser', { structureId: structure.id });
const advisor = await t.userWithToken('advisor', { structureId: structure.id });

/** Next month's 12th at 09:30 in Paris (+01:00 in winter, +02:00 in summer: the offset is the test's point). */
function parisMorning(hour: number, minute: number) {
  const d = new Date();
  d.setUTCMonth(d.getUTCMonth() + 1, 12);
  const day = d.toISOString().slice(0, 10);
  const offset = new Intl.DateTimeFormat('en', { timeZone: 'Europe/Paris', timeZoneName: 'longOffset' }).formatToParts(new Date(`${day}T12:00:00Z`)).find((p) => p.type === 'timeZoneName')!.value.replace('GMT', '');
  return `${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00${offset}`;
}

async function publishedWorkshop(overrides: Record<string, unknown> = {}) {
  const res = await t.request('POST', '/v1/events', {
    token: organiser.token,
    json: {
      kind: 'workshop',
      title: 'Atelier CV et lettre de motivation',
      description: 'Deux heures pour refaire son CV.',
      startsAt: parisMorning(9, 30),
      endsAt: parisMorning(11, 30),
      registrationDeadline: parisMorning(8, 0),
      place: { address: '12 rue de la République', communeInsee: '42218', postcode: '42000' },
      youthCapacity: 1,
      ...overrides,
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  expect((await t.request('POST', `/v1/events/${res.body.id}/publish`, { token: organiser.token })).status).toBe(200);
  return res.body as { id: string };
}

/** The calendar invitation of an e-mail, parsed by a real iCalendar parser. */
function invitation(mail: ReceivedMail) {
  const part = mail.parsed.attachments.find((a) => a.contentType.startsWith('text/calendar'));
  expect(part, `no calendar in "${mail.subject}"`).toBeDefined();
  const calendar = new ICAL.Component(ICAL.parse(part!.content.toString('utf8')));
  const vevent = calendar.getFirstSubcomponent('vevent')!;
  const event = new ICAL.Event(vevent);
  const paris = (time: ICAL.Time) => new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' }).format(time.toJSDate());
  return {
    method: calendar.getFirstPropertyValue('method'),
    uid: event.uid,
    sequence: event.sequence,
    start: event.startDate.toJSDate().toISOString(),
    parisStart: paris(event.startDate),
    parisEnd: paris(event.endDate),
    location: event.location,
  };
}

const register = async (eventId: string, email: string) => {
  const youth = await createYouth(t, advisor.token, { email });
  const res = await t.request('POST', `/v1/events/${eventId}/registrations`, { token: advisor.token, json: { youthId: youth.id } });
  expect(res.status).toBe(201);
  return res.body as { id: string; status: string };
};

describe('event e-mails', () => {
  it('confirms with an invitation at the right Paris time, keeps the waitlist informed, promotes and updates the same calendar entry', async () => {
    const event = await publishedWorkshop();
    const first = await register(event.id, 'premiere@example.test');
    const second = await register(event.id, 'seconde@example.test');
    expect([first.status, second.status]).toEqual(['confirmed', 'waitlisted']);

    const confirmation = await t.smtp!.waitFor('premiere@example.test');
    expect(confirmation.subject).toBe('Inscription confirmée : Atelier CV et lettre de motivation');
    expect(confirmation.text).toContain('12 rue de la République, 42000 Saint-Étienne');
    const ics = invitation(confirmation);
    expect(ics).toMatchObject({ method: 'REQUEST', uid: `registration-${first.id}@passerelle`, sequence: 0, parisStart: '09:30', parisEnd: '11:30' });
    expect(ics.start).toBe(new Date(parisMorning(9, 30)).toISOString());
    const waitlisted = await t.smtp!.waitFor('seconde@example.test');
    expect(waitlisted.subject).toBe('Liste d’attente : Atelier CV et lettre de motivation');
    expect(waitlisted.text).toContain('rang 1');

    // The first cancels: the calendar entry is withdrawn, the second is promoted.
    await t.request('POST', `/v1/events/${event.id}/registrations/${first.id}/cancel`, { token: advisor.token });
    const withdrawn = await t.smtp!.waitFor('premiere@example.test', (m) => m.subject.startsWith('Inscription annulée'));
    expect(invitation(withdrawn)).toMatchObject({ method: 'CANCEL', uid: `registration-${first.id}@passerelle` });
    const promoted = await t.smtp!.waitFor('seconde@example.test', (m) => m.subject.startsWith('Une place s’est libérée'));
    expect(invitation(promoted)).toMatchObject({ method: 'REQUEST', uid: `registration-${second.id}@passerelle`, parisStart: '09:30' });

    // The event moves by an hour: the same calendar entry, a higher SEQUENCE, the reminder moved.
    const moved = await t.request('PATCH', `/v1/events/${event.id}`, { token: organiser.token, json: { startsAt: parisMorning(10, 30), endsAt: parisMorning(12, 30) } });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const update = await t.smtp!.waitFor('seconde@example.test', (m) => m.subject.startsWith('Changement'));
    expect(invitation(update)).toMatchObject({ method: 'REQUEST', uid: `registration-${second.id}@passerelle`, sequence: 1, parisStart: '10:30', parisEnd: '12:30' });
    const reminders = await t.deps.sql<{ run_at: string; cancelled: boolean }[]>`
      select run_at::text, cancelled_at is not null as cancelled from outbox_events where key = ${`event-reminder:${second.id}`} order by id`;
    expect(reminders.map((r) => r.cancelled)).toEqual([true, false]);
    expect(new Date(reminders[1]!.run_at).getTime()).toBe(new Date(parisMorning(10, 30)).getTime() - 24 * 3600_000);
  });

  it('tells everyone registered when the event is cancelled, and drops their reminders', async () => {
    const event = await publishedWorkshop({ youthCapacity: 1 });
    const a = await register(event.id, 'annule-a@example.test');
    const b = await register(event.id, 'annule-b@example.test');
    await t.request('POST', `/v1/events/${event.id}/cancel`, { token: organiser.token, json: { reason: 'Intervenant malade' } });
    const toA = await t.smtp!.waitFor('annule-a@example.test', (m) => m.subject.startsWith('Événement annulé'));
    await t.smtp!.waitFor('annule-b@example.test', (m) => m.subject.startsWith('Événement annulé'));
    expect(invitation(toA)).toMatchObject({ method: 'CANCEL', uid: `registration-${a.id}@passerelle` });
    const pending = await t.deps.sql`
      select 1 from outbox_events where key in ${t.deps.sql([`event-reminder:${a.id}`, `event-reminder:${b.id}`])} and cancelled_at is null`;
    expect(pending).toHaveLength(0);
  });

  it('sends the reminder the day before, and never for a registration cancelled meanwhile', async () => {
    const soon = (ms: number) => new Date(Date.now() + 24 * 3600_000 + ms).toISOString();
    const event = await publishedWorkshop({ startsAt: soon(4000), endsAt: soon(3_600_000), registrationDeadline: soon(0), youthCapacity: 5 });
    const kept = await register(event.id, 'rappel@example.test');
    const dropped = await register(event.id, 'plus-de-rappel@example.test');
    await t.request('POST', `/v1/events/${event.id}/registrations/${dropped.id}/cancel`, { token: advisor.token });
    const reminder = await t.smtp!.waitFor('rappel@example.test', (m) => m.subject.startsWith('C’est demain'), 20_000);
    expect(reminder.text).toContain('Rappel : « Atelier CV et lettre de motivation »');
    await t.smtp!.waitFor('plus-de-rappel@example.test', (m) => m.subject.startsWith('Inscription annulée'));
    // Cancelled in the transaction of the cancellation; had it already reached the queue, the
    // job has run to completion without sending anything.
    await eventually(async () => {
      const [row] = await t.deps.sql`select id, dispatched_at, cancelled_at from outbox_events where key = ${`event-reminder:${dropped.id}`}`;
      expect(row!.cancelled_at).not.toBeNull();
      if (row!.dispatched_at) expect(await (await t.worker!.queues.mail.getJob(`outbox-${row!.id}`))?.getState()).toBe('completed');
    });
    expect(t.smtp!.to('plus-de-rappel@example.test').filter((m) => m.subject.startsWith('C’est demain'))).toHaveLength(0);
    expect(kept.status).toBe('confirmed');
  });

  it('puts a cancel link in every e-mail of a registration that holds a seat or waits; following it frees the seat for the head of the waitlist', async () => {
    const event = await publishedWorkshop({ youthCapacity: 1 });
    const seated = await register(event.id, 'lien-place@example.test');
    const waiting = await register(event.id, 'lien-attente@example.test');
    const cancelLink = (mail: ReceivedMail) => mail.text.match(/http:\/\/passerelle\.test(\/inscription\/annuler)\?token=([A-Za-z0-9_-]+)/);
    const confirmation = await t.smtp!.waitFor('lien-place@example.test', (m) => m.subject.startsWith('Inscription confirmée'));
    const waitlisted = await t.smtp!.waitFor('lien-attente@example.test', (m) => m.subject.startsWith('Liste d’attente'));
    expect(cancelLink(waitlisted)).not.toBeNull();
    expect(waitlisted.html).toContain('href="http://passerelle.test/inscription/annuler?token=');
    const [, path, token] = cancelLink(confirmation)!;
    const form = { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' };
    const cancelled = await t.request('POST', path!, { body: `token=${token}`, headers: form });
    expect(cancelled.status).toBe(200);
    const list = await t.request('GET', `/v1/events/${event.id}/registrations`, { token: organiser.token });
    expect(Object.fromEntries(list.body.items.map((r: any) => [r.id, r.status]))).toEqual({ [seated.id]: 'cancelled', [waiting.id]: 'confirmed' });
    const promoted = await t.smtp!.waitFor('lien-attente@example.test', (m) => m.subject.startsWith('Une place s’est libérée'));
    expect(cancelLink(promoted)).not.toBeNull();
    // The cancellation e-mail itself has nothing left to cancel.
    const told = await t.smtp!.waitFor('lien-place@example.test', (m) => m.subject.startsWith('Inscription annulée'));
    expect(cancelLink(told)).toBeNull();
    expect((await t.request('POST', path!, { body: `token=${token}`, headers: form })).status).toBe(410);
  });
});
