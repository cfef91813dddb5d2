import { describe, expect, it } from 'vitest';
import { useTestContext } from '../helpers/context.js';
import { offlineContext, serveToBrowser } from '../helpers/browser.js';

/** /docs on a closed network: a real browser with every outside request blocked. */
const t = await useTestContext();
const { base, browser } = await serveToBrowser(t.deps);

describe('/docs', () => {
  it('renders the API reference from the service alone', { timeout: 120_000 }, async () => {
    const { context, blocked } = await offlineContext(browser, base);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (err) => problems.push(err.message));
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(msg.text());
    });
    try {
      // A 4 MB script to parse: generous bounds for a loaded machine, not a timing assertion.
      const res = await page.goto(`${base}/docs`, { timeout: 90_000 });
      expect(res?.status()).toBe(200);
      // Operations of the document, rendered by the reference's script.
      await page.getByText('The process is alive').first().waitFor({ timeout: 90_000 });
      expect(await page.getByText('Auth').first().isVisible()).toBe(true);
      expect(await page.getByText('Passerelle API').first().isVisible()).toBe(true);
      expect(blocked).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
