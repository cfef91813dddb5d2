import { describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { immersionLinks } from '../../../db/schema/index.js';
import { hashToken } from '../../../src/core/tokens.js';
import { useTestContext } from '../../helpers/context.js';
import { inDays, yearsAgo } from '../../helpers/factories.js';
import { immersionWorld, pdfText, weekdays } from './helpers.js';

const t = await useTestContext({ smtp: true, worker: true });
const w = await immersionWorld(t);
const smtp = t.smtp!;

/**
 * The path of the single-use link in the first e-mail to `email` after `after` whose subject
 * matches and, given `agreementId`, whose link belongs to that agreement: the employer's
 * representative is the same person in every test, and a link of an earlier test's agreement
 * may still be on its way.
 */
async function linkFor(email: string, subject: RegExp, after = 0, agreementId?: string) {
  const skipped = new Set<unknown>();
  for (;;) {
    const mail = await smtp.waitFor(email, (m) => subject.test(m.subject) && smtp.received.indexOf(m) >= after && !skipped.has(m));
    const url = /http:\/\/passerelle\.test(\/(?:sign|assess)\/([A-Za-z0-9_-]+))/.exec(mail.text);
    expect(url, mail.text).not.toBeNull();
    if (agreementId === undefined) return url![1]!;
    const [link] = await t.deps.db
      .select({ agreementId: immersionLinks.agreementId })
      .from(immersionLinks)
      .where(eq(immersionLinks.tokenHash, hashToken(url![2]!)));
    if (link?.agreementId === agreementId) return url![1]!;
    skipped.add(mail);
  }
}
const form = (body: string) => ({ body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
const sign = (path: string) => t.request('POST', path, form('accept=yes'));
const get = (id: string) => t.request('GET', `/v1/immersions/${id}`, { token: w.advisor.token });

async function sentForSignature(overrides: Record<string, unknown> = {}, youthOverrides: Record<string, unknown> = {}) {
  const youth = await w.newYouth(youthOverrides);
  const mark = smtp.received.length;
  const a = await w.create(overrides, youth.id);
  const res = await t.request('POST', `/v1/immersions/${a.id}/send-for-signature`, { token: w.advisor.token });
  expect(res.status).toBe(200);
  expect(res.body.status).toBe('ready_to_sign');
  return { a, youth, mark };
}

describe('signing from the e-mail links', () => {
  it('each signatory gets a French e-mail with a link; the page shows the whole agreement; signing records when and from where', async () => {
    const { a, youth, mark } = await sentForSignature();
    const youthMail = await smtp.waitFor(youth.email, (m) => /à signer/.test(m.subject));
    expect(youthMail.subject).toBe(`Convention d’immersion à signer : Éloïse Martin chez ${a.employer.name}`);
    expect(youthMail.text).toContain('en tant que le ou la bénéficiaire');
    const youthLink = await linkFor(youth.email, /à signer/, mark);
    const repLink = await linkFor('paul.girard@epicerie.example', /à signer/, mark, a.id);

    const page = await t.request('GET', youthLink);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.body).toContain('<html lang="fr">');
    expect(page.body).toContain('name="viewport"');
    expect(page.body).not.toMatch(/<script|https?:\/\/(?!passerelle)/);
    // Offline once loaded: the only resource is the site's own style sheet.
    expect([...page.body.matchAll(/<link [^>]*>/g)].map((m) => m[0])).toEqual(['<link rel="stylesheet" href="/assets/pages.css">']);
    for (const text of ['Éloïse Martin', a.employer.name, 'Samia Benali', 'Découvrir un métier', `${a.totalHours} h en tout`, 'Signer la convention'])
      expect(page.body).toContain(text);
    expect(page.body).toContain(
      '<input type="checkbox" id="champ-accept-0" name="accept" value="yes" required><label for="champ-accept-0">J’ai lu la convention et j’en accepte les termes.</label>',
    );

    const unchecked = await t.request('POST', youthLink, form(''));
    expect(unchecked.status).toBe(422);
    expect(unchecked.body).toContain('Cochez la case');
    expect((await get(a.id)).body.status).toBe('ready_to_sign');

    const signed = await t.request('POST', youthLink, { ...form('accept=yes'), headers: { ...form('').headers, 'user-agent': 'Test/1.0' } });
    expect(signed.status).toBe(200);
    expect(signed.body).toContain('votre signature est enregistrée');
    expect(signed.body).toMatch(/le ou la bénéficiaire : signé le \d{1,2} \S+ \d{4} (à )?\d{2}:\d{2} \(heure de Paris\)/);
    const after = (await get(a.id)).body;
    expect(after.status).toBe('partially_signed');
    const youthSignature = after.signatures.find((s: { party: string }) => s.party === 'youth');
    expect(youthSignature.signedAt).not.toBeNull();
    expect(youthSignature.signedFromIp).toBeTruthy();
    expect(after.signatures.find((s: { party: string }) => s.party === 'employer_representative').signedAt).toBeNull();

    // Used: 410 on both verbs, nothing signed twice.
    expect((await t.request('GET', youthLink)).status).toBe(410);
    const twice = await sign(youthLink);
    expect(twice.status).toBe(410);
    expect(twice.body).toContain('déjà servi');
    // Tampered: 404.
    expect((await t.request('GET', `${youthLink.slice(0, -3)}abc`)).status).toBe(404);
    expect((await sign('/sign/not-a-token')).status).toBe(404);

    // Validating before everyone has signed: 409.
    const early = await t.request('POST', `/v1/immersions/${a.id}/validate`, { token: w.advisor.token });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'invalid_state', currentState: 'partially_signed' });

    const mark2 = smtp.received.length;
    expect((await sign(repLink)).status).toBe(200);
    expect((await get(a.id)).body.status).toBe('signed');
    const allSigned = await smtp.waitFor(w.advisor.email, (m) => smtp.received.indexOf(m) >= mark2);
    expect(allSigned.subject).toBe('Convention signée par toutes les parties : Éloïse Martin');

    const history = await t.request('GET', `/v1/immersions/${a.id}/history`, { token: w.advisor.token });
    expect(history.body.items.map((h: any) => [h.action, h.to, h.by.role, h.reason])).toEqual([
      ['send_for_signature', 'ready_to_sign', 'advisor', null],
      ['sign', 'partially_signed', 'system', 'signed by youth'],
      ['complete_signatures', 'signed', 'system', 'signed by employer_representative'],
    ]);

    const validated = await t.request('POST', `/v1/immersions/${a.id}/validate`, { token: w.advisor.token });
    expect(validated.status).toBe(200);
    expect(validated.body.status).toBe('validated');
    for (const to of [youth.email, 'paul.girard@epicerie.example', 'samia.benali@epicerie.example'])
      expect((await smtp.waitFor(to, (m) => /^Immersion validée/.test(m.subject))).text).toContain('est validée par la Mission Locale');
  });

  it('editing after a signature clears them all and sends new links; the old ones are void', async () => {
    const { a, youth, mark } = await sentForSignature();
    const oldYouthLink = await linkFor(youth.email, /à signer/, mark);
    const oldRepLink = await linkFor('paul.girard@epicerie.example', /à signer/, mark, a.id);
    expect((await sign(oldYouthLink)).status).toBe(200);

    const mark2 = smtp.received.length;
    const edited = await t.request('PATCH', `/v1/immersions/${a.id}`, { token: w.advisor.token, json: { activities: 'Réception des livraisons.' } });
    expect(edited.status).toBe(200);
    expect(edited.body.status).toBe('ready_to_sign');
    expect(edited.body.signatures.map((s: { signedAt: string | null }) => s.signedAt)).toEqual([null, null]);

    const superseded = await t.request('GET', oldRepLink);
    expect(superseded.status).toBe(410);
    expect(superseded.body).toContain('remplacé');
    const newYouthLink = await linkFor(youth.email, /à signer/, mark2);
    expect(newYouthLink).not.toBe(oldYouthLink);
    const page = await t.request('GET', newYouthLink);
    expect(page.body).toContain('Réception des livraisons.');
  });

  it('a minor’s legal representative signs too', async () => {
    const { a, youth, mark } = await sentForSignature(
      {
        legalRepresentative: { name: 'Karima Martin', email: 'karima.martin@example.test', phone: '0611223344' },
      },
      { birthDate: yearsAgo(17) },
    );
    void a;
    for (const email of [youth.email, 'paul.girard@epicerie.example']) expect((await sign(await linkFor(email, /à signer/, mark, a.id))).status).toBe(200);
    expect((await get(a.id)).body.status).toBe('partially_signed');
    const legal = await smtp.waitFor('karima.martin@example.test', (m) => /à signer/.test(m.subject));
    expect(legal.text).toContain('le représentant légal ou la représentante légale');
    expect((await sign(await linkFor('karima.martin@example.test', /à signer/, mark))).status).toBe(200);
    expect((await get(a.id)).body.status).toBe('signed');
  });

  it('an expired link: 410, never a signature', async () => {
    const { a, youth, mark } = await sentForSignature();
    const link = await linkFor(youth.email, /à signer/, mark);
    await t.deps.db.update(immersionLinks).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(immersionLinks.agreementId, a.id));
    const res = await sign(link);
    expect(res.status).toBe(410);
    expect(res.body).toContain('expiré');
    expect((await get(a.id)).body.status).toBe('ready_to_sign');
  });

  it('re-sending a link: not within the cooldown; after it, a new link replaces the old', async () => {
    const { a, youth, mark } = await sentForSignature();
    const first = await linkFor(youth.email, /à signer/, mark);
    const path = `/v1/immersions/${a.id}/signatures/youth/resend`;
    const tooSoon = await t.request('POST', path, { token: w.advisor.token });
    expect(tooSoon.status).toBe(429);
    expect(tooSoon.body.retryAfterSeconds).toBeGreaterThan(0);
    expect((await t.request('POST', path, { token: w.employer.token })).status).toBe(403);

    // An hour later (the links asked for so far are an hour old).
    await t.deps.db.execute(sql`update outbox_events set created_at = now() - interval '1 hour' where type = 'immersion-signature-link' and payload->>'agreementId' = ${a.id}`);
    const mark2 = smtp.received.length;
    const again = await t.request('POST', path, { token: w.advisor.token });
    expect(again.status).toBe(202);
    // Asked for a moment ago, sent or not yet: the cooldown runs from the request.
    expect((await t.request('POST', path, { token: w.advisor.token })).status).toBe(429);
    const second = await linkFor(youth.email, /à signer/, mark2);
    expect(second).not.toBe(first);
    expect((await t.request('GET', first)).status).toBe(410);
    expect((await sign(second)).status).toBe(200);
    const signedAgain = await t.request('POST', path, { token: w.advisor.token });
    expect(signedAgain.status).toBe(409);
  });

  it('rejected or cancelled: every party is told, in French, with the reason', async () => {
    const { a, youth, mark } = await sentForSignature();
    for (const email of [youth.email, 'paul.girard@epicerie.example']) expect((await sign(await linkFor(email, /à signer/, mark, a.id))).status).toBe(200);
    const rejected = await t.request('POST', `/v1/immersions/${a.id}/reject`, { token: w.advisor.token, json: { reason: 'Horaires inadaptés.' } });
    expect(rejected.body.status).toBe('rejected');
    const mail = await smtp.waitFor(youth.email, (m) => /refusée/.test(m.subject));
    expect(mail.text).toContain('Motif : Horaires inadaptés.');

    const other = await sentForSignature();
    const link = await linkFor(other.youth.email, /à signer/, other.mark);
    const cancelled = await t.request('POST', `/v1/immersions/${other.a.id}/cancel`, { token: w.employer.token, json: { reason: 'Magasin fermé.' } });
    expect(cancelled.body.status).toBe('cancelled');
    const tutorMail = await smtp.waitFor('samia.benali@epicerie.example', (m) => /^Immersion annulée/.test(m.subject) && m.text.includes('Magasin fermé.'));
    expect(tutorMail.text).toContain('est annulée');
    // Called off by the employer: the advisor who prescribed it is told too.
    const advisorMail = await smtp.waitFor(w.advisor.email, (m) => /^Immersion annulée/.test(m.subject) && m.text.includes('Magasin fermé.'));
    expect(advisorMail.text).toContain('est annulée par l’entreprise.');
    // A link of a cancelled agreement opens nothing.
    expect((await t.request('GET', link)).status).toBe(410);
  });
});

