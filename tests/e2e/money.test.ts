import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from './launchBrowser';

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  await page.goto(inject('baseUrl'));
  await page.waitForFunction(() => window.cosite?.state().loadStatus === 'ready', undefined, { timeout: 120_000 });
  await page.getByTestId('tab-sharing').click();
});
afterAll(async () => {
  await browser?.close();
});

const digits = (text: string | null) => Number((text ?? '').replace(/[^\d]/g, ''));
/** Đồng as the app shows them: to the nearest thousand. */
const vnd = (usd: number, rate: number) => Math.round((usd * rate) / 1000) * 1000;

describe('money and the demo province’s presets', () => {
  it('the sharing preset select is the Đà Nẵng assumption by default and fits the sidebar', async () => {
    const select = page.getByTestId('sharing-preset');
    await expect(select.inputValue()).resolves.toBe('da_nang');
    await expect(page.getByTestId('sharing-preset-source').textContent()).resolves.toMatch(/Quảng Nam/);
    await expect(select.getAttribute('title')).resolves.toMatch(/Quảng Nam/);
    const sidebar = await page.locator('.sidebar').boundingBox();
    if (!sidebar) throw new Error('no sidebar');
    for (const preset of ['ha_noi', 'hai_duong', 'custom', 'da_nang']) {
      await select.selectOption(preset);
      const box = await select.boundingBox();
      if (!box) throw new Error('no select');
      expect(box.width).toBeLessThanOrEqual(sidebar.width);
      expect(box.x).toBeGreaterThanOrEqual(sidebar.x);
      expect(box.x + box.width).toBeLessThanOrEqual(sidebar.x + sidebar.width);
    }
    await page.getByTestId('money-panel').screenshot({ path: 'tests/artifacts/money-panel.png' });
    await page.getByTestId('colocation-panel').screenshot({ path: 'tests/artifacts/money-preset.png' });
    // Nothing in the sidebar is wider than it (no horizontal scroll).
    const overflow = await page.locator('.sidebar').evaluate((element) => element.scrollWidth - element.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });

  it('shows the plan’s capex in VND at the rate, follows a new rate, and in USD when asked', async () => {
    await expect(page.getByTestId('vnd-per-usd').inputValue()).resolves.toBe('25000');
    await page.getByTestId('plan-sites').fill('5');
    await page.getByTestId('run-plan').click();
    await page.getByTestId('plan-capex').waitFor({ timeout: 120_000 });
    const usd = await page.evaluate(
      () => (window.cositeSharing?.() as { totalCapexUsd: number } | null)?.totalCapexUsd ?? 0,
    );
    expect(usd).toBeGreaterThan(0);
    const capex = page.getByTestId('plan-capex');
    await expect(capex.textContent()).resolves.toMatch(/₫$/);
    expect(digits(await capex.textContent())).toBe(vnd(usd, 25_000));

    await page.getByTestId('vnd-per-usd').fill('26000');
    await expect.poll(async () => digits(await capex.textContent())).toBe(vnd(usd, 26_000));

    // The exports keep USD and add the currency, the rate and đồng; no NaN.
    const download = page.waitForEvent('download');
    await page.getByTestId('export-plan-csv').click();
    const csv = readFileSync(await (await download).path(), 'utf8');
    const [header, first] = csv.replace(/^\uFEFF/, '').split('\r\n');
    const columns = header.split(',');
    const cells = first.split(',');
    expect(columns).toEqual(
      expect.arrayContaining(['capex_usd', 'currency', 'vnd_per_usd', 'capex_vnd', 'provenance']),
    );
    expect(cells[columns.indexOf('currency')]).toBe('VND');
    expect(cells[columns.indexOf('vnd_per_usd')]).toBe('26000');
    expect(Number(cells[columns.indexOf('capex_vnd')])).toBeCloseTo(
      Number(cells[columns.indexOf('capex_usd')]) * 26_000,
      -5,
    );
    expect(csv).not.toMatch(/NaN/);

    await page.locator('.sidebar').screenshot({ path: 'tests/artifacts/money-sidebar.png' });
    await page.getByTestId('currency').selectOption('USD');
    await expect.poll(async () => capex.textContent()).toMatch(/USD$/);
    expect(digits(await capex.textContent())).toBe(Math.round(usd));
  });

  it('keeps a plan within a money budget typed in millions of đồng, and says so beside the capex', async () => {
    await page.getByTestId('currency').selectOption('VND');
    await page.getByTestId('vnd-per-usd').fill('25000');
    await page.getByTestId('plan-sites').fill('20');
    await page.getByTestId('plan-budget').fill('');
    await page.getByTestId('run-plan').click();
    const plan = () =>
      page.evaluate(
        () => window.cositeSharing?.() as { totalCapexUsd: number; sites: unknown[]; method: string } | null,
      );
    await expect.poll(async () => (await plan())?.sites.length, { timeout: 120_000 }).toBe(20);
    const unlimited = (await plan())?.totalCapexUsd ?? 0;
    // Half of what 20 sites cost, in millions of đồng (rounded down: the budget the planner types).
    const budgetMillions = Math.floor((unlimited * 25_000) / 2 / 1e6);
    await page.getByTestId('plan-budget').fill(budgetMillions.toLocaleString('vi-VN').replace(/\./g, ''));
    await expect(page.getByTestId('plan-stale').count()).resolves.toBe(1);
    await page.getByTestId('run-plan').click();
    await expect
      .poll(async () => (await plan())?.totalCapexUsd ?? unlimited, { timeout: 120_000 })
      .toBeLessThanOrEqual((budgetMillions * 1e6) / 25_000);
    const bounded = await plan();
    // Cheaper sites, or fewer: joining an existing mast costs less than a new one, so the count may still be 20.
    expect(bounded?.sites.length).toBeGreaterThan(0);
    expect(bounded?.sites.length).toBeLessThanOrEqual(20);
    const capex = (await page.getByTestId('plan-capex').textContent()) ?? '';
    const [spent, budget] = capex.split(' / ');
    expect(digits(spent)).toBe(vnd(bounded?.totalCapexUsd ?? 0, 25_000));
    expect(digits(budget)).toBe(budgetMillions * 1e6);
    expect(budget).toMatch(/₫ \(ngân sách\)$/);
    await page.locator('.sidebar').screenshot({ path: 'tests/artifacts/plan-money-budget.png' });
    // Another rate: the budget stays the đồng typed, and the plan (made on its USD amount at the old rate) is stale.
    await page.getByTestId('vnd-per-usd').fill('26000');
    await page.getByTestId('plan-stale').waitFor();
    expect(digits(await page.getByTestId('plan-budget').inputValue())).toBe(budgetMillions);
    await page.getByTestId('vnd-per-usd').fill('25000');
    await expect.poll(() => page.getByTestId('plan-stale').count()).toBe(0);
    // A reload keeps the panel's settings: the budget and the site count are still the ones typed.
    const sitesTyped = await page.getByTestId('plan-sites').inputValue();
    await page.reload();
    await page.waitForFunction(() => window.cosite?.state().loadStatus === 'ready', undefined, { timeout: 120_000 });
    await page.getByTestId('tab-sharing').click();
    await expect(page.getByTestId('plan-sites').inputValue()).resolves.toBe(sitesTyped);
    expect(digits(await page.getByTestId('plan-budget').inputValue())).toBe(budgetMillions);
    await page.getByTestId('plan-budget').fill('');
  });
});
