import { describe, expect, it } from 'vitest';
import { useTestContext } from '../helpers/context.js';
import { offlineContext, serveToBrowser } from '../helpers/browser.js';

/**
 * The queues dashboard from a browser, outside requests blocked: an admin opens
 * /admin/queues, is sent to the French sign-in page, signs in and lands on Bull Board.
 */
const t = await useTestContext();
const admin = await t.userWithToken('admin');
const { base, browser } = await serveToBrowser(t.deps);

describe('the admin console in a browser', () => {
  it('sign-in page, then the dashboard with the queues; nothing leaves the site', { timeout: 120_000 }, async () => {
    const { context, blocked } = await offlineContext(browser, base, { locale: 'fr-FR' });
    const page = await context.newPage();
    // Even a request the page's CSP would stop is counted: the page should not ask at all.
    const elsewhere: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(base)) elsewhere.push(request.url());
    });
    try {
      await page.goto(`${base}/admin/queues`);
      expect(new URL(page.url()).pathname).toBe('/admin/connexion');
      expect(await page.getAttribute('html', 'lang')).toBe('fr');
      await page.getByLabel('Adresse e-mail').fill(admin.email);
      await page.getByLabel('Mot de passe').fill('not the password');
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.waitForLoadState();
      expect(await page.getByRole('alert').textContent()).toContain('incorrect');

      await page.getByLabel('Mot de passe').fill(admin.password);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.waitForURL(`${base}/admin/queues`);
      // Bull Board renders the queues with its own scripts, served by the service under its
      // <base href> (a CSP with base-uri 'none' once left it blank in a browser).
      for (const queue of ['mail', 'search', 'maintenance']) await page.getByText(queue, { exact: true }).first().waitFor({ timeout: 30_000 });
      const cookies = await context.cookies();
      expect(cookies).toEqual([expect.objectContaining({ name: 'passerelle_admin', httpOnly: true, sameSite: 'Strict', path: '/admin' })]);
      expect(blocked).toEqual([]);
      expect(elsewhere).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