describe('the whole journey', () => {
  it('prepared, signed from the e-mail links, validated, rolled by the dates, assessed by the tutor: the PDF shows it all', async () => {
    const [start, end] = [inDays(-4), inDays(-1)];
    const tutor = { name: 'Samia Benali', role: 'Gérante', email: `${t.unique('tutrice')}@epicerie.example`, phone: '06 12 34 56 78' };
    const { a, youth, mark } = await sentForSignature({ startDate: start, endDate: end, schedule: weekdays(start, end), tutor });
    for (const email of [youth.email, 'paul.girard@epicerie.example']) expect((await sign(await linkFor(email, /à signer/, mark, a.id))).status).toBe(200);
    await smtp.waitFor(w.advisor.email, (m) => m.subject === 'Convention signée par toutes les parties : Éloïse Martin' && smtp.received.indexOf(m) >= mark);
    expect((await t.request('POST', `/v1/immersions/${a.id}/validate`, { token: w.advisor.token })).status).toBe(200);

    const assess = await linkFor(tutor.email, /^bilan de l’immersion/, mark);
    expect((await get(a.id)).body.status).toBe('ended');
    expect((await t.request('POST', assess, form('attendance=completed&skills=Ponctualit%C3%A9&wouldHire=yes'))).status).toBe(200);
    await smtp.waitFor(w.advisor.email, (m) => m.subject.startsWith('Bilan reçu') && smtp.received.indexOf(m) >= mark);

    const history = await t.request('GET', `/v1/immersions/${a.id}/history`, { token: w.advisor.token });
    expect(history.body.items.map((h: { to: string }) => h.to)).toEqual(['ready_to_sign', 'partially_signed', 'signed', 'validated', 'in_progress', 'ended', 'assessed']);
    const res = await t.app.request(`/v1/immersions/${a.id}/agreement.pdf`, { headers: { authorization: `Bearer ${w.advisor.token}` } });
    const text = await pdfText(Buffer.from(await res.arrayBuffer()));
    expect(text).toContain('Statut : terminée, bilan reçu');
    expect(text).toContain(`Total : ${a.totalHours} h sur ${a.schedule.length} jours.`);
    expect(text).toMatch(/Le ou la bénéficiaire : signé le \d{1,2} \S+ \d{4} (à )?\d{2}:\d{2} \(heure de Paris\), depuis l’adresse/);
    expect(text).toMatch(/Le représentant ou la représentante de l’entreprise : signé le \d{1,2} \S+ \d{4} (à )?\d{2}:\d{2}/);
    expect(text).toContain('Validation par la Mission Locale');
    expect(text).toContain('Présence : Immersion effectuée en entier');
    expect(text).toContain('Prêt·e à recruter : oui');
  });
});
