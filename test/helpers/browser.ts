import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { afterAll } from 'vitest';
import type { Deps } from '../../src/deps.js';
import { startServer } from '../../src/server.js';

/**
 * Debian's Chromium driven by playwright-core (`apt-get install chromium`; .ci/run installs
 * it). Every request that leaves the service under test is aborted and recorded, so a page
 * that needs the internet (a CDN, fonts, analytics) shows up as a failure.
 */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export async function offlineContext(browser: Browser, base: string, options: Parameters<Browser['newContext']>[0] = {}) {
  const context: BrowserContext = await browser.newContext(options);
  const blocked: string[] = [];
  const origin = new URL(base).origin;
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith('data:')) return route.continue();
    blocked.push(url);
    return route.abort('internetdisconnected');
  });
  return { context, blocked };
}

/**
 * The service of a test context listening on a loopback port, and a browser to visit it; both
 * stop when the file's tests end.
 */
export async function serveToBrowser(deps: Deps) {
  const http = await startServer(deps, { port: 0 });
  const browser = await launchBrowser();
  afterAll(async () => {
    await browser.close();
    await http.stop();
  });
  return { base: `http://127.0.0.1:${http.port}`, browser };
}
