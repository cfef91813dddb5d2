import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { useTestContext } from '../../helpers/context.js';
import { eventually } from '../../helpers/eventually.js';
import { addDays, inDays } from '../../helpers/factories.js';
import { addCalendarDays, franceInstant } from '../../../src/core/calendar.js';
import { forceStatus, immersionWorld, pdfText, weekdays } from './helpers.js';

const t = await useTestContext({ smtp: true, worker: true });
const w = await immersionWorld(t);
const smtp = t.smtp!;

const get = async (id: string) => (await t.request('GET', `/v1/immersions/${id}`, { token: w.advisor.token })).body;
const form = (body: string) => ({ body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
const scheduled = (id: string) =>
  t.deps.db.execute<{ key: string; type: string; run_at: Date; cancelled: boolean }>(
    sql`select key, type, run_at, cancelled_at is not null as cancelled from outbox_events where key like ${`immersion:${id}:%`} order by run_at, key`,
  );

/** A validated agreement over these dates (its signatures are the subject of signatures.test.ts). */
async function validated(startDate: string, endDate: string) {
  const youth = await w.newYouth();
  const tutor = { name: 'Samia Benali', role: 'Gérante', email: `${t.unique('tutrice')}@epicerie.example`, phone: '06 12 34 56 78' };
  const a = await w.create({ startDate, endDate, schedule: weekdays(startDate, endDate), tutor }, youth.id);
  await forceStatus(t, a.id, 'signed');
  const res = await t.request('POST', `/v1/immersions/${a.id}/validate`, { token: w.advisor.token });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return a;
}

describe('French dates for dated jobs', () => {
  it('midnight and 14:00 in Paris, winter and summer', () => {
    expect(franceInstant('2027-01-15').toISOString()).toBe('2027-01-14T23:00:00.000Z');
    expect(franceInstant('2027-07-01', '14:00').toISOString()).toBe('2027-07-01T12:00:00.000Z');
    expect(franceInstant('2027-03-28', '09:00').toISOString()).toBe('2027-03-28T07:00:00.000Z'); // the night summer time begins
    expect(addCalendarDays('2027-02-27', 2)).toBe('2027-03-01');
  });
});

describe('the dates move a validated agreement', () => {
  it('validating schedules the start, the end, the assessment link and two reminders; cancelling drops them all', async () => {
    const start = inDays(10);
    const end = addDays(start, 4);
    const a = await validated(start, end);
    const rows = await scheduled(a.id);
    expect(rows.map((r) => [r.key.split(':')[2], r.type, new Date(r.run_at).toISOString(), r.cancelled])).toEqual([
      ['start', 'immersion-roll', franceInstant(start).toISOString(), false],
      ['assessment', 'immersion-assessment-link', franceInstant(end, '14:00').toISOString(), false],
      ['end', 'immersion-roll', franceInstant(addDays(end, 1)).toISOString(), false],
      ['assessment-reminder-3', 'immersion-assessment-link', franceInstant(addDays(end, 3), '09:00').toISOString(), false],
      ['assessment-reminder-10', 'immersion-assessment-link', franceInstant(addDays(end, 10), '09:00').toISOString(), false],
    ]);
    expect((await get(a.id)).status).toBe('validated');

    const cancelled = await t.request('POST', `/v1/immersions/${a.id}/cancel`, { token: w.advisor.token, json: { reason: 'Entrée en formation.' } });
    expect(cancelled.body.status).toBe('cancelled');
    expect((await scheduled(a.id)).map((r) => r.cancelled)).toEqual([true, true, true, true, true]);
  });

  it('on its first day it is in progress, not ended', async () => {
    const a = await validated(inDays(0), inDays(3));
    await eventually(async () => expect((await get(a.id)).status).toBe('in_progress'));
    const history = await t.request('GET', `/v1/immersions/${a.id}/history`, { token: w.advisor.token });
    expect(history.body.items.at(-1)).toMatchObject({ action: 'start', from: 'validated', to: 'in_progress', by: { role: 'system', userId: null } });
  });

  it('after its last day it has ended; the tutor assesses it from the e-mail link, which stops the reminders', async () => {
    const a = await validated(inDays(-6), inDays(-1));
    await eventually(async () => expect((await get(a.id)).status).toBe('ended'));
    const mail = await smtp.waitFor(a.tutor.email, (m) => m.subject === 'bilan de l’immersion de Éloïse Martin');
    const link = /http:\/\/passerelle\.test(\/assess\/[A-Za-z0-9_-]+)/.exec(mail.text)![1]!;

    const page = await t.request('GET', link);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<html lang="fr">');
    for (const text of ['Bilan de l’immersion de Éloïse Martin', 'Immersion effectuée en entier', 'Accueil client', 'Ponctualité', 'Envoyer le bilan'])
      expect(page.body).toContain(text);

    const incomplete = await t.request('POST', link, form('wouldHire=yes'));
    expect(incomplete.status).toBe(422);
    expect(incomplete.body).toContain('Indiquez la présence');
    // The error is tied to its group, and what was entered is shown again.
    expect(incomplete.body).toMatch(/<fieldset class="field choices field-error" id="champ-attendance" aria-describedby="champ-attendance-erreur">/);
    expect(incomplete.body).toContain('<input type="radio" id="champ-wouldHire-0" name="wouldHire" value="yes" checked required>');
    const nul = await t.request('POST', link, form('attendance=completed&wouldHire=no&comments=a%00b'));
    expect(nul.status).toBe(422);
    expect(nul.body).toContain('Le commentaire contient un caractère de contrôle');
    // A skill holding a zero-width space is refused as in the JSON API, next to its field.
    const invisible = await t.request('POST', link, form('attendance=completed&wouldHire=no&otherSkills=Rig%E2%80%8Bueur'));
    expect(invisible.status).toBe(422);
    expect(invisible.body).toContain('sans caractère de contrôle ni invisible');
    expect(invisible.body).toMatch(/id="champ-skills"[^>]*aria-describedby="champ-skills-erreur"/);
    expect((await get(a.id)).status).toBe('ended');

    const sent = await t.request(
      'POST',
      link,
      form('attendance=completed&skills=Accueil+client&otherSkills=Rigueur%0D%0AEncaissement&wouldHire=yes&comments=Tr%C3%A8s+motiv%C3%A9e.'),
    );
    expect(sent.status).toBe(200);
    expect(sent.body).toContain('votre bilan est enregistré');
    const after = await get(a.id);
    expect(after.status).toBe('assessed');
    expect(after.assessment).toMatchObject({
      attendance: 'completed',
      skillsObserved: ['Accueil client', 'Rigueur', 'Encaissement'],
      wouldHire: true,
      comments: 'Très motivée.',
    });
    expect((await t.request('POST', link, form('attendance=partial&wouldHire=no'))).status).toBe(410);
    const unknown = await t.request('GET', `${link.slice(0, -4)}abcd`);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toContain('Ce lien n’existe pas');
    const reminders = (await scheduled(a.id)).filter((r) => r.key.includes('reminder'));
    expect(reminders.map((r) => r.cancelled)).toEqual([true, true]);
    const history = await t.request('GET', `/v1/immersions/${a.id}/history`, { token: w.advisor.token });
    expect(history.body.items.map((h: { action: string }) => h.action)).toEqual(['validate', 'start', 'end', 'assess']);
    const res = await t.app.request(`/v1/immersions/${a.id}/agreement.pdf`, { headers: { authorization: `Bearer ${w.advisor.token}` } });
    const text = await pdfText(Buffer.from(await res.arrayBuffer()));
    for (const expected of ['Statut : terminée, bilan reçu', 'Présence : Immersion effectuée en entier', 'Compétences observées : Accueil client, Rigueur, Encaissement', 'Prêt·e à recruter : oui', 'Commentaires : Très motivée.'])
      expect(text, text).toContain(expected);
    // Assessed: it can no longer be cancelled.
    const cancel = await t.request('POST', `/v1/immersions/${a.id}/cancel`, { token: w.advisor.token, json: { reason: 'Trop tard.' } });
    expect(cancel.status).toBe(409);
    expect(cancel.body).toMatchObject({ code: 'invalid_state', currentState: 'assessed' });
  });

  it('once its last day is over it can no longer be cancelled, even before its end job has run', async () => {
    const youth = await w.newYouth();
    const a = await w.create({ startDate: inDays(-5), endDate: inDays(-1), schedule: weekdays(inDays(-5), inDays(-1)) }, youth.id);
    await forceStatus(t, a.id, 'in_progress'); // validated earlier; its end job has not run yet
    const cancel = await t.request('POST', `/v1/immersions/${a.id}/cancel`, { token: w.employer.token, json: { reason: 'Trop tard.' } });
    expect(cancel.status).toBe(409);
    expect(cancel.body).toMatchObject({ code: 'invalid_state', currentState: 'ended' });
    expect((await get(a.id)).status).toBe('ended');
    const history = await t.request('GET', `/v1/immersions/${a.id}/history`, { token: w.advisor.token });
    expect(history.body.items.at(-1)).toMatchObject({ action: 'end', from: 'in_progress', to: 'ended', by: { role: 'system' } });
  });

  it('three days after the end without an assessment, the tutor gets a reminder', async () => {
    const a = await validated(inDays(-8), inDays(-4));
    const reminder = await smtp.waitFor(a.tutor.email, (m) => m.subject === 'Rappel : bilan de l’immersion de Éloïse Martin');
    expect(reminder.text).toContain('Vous n’avez pas encore donné votre bilan');
    expect((await get(a.id)).status).toBe('ended');
  });
});
