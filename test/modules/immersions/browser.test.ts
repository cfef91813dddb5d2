import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { useTestContext } from '../../helpers/context.js';
import { inDays } from '../../helpers/factories.js';
import { forceStatus, immersionWorld, weekdays } from './helpers.js';

/**
 * The e-mail link pages in a real browser: Debian's Chromium (installed by .ci/run) driven by
 * playwright-core, against the app served on a loopback port. JavaScript is off, as the pages
 * must work without it, and every request the page makes is recorded: none may leave the site.
 */
const t = await useTestContext({ smtp: true, worker: true });
const w = await immersionWorld(t);
const smtp = t.smtp!;

let server: ServerType;
let base: string;
let browser: Browser;

beforeAll(async () => {
  server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

/** A phone-sized browser without JavaScript, and the URLs it requested. */
async function phone(javaScriptEnabled = false): Promise<{ context: BrowserContext; requested: string[] }> {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, javaScriptEnabled, locale: 'fr-FR' });
  const requested: string[] = [];
  context.on('request', (r) => requested.push(r.url()));
  return { context, requested };
}

/** The link of the e-mail, served by this test's server (the e-mail names the configured public address). */
async function linkFrom(email: string, subject: RegExp, after: number) {
  const mail = await smtp.waitFor(email, (m) => subject.test(m.subject) && smtp.received.indexOf(m) >= after);
  const path = /http:\/\/passerelle\.test(\/(?:sign|assess)\/[A-Za-z0-9_-]+)/.exec(mail.text)![1]!;
  return `${base}${path}`;
}

describe('in a real browser', () => {
  it('the youth opens the signature link from the e-mail, signs, and the agreement is partially signed', async () => {
    const youth = await w.newYouth();
    const mark = smtp.received.length;
    const a = await w.create({}, youth.id);
    await t.request('POST', `/v1/immersions/${a.id}/send-for-signature`, { token: w.advisor.token });
    const link = await linkFrom(youth.email, /à signer/, mark);

    // Readable on a phone: nothing wider than the screen (measured with JavaScript on, before signing).
    const measuring = await phone(true);
    const preview = await measuring.context.newPage();
    await preview.goto(link);
    expect(await preview.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await measuring.context.close();

    const { context, requested } = await phone();
    const page = await context.newPage();
    const response = await page.goto(link);
    expect(response!.status()).toBe(200);
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    await expect(page.title()).resolves.toBe('Convention d’immersion professionnelle – Passerelle');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Convention d’immersion professionnelle');

    await page.getByLabel('J’ai lu la convention et j’en accepte les termes.').check();
    await page.getByRole('button', { name: 'Signer la convention' }).click();
    await page.getByText('Merci, votre signature est enregistrée.').waitFor();
    expect(requested.every((url) => url.startsWith(base)), requested.join('\n')).toBe(true);
    await context.close();

    const after = await t.request('GET', `/v1/immersions/${a.id}`, { token: w.advisor.token });
    expect(after.body.status).toBe('partially_signed');
    expect(after.body.signatures.find((s: { party: string }) => s.party === 'youth')).toMatchObject({ signedFromIp: '127.0.0.1' });
  }, 60_000);

  it('the tutor opens the assessment link from the e-mail and sends the assessment', async () => {
    const youth = await w.newYouth();
    const tutor = { name: 'Samia Benali', role: 'Gérante', email: `${t.unique('tutrice')}@epicerie.example`, phone: '06 12 34 56 78' };
    const [start, end] = [inDays(-6), inDays(-1)];
    const a = await w.create({ startDate: start, endDate: end, schedule: weekdays(start, end), tutor }, youth.id);
    await forceStatus(t, a.id, 'signed');
    await t.request('POST', `/v1/immersions/${a.id}/validate`, { token: w.advisor.token });
    const link = await linkFrom(tutor.email, /bilan/, 0);

    const measuring = await phone(true);
    const preview = await measuring.context.newPage();
    await preview.goto(link);
    expect(await preview.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await measuring.context.close();

    const { context, requested } = await phone();
    const page = await context.newPage();
    await page.goto(link);
    await page.getByLabel('Immersion effectuée en partie').check();
    await page.getByLabel('Ponctualité').check();
    await page.getByLabel('Autres compétences observées (une par ligne)').fill('Travail en équipe');
    await page.getByLabel('Oui').check();
    await page.getByLabel('Commentaires').fill('Absente le dernier jour, prévenue.');
    await page.getByRole('button', { name: 'Envoyer le bilan' }).click();
    await page.getByText('Merci, votre bilan est enregistré.').waitFor();
    expect(requested.every((url) => url.startsWith(base)), requested.join('\n')).toBe(true);
    await context.close();

    const after = await t.request('GET', `/v1/immersions/${a.id}`, { token: w.advisor.token });
    expect(after.body).toMatchObject({
      status: 'assessed',
      assessment: { attendance: 'partial', skillsObserved: ['Ponctualité', 'Travail en équipe'], wouldHire: true, comments: 'Absente le dernier jour, prévenue.' },
    });
  }, 60_000);
});
