import { describe, expect, it } from 'vitest';
import { useTestContext } from '../helpers/context.js';
import { offlineContext, serveToBrowser } from '../helpers/browser.js';
import { createYouth } from '../helpers/factories.js';

/**
 * A member of the public registers to a published event from its page, in a real browser on a
 * phone, JavaScript off and every outside request blocked, then confirms from the e-mail.
 */
const t = await useTestContext({ smtp: true, worker: true });
const structure = await t.structure();
const organiser = await t.userWithToken('organiser', { structureId: structure.id });
const { base, browser } = await serveToBrowser(t.deps);

const PHONE = { viewport: { width: 360, height: 740 }, javaScriptEnabled: false, locale: 'fr-FR' };
const inHours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();

/** The link of the e-mail to `email` with this subject, pointed at the server under test. */
async function linkIn(email: string, subject: string, path: string) {
  const mail = await t.smtp!.waitFor(email, (m) => m.subject.startsWith(subject));
  const match = mail.text.match(new RegExp(`http://passerelle\\.test(${path}\\?token=[A-Za-z0-9_-]+)`));
  if (!match) throw new Error(`no link in: ${mail.text}`);
  return `${base}${match[1]}`;
}

/** A published public event, open to registrations for two days. */
async function publicEvent(fields: { kind: string; title: string; description: string; hours: number; address: string; youthCapacity: number }) {
  const { hours, address, ...rest } = fields;
  const created = await t.request('POST', '/v1/events', {
    token: organiser.token,
    json: { ...rest, startsAt: inHours(72), endsAt: inHours(72 + hours), registrationDeadline: inHours(48), place: { address, communeInsee: '42218' }, isPublic: true },
  });
  const eventId = created.body.id as string;
  expect((await t.request('POST', `/v1/events/${eventId}/publish`, { token: organiser.token })).status).toBe(200);
  return eventId;
}

describe('registering to a public event from its page', () => {
  it('works on a phone without JavaScript or the internet: form, e-mail, confirmation, then the cancel link', { timeout: 120_000 }, async () => {
    const eventId = await publicEvent({
      kind: 'workshop',
      title: 'Atelier : réussir son entretien d’embauche',
      description: 'Deux heures de mises en situation.',
      hours: 2,
      address: '12 rue de la République',
      youthCapacity: 12,
    });
    const email = `${t.unique('visiteuse')}@example.test`;

    const { context, blocked } = await offlineContext(browser, base, PHONE);
    const page = await context.newPage();
    try {
      const opened = await page.goto(`${base}/events/${eventId}`);
      expect(opened?.status()).toBe(200);
      expect(await page.getAttribute('html', 'lang')).toBe('fr');
      expect(await page.locator('h1').textContent()).toBe('Atelier : réussir son entretien d’embauche');
      expect(await page.locator('dl').textContent()).toContain('12 places disponibles');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

      // A mistake is said next to its field, what was typed is kept.
      await page.getByLabel('Prénom et nom').fill('Inès Morel');
      await page.getByLabel('Adresse e-mail').fill('ines.morel@');
      await page.getByRole('button', { name: 'Demander mon inscription' }).click();
      await page.waitForLoadState();
      expect(await page.getByLabel('Adresse e-mail').getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('#champ-email-erreur').textContent()).toContain('adresse e-mail valide');
      expect(await page.getByLabel('Prénom et nom').inputValue()).toBe('Inès Morel');

      await page.getByLabel('Adresse e-mail').fill(email);
      await page.getByLabel('Téléphone (facultatif)').fill('06 12 34 56 78');
      await page.getByRole('button', { name: 'Demander mon inscription' }).click();
      await page.waitForLoadState();
      expect(await page.getByRole('status').textContent()).toContain('Un e-mail vient d’être envoyé');

      // The e-mailed link opens a page that asks; the button confirms.
      await page.goto(await linkIn(email, 'Confirmez votre inscription', '/inscription/confirmer'));
      expect(await page.locator('h1').textContent()).toBe('Confirmer votre inscription');
      await page.getByRole('button', { name: 'Confirmer mon inscription' }).click();
      await page.waitForLoadState();
      expect(await page.locator('h1').textContent()).toBe('Inscription confirmée');

      const read = await t.request('GET', `/v1/events/${eventId}/registrations`, { token: organiser.token });
      expect(read.body.items).toMatchObject([{ kind: 'public', status: 'confirmed', name: 'Inès Morel' }]);

      // The confirmation e-mail carries the cancel link: it frees the seat.
      await page.goto(await linkIn(email, 'Inscription confirmée', '/inscription/annuler'));
      await page.getByRole('button', { name: 'Annuler mon inscription' }).click();
      await page.waitForLoadState();
      expect(await page.locator('h1').textContent()).toBe('Inscription annulée');
      const after = await t.request('GET', `/v1/events/${eventId}`, { token: organiser.token });
      expect(after.body.seats.youthConfirmed).toBe(0);
      expect(blocked).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('tells a person whose advisor registered them meanwhile that they already are, on a phone, offline', { timeout: 120_000 }, async () => {
    const eventId = await publicEvent({
      kind: 'info_session',
      title: 'Réunion d’information : l’apprentissage',
      description: 'Une heure pour tout savoir.',
      hours: 1,
      address: '3 place Jean Jaurès',
      youthCapacity: 5,
    });
    const email = `${t.unique('deja')}@example.test`;
    const requested = await t.request('POST', `/v1/public/events/${eventId}/registrations`, { json: { fullName: 'Sacha Blanc', email } });
    expect(requested.status).toBe(202);
    const confirmLink = await linkIn(email, 'Confirmez votre inscription', '/inscription/confirmer');
    // The advisor registers the youth under another address, which then becomes theirs.
    const advisor = await t.userWithToken('advisor', { structureId: structure.id });
    const youth = await createYouth(t, advisor.token, { email: `${t.unique('ancienne')}@example.test` });
    expect((await t.request('POST', `/v1/events/${eventId}/registrations`, { token: advisor.token, json: { youthId: youth.id } })).status).toBe(201);
    expect((await t.request('PATCH', `/v1/youth/${youth.id}`, { token: advisor.token, json: { email } })).status).toBe(200);

    const { context, blocked } = await offlineContext(browser, base, PHONE);
    const page = await context.newPage();
    try {
      await page.goto(confirmLink);
      await page.getByRole('button', { name: 'Confirmer mon inscription' }).click();
      await page.waitForLoadState();
      expect(await page.locator('h1').textContent()).toBe('Vous êtes déjà inscrit·e');
      expect(await page.locator('main').textContent()).toContain('Votre conseiller·ère vous a déjà inscrit·e à cet événement : votre place est réservée');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      expect(blocked).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
