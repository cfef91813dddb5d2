import { describe, expect, it } from 'vitest';
import { useTestContext } from '../helpers/context.js';
import { offlineContext, serveToBrowser } from '../helpers/browser.js';

/**
 * The pages behind the invitation and "forgot my password" links, in a real browser, with
 * JavaScript off and every outside request blocked: what an invited person on a phone sees.
 */
const t = await useTestContext({ smtp: true, worker: true });
const admin = await t.userWithToken('admin');
const { base, browser } = await serveToBrowser(t.deps);

/** The link of the last e-mail to `email`, pointed at the server under test. */
async function linkFor(email: string, subject: string) {
  const mail = await t.smtp!.waitFor(email, (m) => m.subject === subject);
  const match = mail.text.match(/http:\/\/passerelle\.test(\/activer-mon-compte\?token=[A-Za-z0-9_-]+)/);
  if (!match) throw new Error(`no link in: ${mail.text}`);
  return `${base}${match[1]}`;
}

async function invite() {
  const email = `${t.unique('invitee')}@example.test`;
  const structure = await t.structure();
  const res = await t.request('POST', '/v1/users', {
    token: admin.token,
    json: { email, firstName: 'Inès', lastName: 'Morel', role: 'advisor', structureId: structure.id },
  });
  expect(res.status).toBe(201);
  return { email, link: await linkFor(email, 'Activez votre compte Passerelle') };
}

const PHONE = { viewport: { width: 360, height: 740 }, javaScriptEnabled: false, locale: 'fr-FR' };

describe('set your password from the invitation link', () => {
  it('works on a phone without JavaScript or the internet; the link serves once', { timeout: 120_000 }, async () => {
    const { email, link } = await invite();
    const { context, blocked } = await offlineContext(browser, base, PHONE);
    const page = await context.newPage();
    try {
      const first = await page.goto(link);
      expect(first?.status()).toBe(200);
      expect(await page.getAttribute('html', 'lang')).toBe('fr');
      await expect(page.title()).resolves.toContain('Choisir votre mot de passe');
      // Readable on a phone: nothing wider than the screen.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

      // Fields are found by their labels; a mistake is said next to the field and tied to it.
      await page.getByLabel('Mot de passe', { exact: true }).fill('court');
      await page.getByLabel('Le même mot de passe, une seconde fois').fill('court');
      await page.getByRole('button', { name: 'Enregistrer mon mot de passe' }).click();
      await page.waitForLoadState();
      const password = page.getByLabel('Mot de passe', { exact: true });
      expect(await password.getAttribute('aria-invalid')).toBe('true');
      expect(await page.getByRole('alert').textContent()).toContain('n’a pas été enregistré');
      expect(await page.locator('#champ-password-erreur').textContent()).toContain('Au moins 12 caractères');

      // Long enough but easy to guess: refused, with the estimator's advice in French.
      await password.fill('aaaaaaaaaaaa');
      await page.getByLabel('Le même mot de passe, une seconde fois').fill('aaaaaaaaaaaa');
      await page.getByRole('button', { name: 'Enregistrer mon mot de passe' }).click();
      await page.waitForLoadState();
      expect(await page.getByLabel('Mot de passe', { exact: true }).getAttribute('aria-invalid')).toBe('true');
      const advice = await page.locator('#champ-password-erreur').textContent();
      expect(advice).toContain('trop facile à deviner');
      expect(advice).toContain('caractères répétés');

      await password.fill('une phrase de passe solide');
      await page.getByLabel('Le même mot de passe, une seconde fois').fill('une autre phrase de passe');
      await page.getByRole('button', { name: 'Enregistrer mon mot de passe' }).click();
      await page.waitForLoadState();
      expect(await page.locator('#champ-confirmation-erreur').textContent()).toContain('pas identiques');

      await page.getByLabel('Mot de passe', { exact: true }).fill('une phrase de passe solide');
      await page.getByLabel('Le même mot de passe, une seconde fois').fill('une phrase de passe solide');
      await page.getByRole('button', { name: 'Enregistrer mon mot de passe' }).click();
      await page.waitForLoadState();
      expect(await page.locator('h1').textContent()).toBe('Mot de passe enregistré');
      expect(await page.getByRole('status').textContent()).toContain(email);

      const login = await t.request('POST', '/v1/auth/login', { json: { email, password: 'une phrase de passe solide' } });
      expect(login.status).toBe(200);

      const again = await page.goto(link);
      expect(again?.status()).toBe(410);
      expect(await page.locator('h1').textContent()).toBe('Ce lien n’est plus valide');
      expect(blocked).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shows where the keyboard is', { timeout: 120_000 }, async () => {
    const { link } = await invite();
    const { context } = await offlineContext(browser, base, PHONE);
    const page = await context.newPage();
    try {
      await page.goto(link);
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Aller au contenu');
      await page.getByLabel('Mot de passe', { exact: true }).focus();
      await page.keyboard.press('Tab');
      const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
      expect(outline).not.toBe('none');
    } finally {
      await context.close();
    }
  });
});

describe('forgot my password', () => {
  it('sends a single-use link by e-mail; the new password replaces the old one and ends its sessions', { timeout: 120_000 }, async () => {
    const user = await t.userWithToken('employer');
    const { context, blocked } = await offlineContext(browser, base, PHONE);
    const page = await context.newPage();
    try {
      await page.goto(`${base}/mot-de-passe-oublie`);
      await page.getByLabel('Adresse e-mail').fill(user.email.toUpperCase());
      await page.getByRole('button', { name: 'Recevoir un lien' }).click();
      await page.waitForLoadState();
      expect(await page.getByRole('status').textContent()).toContain('Si un compte existe');

      const link = await linkFor(user.email, 'Nouveau mot de passe Passerelle');
      await page.goto(link);
      await page.getByLabel('Mot de passe', { exact: true }).fill('mon nouveau mot de passe');
      await page.getByLabel('Le même mot de passe, une seconde fois').fill('mon nouveau mot de passe');
      await page.getByRole('button', { name: 'Enregistrer mon mot de passe' }).click();
      await page.waitForLoadState();
      expect(await page.locator('h1').textContent()).toBe('Mot de passe enregistré');
      expect(blocked).toEqual([]);
    } finally {
      await context.close();
    }
    expect((await t.request('GET', '/v1/me', { token: user.token })).status).toBe(401);
    expect((await t.request('POST', '/v1/auth/login', { json: { email: user.email, password: user.password } })).status).toBe(401);
    expect((await t.request('POST', '/v1/auth/login', { json: { email: user.email, password: 'mon nouveau mot de passe' } })).status).toBe(200);
  });

  it('answers the same for an unknown address, and sends nothing', async () => {
    const res = await t.app.request('/mot-de-passe-oublie', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
      body: 'email=personne%40example.test',
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Si un compte existe');
    const rows = await t.deps.sql`select count(*)::int as n from outbox_events where type = 'send-password-reset'`;
    expect(rows[0]!.n).toBe(1); // the previous test's only
  });

  it('refuses a form posted from another site', async () => {
    const res = await t.app.request('http://localhost/mot-de-passe-oublie', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      body: 'email=someone%40example.test',
    });
    expect(res.status).toBe(403);
  });
});
