import { describe, expect, it } from 'vitest';
import { useTestContext } from '../../helpers/context.js';
import { inDays } from '../../helpers/factories.js';
import { immersionWorld, pdfText } from './helpers.js';

const t = await useTestContext({ smtp: true, worker: true });
const w = await immersionWorld(t);
const smtp = t.smtp!;

async function pdf(id: string, token = w.advisor.token) {
  const res = await t.app.request(`/v1/immersions/${id}/agreement.pdf`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
}

describe('the agreement document', () => {
  it('shows the parties, the dates, the schedule with its total, the objective, the tutor and each signature with its time', async () => {
    const youth = await w.newYouth();
    const mark = smtp.received.length;
    const start = inDays(10);
    const a = await w.create(
      {
        startDate: start,
        schedule: [
          { date: start, ranges: [{ from: '09:00', to: '12:00' }, { from: '13:30', to: '17:00' }] },
          { date: inDays(11), ranges: [{ from: '08:00', to: '12:15' }] },
        ],
      },
      youth.id,
    );
    const draft = await pdf(a.id);
    expect(draft.status).toBe(200);
    expect(draft.type).toBe('application/pdf');
    expect(draft.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(await pdfText(draft.bytes)).toContain('pas encore signé');

    await t.request('POST', `/v1/immersions/${a.id}/send-for-signature`, { token: w.advisor.token });
    for (const email of [youth.email, 'paul.girard@epicerie.example']) {
      const mail = await smtp.waitFor(email, (m) => /à signer/.test(m.subject) && smtp.received.indexOf(m) >= mark);
      const path = /http:\/\/passerelle\.test(\/sign\/\S+)/.exec(mail.text)![1]!;
      const res = await t.request('POST', path, { body: 'accept=yes', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect(res.status).toBe(200);
    }
    await t.request('POST', `/v1/immersions/${a.id}/validate`, { token: w.advisor.token });

    const text = await pdfText((await pdf(a.id, w.employer.token)).bytes);
    for (const expected of [
      'Convention de période de mise en situation en milieu professionnel (PMSMP)',
      'Statut : validée par la Mission Locale',
      'Bénéficiaire : Éloïse Martin',
      `Structure d’accompagnement (prescripteur) : ${w.structure.name}`,
      `Entreprise d’accueil : ${a.employer.name}`,
      'Représentant·e de l’entreprise : Paul Girard (Directeur)',
      'Tuteur ou tutrice : Samia Benali (Gérante), samia.benali@epicerie.example, +33612345678',
      '09:00-12:00, 13:30-17:00 (6,50 h)',
      '08:00-12:15 (4,25 h)',
      'Total : 10,75 h sur 2 jours.',
      'Objectif : Découvrir un métier ou un secteur d’activité',
      'Activités : Mise en rayon, accueil des clients.',
      'Compétences à observer : Accueil client, Ponctualité',
      'Validation par la Mission Locale',
    ])
      expect(text, text).toContain(expected);
    expect(text).toMatch(/Le ou la bénéficiaire : signé le \d{1,2} \S+ \d{4} (à )?\d{2}:\d{2} \(heure de Paris\)/);
    expect(text).toMatch(/Le représentant ou la représentante de l’entreprise : signé le \d{1,2} \S+ \d{4}/);
    expect(text).not.toContain('pas encore signé');
  });

  it('only for those who may read the agreement', async () => {
    const youth = await w.newYouth();
    const a = await w.create({}, youth.id);
    expect((await pdf(a.id, (await t.userWithToken('employer')).token)).status).toBe(404);
    expect((await pdf(a.id, (await t.userWithToken('advisor')).token)).status).toBe(404);
    expect((await pdf(a.id, (await t.userWithToken('organiser', { structureId: w.structure.id })).token)).status).toBe(403);
  });
});
