import type { BrowserContext, Page } from 'playwright-core';
import { expect, inject } from 'vitest';

/** A new page of the app in `context` (its own cookies and IndexedDB), once the province has loaded. */
export async function openApp(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto(inject('baseUrl'));
  await page.waitForFunction(() => window.cosite?.state().loadStatus === 'ready', undefined, { timeout: 120_000 });
  return page;
}

/**
 * Signs in as a demo account from the requests tab, and waits until the server's lists and the province's masts have
 * loaded (an empty list read before they arrived would prove nothing; a search run on the masts they replace would
 * name masts that are gone by the time it is clicked). Leaves the page on the requests tab (the ministry's account opens
 * the national view by itself).
 */
export async function signIn(page: Page, username: string): Promise<void> {
  await page.getByTestId('tab-requests').click();
  await page.getByTestId('sign-in-username').fill(username);
  await page.getByTestId('sign-in-password').fill(inject('demoPassword'));
  await page.getByTestId('sign-in').click();
  await page.waitForFunction(() => {
    const server = window.cositeServer?.();
    return server !== undefined && server.user !== null && !server.busy;
  });
  await page.waitForFunction(() => {
    const masts = window.cositeServer?.().serverMasts;
    return masts === 'loaded' || masts === 'failed';
  });
  // The ministry lands on its national view when it signs in: come back to the requests tab.
  await page.getByTestId('tab-requests').click();
  await expect(page.getByTestId('signed-in-as').textContent()).resolves.toContain(username);
}
