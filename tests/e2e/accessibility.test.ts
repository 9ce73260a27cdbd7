import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from './launchBrowser';

const require = createRequire(import.meta.url);

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  // The app runs under a strict Content-Security-Policy (no inline scripts); only this test's own tool, axe-core,
  // is injected as an inline script, so this one page bypasses the policy.
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, bypassCSP: true });
  await page.goto(inject('baseUrl'));
  await page.waitForFunction(() => window.cosite?.state().loadStatus === 'ready', undefined, { timeout: 120_000 });
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
});
afterAll(async () => {
  await browser?.close();
});

interface AxeViolation {
  id: string;
  impact: string | null;
  nodes: Array<{ target: string[] }>;
}

/** axe-core's serious and critical violations on the page as it is (WCAG 2 A/AA rules), one line each. */
async function seriousViolations(): Promise<string[]> {
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<unknown> } }).axe;
    const result = (await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    })) as { violations: AxeViolation[] };
    return result.violations;
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

describe('accessibility', () => {
  it('has no serious WCAG 2.1 AA violation on any tab, with results on screen, in both languages', async () => {
    await page.getByTestId('tab-coverage').click();
    await page.getByTestId('run-coverage').click();
    await page.getByTestId('covered-any').waitFor({ timeout: 60_000 });
    await page.getByTestId('tab-sharing').click();
    await page.getByTestId('run-colocation').click();
    await page.getByTestId('colocation-figures').waitFor({ timeout: 60_000 });
    await page.getByTestId('plan-sites').fill('5');
    await page.getByTestId('run-plan').click();
    await page.getByTestId('plan-figures').waitFor({ timeout: 120_000 });
    for (const language of ['vi', 'en']) {
      for (const tab of ['overview', 'coverage', 'sharing', 'requests', 'ministry']) {
        await page.getByTestId(`tab-${tab}`).click();
        await expect(seriousViolations(), `${tab} (${language})`).resolves.toEqual([]);
      }
      if (language === 'vi') await page.getByTestId('language-switch').click();
    }
  });

  it('moves between tabs with the keyboard, as the WAI-ARIA tabs pattern does', async () => {
    await page.getByTestId('tab-overview').click();
    await page.getByTestId('tab-overview').focus();
    const active = () =>
      page.evaluate(() => ({
        focused: document.activeElement?.getAttribute('data-testid'),
        selected: document.querySelector('[role=tab][aria-selected=true]')?.getAttribute('data-testid'),
        panel: document.querySelector('[role=tabpanel]')?.getAttribute('aria-labelledby'),
      }));
    await page.keyboard.press('ArrowRight');
    await expect(active()).resolves.toEqual({
      focused: 'tab-coverage',
      selected: 'tab-coverage',
      panel: 'tab-coverage',
    });
    await page.keyboard.press('End');
    await expect(active()).resolves.toEqual({
      focused: 'tab-ministry',
      selected: 'tab-ministry',
      panel: 'tab-ministry',
    });
    await page.keyboard.press('ArrowRight');
    await expect(active()).resolves.toEqual({
      focused: 'tab-overview',
      selected: 'tab-overview',
      panel: 'tab-overview',
    });
    await page.keyboard.press('ArrowLeft');
    await expect(active()).resolves.toEqual({
      focused: 'tab-ministry',
      selected: 'tab-ministry',
      panel: 'tab-ministry',
    });
    // One tab stop for the tab list: Tab leaves it for the panel's first control.
    await page.keyboard.press('Tab');
    const next = await page.evaluate(() => document.activeElement?.getAttribute('role'));
    expect(next).not.toBe('tab');
  });
});
