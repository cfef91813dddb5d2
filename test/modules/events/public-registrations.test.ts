import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestContext } from '../../helpers/context.js';
import { createYouth } from '../../helpers/factories.js';
import { eventually } from '../../helpers/eventually.js';
import type { ReceivedMail } from '../../helpers/smtp-sink.js';

/**
 * Registration of the public with double opt-in: the request, the e-mailed links (confirm,
 * cancel), the hold that lapses, the rate limits, and an answer that never tells whether an
 * address was already registered. Client addresses come from X-Forwarded-For (TRUST_PROXY),
 * so that each test has its own.
 */
const t = await useTestContext({ smtp: true, worker: true, env: { TRUST_PROXY: 'true', PUBLIC_REGISTRATIONS_PER_IP_PER_HOUR: '6' } });
const structure = await t.structure();
const organiser = await t.userWithToken('organiser', { structureId: structure.id });

const inHours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();
let ipSeq = 0;
const newIp = () => `203.0.113.${++ipSeq}`;

async function publicEvent(overrides: Record<string, unknown> = {}, publish = true) {
  const created = await t.request('POST', '/v1/events', {
    token: organiser.token,
    json: {
      kind: 'info_session',
      title: 'Réunion d’information : la Garantie jeunes',
      description: 'Une heure pour tout savoir.\n\nOuvert à tous.',
      startsAt: inHours(72),
      endsAt: inHours(73),
      registrationDeadline: inHours(48),
      place: { address: '3 place Jean Jaurès', communeInsee: '42218' },
      youthCapacity: 1,
      isPublic: true,
      ...overrides,
    },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  if (publish) expect((await t.request('POST', `/v1/events/${created.body.id}/publish`, { token: organiser.token })).status).toBe(200);
  return created.body as { id: string };
}

const ask = (eventId: string, json: unknown, ip = newIp()) =>
  t.request('POST', `/v1/public/events/${eventId}/registrations`, { json, headers: { 'x-forwarded-for': ip } });

const postForm = (path: string, fields: Record<string, string>, headers: Record<string, string> = { origin: 'http://localhost', 'x-forwarded-for': newIp() }) =>
  t.request('POST', path, { body: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } });

/** The path (and token) of the link of a kind in an e-mail. */
function linkIn(mail: ReceivedMail, path: '/inscription/confirmer' | '/inscription/annuler') {
  const match = mail.text.match(new RegExp(`http://passerelle\\.test(${path}\\?token=([A-Za-z0-9_-]+))`));
  if (!match) throw new Error(`no ${path} link in: ${mail.text}`);
  return { path: match[1]!, token: match[2]! };
}

const registrations = async (eventId: string) =>
  (await t.request('GET', `/v1/events/${eventId}/registrations?kind=public`, { token: organiser.token })).body.items as { id: string; status: string; name: string; waitlistPosition: number | null }[];

async function confirmFromMail(email: string) {
  const mail = await t.smtp!.waitFor(email, (m) => m.subject.startsWith('Confirmez votre inscription'));
  const { path, token } = linkIn(mail, '/inscription/confirmer');
  return { confirm: () => postForm('/inscription/confirmer', { token }), path, token };
}

describe('public registration', () => {
  it('holds nothing until the e-mailed link is followed; the page asks before confirming; the seat is then taken', async () => {
    const event = await publicEvent();
    const email = `${t.unique('camille')}@example.test`;
    const res = await ask(event.id, { fullName: 'Camille Martin', email, phone: '06 12 34 56 78' });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body).toMatchObject({ status: 'pending_confirmation', holdHours: 24 });
    expect(await registrations(event.id)).toMatchObject([{ status: 'pending_confirmation', name: 'Camille Martin' }]);
    expect((await t.request('GET', `/v1/events/${event.id}`, { token: organiser.token })).body.seats.youthConfirmed).toBe(0);

    const { confirm, path } = await confirmFromMail(email);
    // Opening the link (as a mail scanner would) changes nothing: the page shows a button.
    const page = await t.request('GET', path);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Confirmer mon inscription');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect((await registrations(event.id))[0]!.status).toBe('pending_confirmation');

    const done = await confirm();
    expect(done.status).toBe(200);
    expect(done.body).toContain('Inscription confirmée');
    expect((await registrations(event.id))[0]!.status).toBe('confirmed');
    const confirmation = await t.smtp!.waitFor(email, (m) => m.subject.startsWith('Inscription confirmée'));
    expect(confirmation.parsed.attachments.some((a) => a.contentType.startsWith('text/calendar'))).toBe(true);
    linkIn(confirmation, '/inscription/annuler');

    // The link served once: used, it is 410 and confirms nothing more.
    const again = await confirm();
    expect(again.status).toBe(410);
    expect(again.body).toContain('déjà servi');
    const tampered = await postForm('/inscription/confirmer', { token: 'x'.repeat(43) });
    expect(tampered.status).toBe(404);
  });

  it('never says whether an address is registered: same answer, one e-mail saying so, one registration', async () => {
    const event = await publicEvent({ youthCapacity: 5 });
    const email = `${t.unique('deja')}@example.test`;
    const first = await ask(event.id, { fullName: 'Léa Petit', email });
    const { confirm } = await confirmFromMail(email);
    expect((await confirm()).status).toBe(200);

    const second = await ask(event.id, { fullName: 'Léa Petit', email: email.toUpperCase() });
    expect(second.status).toBe(first.status);
    expect(second.body).toEqual(first.body);
    const told = await t.smtp!.waitFor(email, (m) => m.subject.startsWith('Vous êtes déjà inscrit·e'));
    expect(told.text).toContain('place confirmée');
    linkIn(told, '/inscription/annuler');
    expect(await registrations(event.id)).toHaveLength(1);
    // No second confirmation link was sent.
    expect(t.smtp!.to(email).filter((m) => m.subject.startsWith('Confirmez'))).toHaveLength(1);
  });

  it('treats the address of a youth their advisor registered as registered: same answer, an e-mail saying so, no second seat', async () => {
    const event = await publicEvent({ youthCapacity: 5 });
    const advisor = await t.userWithToken('advisor', { structureId: structure.id });
    const email = `${t.unique('inscrit')}@example.test`;
    const youth = await createYouth(t, advisor.token, { email });
    const registered = await t.request('POST', `/v1/events/${event.id}/registrations`, { token: advisor.token, json: { youthId: youth.id } });
    expect(registered.body.status).toBe('confirmed');

    const other = await ask(event.id, { fullName: 'Noé Martin', email: `${t.unique('autre')}@example.test` });
    const same = await ask(event.id, { fullName: 'Prénom Nom', email: email.toUpperCase() });
    expect(same.status).toBe(other.status);
    expect(same.body).toEqual(other.body);
    const told = await t.smtp!.waitFor(email, (m) => m.subject.startsWith('Vous êtes déjà inscrit·e'));
    expect(told.text).toContain('place confirmée');
    expect(t.smtp!.to(email).filter((m) => m.subject.startsWith('Confirmez'))).toHaveLength(0);
    expect(await registrations(event.id)).toHaveLength(1); // the other address's request only
  });

  it('refuses an advisor registering a youth whose address already asked through the public page (409), writing nothing', async () => {
    const event = await publicEvent({ youthCapacity: 5 });
    const advisor = await t.userWithToken('advisor', { structureId: structure.id });
    const confirmedAddress = `${t.unique('public')}@example.test`;
    const pendingAddress = `${t.unique('attente')}@example.test`;
    await ask(event.id, { fullName: 'Inès Roux', email: confirmedAddress });
    expect((await (await confirmFromMail(confirmedAddress)).confirm()).status).toBe(200);
    await ask(event.id, { fullName: 'Yanis Roux', email: pendingAddress });
    for (const [email, status] of [[confirmedAddress.toUpperCase(), 'confirmed'], [pendingAddress, 'pending_confirmation']] as const) {
      const youth = await createYouth(t, advisor.token, { email });
      const refused = await t.request('POST', `/v1/events/${event.id}/registrations`, { token: advisor.token, json: { youthId: youth.id } });
      expect(refused.status).toBe(409);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(refused.body).toMatchObject({ code: 'conflict', currentState: status });
      expect(refused.body.detail).toContain('public page');
      expect(refused.body.existingRegistrationId).toBeUndefined();
    }
    const all = (await t.request('GET', `/v1/events/${event.id}/registrations`, { token: organiser.token })).body.items as { kind: string; status: string }[];
    expect(all.map((r) => `${r.kind}:${r.status}`).sort()).toEqual(['public:confirmed', 'public:pending_confirmation']);
  });

  it('withdraws a request whose address the advisor registered meanwhile: the link says so, no second seat', async () => {
    const event = await publicEvent({ youthCapacity: 5 });
    const advisor = await t.userWithToken('advisor', { structureId: structure.id });
    const email = `${t.unique('entre-temps')}@example.test`;
    await ask(event.id, { fullName: 'Sacha Blanc', email });
    const { confirm } = await confirmFromMail(email);
    // The youth had another address when the advisor registered them; it is theirs now.
    const youth = await createYouth(t, advisor.token, { email: `${t.unique('ancienne')}@example.test` });
    expect((await t.request('POST', `/v1/events/${event.id}/registrations`, { token: advisor.token, json: { youthId: youth.id } })).body.status).toBe('confirmed');
    expect((await t.request('PATCH', `/v1/youth/${youth.id}`, { token: advisor.token, json: { email } })).status).toBe(200);

    const page = await confirm();
    expect(page.status).toBe(200);
    expect(page.body as string).toContain('Vous êtes déjà inscrit·e');
    expect(page.body as string).toContain('votre place est réservée');
    const all = (await t.request('GET', `/v1/events/${event.id}/registrations`, { token: organiser.token })).body.items as { kind: string; status: string }[];
    expect(all.map((r) => `${r.kind}:${r.status}`).sort()).toEqual(['public:cancelled', 'youth:confirmed']);
  });

  it('confirms onto the waitlist when full; the cancel link frees the seat and promotes the head of the waitlist', async () => {
    const event = await publicEvent({ youthCapacity: 1 });
    const [a, b] = [`${t.unique('alix')}@example.test`, `${t.unique('bao')}@example.test`];
    await ask(event.id, { fullName: 'Alix Robert', email: a });
    await ask(event.id, { fullName: 'Bao Nguyen', email: b });
    const linkB = await confirmFromMail(b);
    const linkA = await confirmFromMail(a);
    expect((await linkB.confirm()).body).toContain('Inscription confirmée');
    const waiting = await linkA.confirm();
    expect(waiting.body).toContain('liste d’attente (rang 1)');
    // The queue is the order of confirmation, not of the requests.
    expect((await registrations(event.id)).map((r) => [r.name, r.status])).toEqual([
      ['Bao Nguyen', 'confirmed'],
      ['Alix Robert', 'waitlisted'],
    ]);

    const waitlistMail = await t.smtp!.waitFor(a, (m) => m.subject.startsWith('Liste d’attente'));
    linkIn(waitlistMail, '/inscription/annuler');
    const confirmed = await t.smtp!.waitFor(b, (m) => m.subject.startsWith('Inscription confirmée'));
    const cancel = linkIn(confirmed, '/inscription/annuler');
    const ask2 = await t.request('GET', cancel.path);
    expect(ask2.status).toBe(200);
    expect(ask2.body).toContain('Annuler mon inscription');
    expect((await registrations(event.id)).find((r) => r.name === 'Bao Nguyen')!.status).toBe('confirmed');

    const cancelled = await postForm('/inscription/annuler', { token: cancel.token });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toContain('Inscription annulée');
    expect((await registrations(event.id)).map((r) => [r.name, r.status])).toEqual([
      ['Bao Nguyen', 'cancelled'],
      ['Alix Robert', 'confirmed'],
    ]);
    await t.smtp!.waitFor(a, (m) => m.subject.startsWith('Une place s’est libérée'));
    expect((await postForm('/inscription/annuler', { token: cancel.token })).status).toBe(410);
  });

  it('takes no seat once registrations are closed: a link followed after the deadline, or once the event is private, answers 410', async () => {
    const event = await publicEvent({ youthCapacity: 5 });
    const [early, late] = [`${t.unique('avant')}@example.test`, `${t.unique('apres')}@example.test`];
    await ask(event.id, { fullName: 'Inès Avant', email: early });
    await ask(event.id, { fullName: 'Hugo Après', email: late });
    const [first, second] = [await confirmFromMail(early), await confirmFromMail(late)];
    // The organiser makes the event private: the pending request can no longer take a seat.
    expect((await t.request('PATCH', `/v1/events/${event.id}`, { token: organiser.token, json: { isPublic: false } })).status).toBe(200);
    const refused = await first.confirm();
    expect(refused.status).toBe(410);
    expect(refused.body).toContain('Les inscriptions à cet événement sont closes');
    // Public again, but its deadline has passed (set in the database: the API refuses a past deadline).
    expect((await t.request('PATCH', `/v1/events/${event.id}`, { token: organiser.token, json: { isPublic: true } })).status).toBe(200);
    await t.deps.db.execute(sql`update events set registration_deadline = now() - interval '1 minute' where id = ${event.id}`);
    expect((await second.confirm()).status).toBe(410);
    expect((await registrations(event.id)).map((r) => r.status)).toEqual(['pending_confirmation', 'pending_confirmation']);
  });

  it('keeps the meeting link of an online event for those confirmed: the page says it comes by e-mail', async () => {
    const event = await publicEvent({ place: null, onlineUrl: 'https://visio.example.test/salle-42' });
    const page = await t.request('GET', `/events/${event.id}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('En ligne (le lien est envoyé avec la confirmation)');
    expect(page.body).not.toContain('visio.example.test');
    const email = `${t.unique('enligne')}@example.test`;
    await ask(event.id, { fullName: 'Lou Distance', email });
    expect((await (await confirmFromMail(email)).confirm()).status).toBe(200);
    const confirmation = await t.smtp!.waitFor(email, (m) => m.subject.startsWith('Inscription confirmée'));
    expect(confirmation.text).toContain('https://visio.example.test/salle-42');
  });

  it('starts afresh when the hold of a request has ended but its lapse has not run yet: the old one lapses, the new link confirms', async () => {
    const event = await publicEvent({ youthCapacity: 3 });
    const email = `${t.unique('retour')}@example.test`;
    await ask(event.id, { fullName: 'Rémi Retour', email });
    await confirmFromMail(email);
    const [old] = await registrations(event.id);
    // The hold ended a minute ago; its lapse job (due in 24 h from now's point of view) has not run.
    await t.deps.db.execute(sql`update event_registrations set created_at = now() - interval '24 hours 1 minute' where id = ${old!.id}`);
    expect((await ask(event.id, { fullName: 'Rémi Retour', email })).status).toBe(202);
    const mails = async () => t.smtp!.to(email).filter((m) => m.subject.startsWith('Confirmez votre inscription'));
    await eventually(async () => expect((await mails()).length).toBe(2));
    const fresh = linkIn((await mails()).at(-1)!, '/inscription/confirmer');
    expect((await postForm('/inscription/confirmer', { token: fresh.token })).status).toBe(200);
    const after = await registrations(event.id);
    expect(after.map((r) => [r.id === old!.id, r.status])).toEqual([
      [true, 'cancelled'],
      [false, 'confirmed'],
    ]);
  });

  it('lets an unconfirmed hold lapse after the delay: its link then answers 410', async () => {
    const event = await publicEvent();
    const email = `${t.unique('tardif')}@example.test`;
    await ask(event.id, { fullName: 'Noé Tardif', email });
    const { confirm } = await confirmFromMail(email);
    const [id] = (await registrations(event.id)).map((r) => r.id);
    // The lapse is scheduled 24 h after the request; bring it forward rather than wait.
    const [job] = await t.deps.db.execute<{ run_at: Date; created: Date }>(
      sql`select run_at, (select created_at from event_registrations where id = ${id}) as created from outbox_events where key = ${`event-hold:${id}`}`,
    );
    expect(new Date(job!.run_at).getTime() - new Date(job!.created).getTime()).toBe(24 * 3600_000);
    await t.deps.db.execute(sql`update outbox_events set run_at = now() where key = ${`event-hold:${id}`}`);
    await eventually(async () => expect((await registrations(event.id))[0]!.status).toBe('cancelled'));
    // Never confirmed: the name, e-mail and phone are not kept.
    const [kept] = await t.deps.db.execute<{ full_name: string | null; email: string | null; phone: string | null }>(
      sql`select full_name, email, phone from event_registrations where id = ${id}`,
    );
    expect(kept).toEqual({ full_name: null, email: null, phone: null });
    const late = await confirm();
    expect(late.status).toBe(410);
    expect(late.body).toContain('annulée');
    expect((await t.request('GET', `/v1/events/${event.id}`, { token: organiser.token })).body.seats.youthConfirmed).toBe(0);
  });

  it('refuses events that are not open to the public (404), after the deadline (409), and bad fields (422 naming them), writing nothing', async () => {
    const draft = await publicEvent({}, false);
    const privateOne = await publicEvent({ isPublic: false });
    const cancelled = await publicEvent();
    await t.request('POST', `/v1/events/${cancelled.id}/cancel`, { token: organiser.token });
    const person = () => ({ fullName: 'Sam Roux', email: `${t.unique('sam')}@example.test` });
    for (const id of [draft.id, privateOne.id, cancelled.id, '00000000-0000-4000-8000-000000000000']) {
      const res = await ask(id, person());
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect((await t.request('GET', `/events/${id}`)).status).toBe(404);
    }
    const late = await publicEvent();
    await t.deps.db.execute(sql`update events set registration_deadline = now() - interval '1 minute' where id = ${late.id}`);
    expect(await ask(late.id, person())).toMatchObject({ status: 409, body: { code: 'conflict' } });

    const open = await publicEvent();
    const bad = await ask(open.id, { fullName: '', email: 'pas-une-adresse', phone: '12' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: any) => `${e.path}:${e.code}`).sort()).toEqual(['email:invalid_email', 'fullName:too_small', 'phone:invalid_phone']);
    const [count] = await t.deps.db.execute<{ n: number }>(sql`select count(*)::int as n from event_registrations where event_id in (${late.id}, ${open.id})`);
    expect(count!.n).toBe(0);
  });

  it('limits requests per e-mail and per client address (429 problem+json)', async () => {
    const event = await publicEvent({ youthCapacity: 50 });
    const email = `${t.unique('insistant')}@example.test`;
    for (let i = 0; i < 3; i++) expect((await ask(event.id, { fullName: 'Insistant', email })).status).toBe(202);
    const limited = await ask(event.id, { fullName: 'Insistant', email });
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ code: 'too_many_requests' });

    const ip = newIp();
    for (let i = 0; i < 6; i++) expect((await ask(event.id, { fullName: 'Robot', email: `${t.unique('robot')}@example.test` }, ip)).status).toBe(202);
    expect((await ask(event.id, { fullName: 'Robot', email: `${t.unique('robot')}@example.test` }, ip)).status).toBe(429);
    // Addresses of one IPv6 /64 (one subscriber) share one allowance.
    for (let i = 1; i <= 6; i++) expect((await ask(event.id, { fullName: 'Robot', email: `${t.unique('robot6')}@example.test` }, `2001:db8:77:1::${i}`)).status).toBe(202);
    expect((await ask(event.id, { fullName: 'Robot', email: `${t.unique('robot6')}@example.test` }, '2001:db8:77:1:ffff::9')).status).toBe(429);
    expect((await ask(event.id, { fullName: 'Robot', email: `${t.unique('robot6')}@example.test` }, '2001:db8:77:2::1')).status).toBe(202);
    // From the page's form, the refusal is a French page.
    const page = await postForm(`/v1/public/events/${event.id}/registrations`, { fullName: 'Robot', email: `${t.unique('robot')}@example.test` }, { origin: 'http://localhost', 'x-forwarded-for': ip });
    expect(page.status).toBe(429);
    expect(page.body).toContain('Trop de demandes d’inscription');
  });

  it('serves the form: a post redirects to the page that says the e-mail is sent; mistakes are shown next to their field in French', async () => {
    const event = await publicEvent();
    const page = await t.request('GET', `/events/${event.id}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<html lang="fr">');
    expect(page.body).toContain('1 place disponible');
    expect(page.body).toContain(`action="/v1/public/events/${event.id}/registrations"`);

    const email = `${t.unique('formulaire')}@example.test`;
    const sent = await postForm(`/v1/public/events/${event.id}/registrations`, { fullName: 'Yanis Form', email, phone: '' });
    expect(sent.status).toBe(303);
    expect(sent.headers.get('location')).toBe(`/events/${event.id}?demande=envoyee#inscription`);
    expect((await t.request('GET', sent.headers.get('location')!)).body).toContain('Un e-mail vient d’être envoyé');
    await t.smtp!.waitFor(email, (m) => m.subject.startsWith('Confirmez'));

    const wrong = await postForm(`/v1/public/events/${event.id}/registrations`, { fullName: 'Yanis Form', email: 'yanis@', phone: 'abc' });
    expect(wrong.status).toBe(422);
    expect(wrong.headers.get('content-type')).toContain('text/html');
    expect(wrong.body).toMatch(/id="champ-email-erreur">Saisissez une adresse e-mail valide/);
    expect(wrong.body).toMatch(/id="champ-phone-erreur">Saisissez un numéro/);
    expect(wrong.body).toContain('value="Yanis Form"');
    expect(wrong.body).not.toContain('id="champ-fullName-erreur"');

    // Another site's form cannot post on the visitor's behalf.
    const forged = await postForm(`/v1/public/events/${event.id}/registrations`, { fullName: 'X', email: 'x@example.test' }, { origin: 'https://ailleurs.example' });
    expect(forged.status).toBe(403);
    // Behind a proxy that ends TLS, the browser's Origin is the public address, not the request's.
    const email2 = `${t.unique('proxy')}@example.test`;
    const proxied = await postForm(`/v1/public/events/${event.id}/registrations`, { fullName: 'Via Proxy', email: email2 }, { origin: new URL(t.deps.config.PUBLIC_BASE_URL).origin, 'x-forwarded-for': newIp() });
    expect(proxied.status).toBe(303);
  });
});
