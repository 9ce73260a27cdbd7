import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runCli } from '../../src/cli/runCli';
import { launchBrowser } from './launchBrowser';

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(inject('baseUrl'));
  await page.waitForFunction(() => window.cosite?.state().loadStatus === 'ready', undefined, { timeout: 120_000 });
  await page.evaluate(() => window.cosite?.waitForMapIdle());
  await page.getByTestId('tab-coverage').click();
  await page.getByTestId('mode-signal').click();
});
afterAll(async () => {
  await browser?.close();
});

const digits = (text: string | null) => Number((text ?? '').replace(/[^\d]/g, ''));
const DEMO_TERRAIN = 'data/demo/terrain-national-0.02deg.tif,data/demo/terrain-danang-1arcsec.tif';

async function cliFigures(args: string[]): Promise<Record<string, unknown>> {
  let stdout = '';
  const status = await runCli(args, { stdout: (text) => (stdout += text), stderr: () => {} });
  expect(status).toBe(0);
  return JSON.parse(stdout) as Record<string, unknown>;
}

async function runSignal(): Promise<number> {
  await page.getByTestId('run-signal').click();
  await page.waitForFunction(() => window.cosite?.state().signalRun.status === 'done', undefined, {
    timeout: 240_000,
    polling: 200,
  });
  await page.getByTestId('coverage-results').waitFor();
  return digits(await page.getByTestId('covered-any').textContent());
}

describe('propagation over the terrain in the app', () => {
  it('takes people away behind the ridges when terrain is on, with the command line’s figures', async () => {
    const flat = await runSignal();
    await page.getByTestId('signal-terrain').check();
    const overTerrain = await runSignal();
    expect(overTerrain).toBeLessThan(flat);
    const base = ['coverage', '--towers', 'data/demo/towers.csv', '--population', 'data/demo/population.tif'];
    const figures = await cliFigures([...base, '--model', 'uma-nlos', '--terrain', DEMO_TERRAIN, '--json']);
    expect(overTerrain).toBe(Math.round(figures.population_covered as number));
    const byOperator = figures.population_covered_by_operator as Record<string, number>;
    for (const [name, covered] of Object.entries(byOperator)) {
      expect(digits(await page.getByTestId(`covered-${name}`).textContent())).toBe(Math.round(covered));
    }
    const plain = await cliFigures([...base, '--model', 'uma-nlos', '--json']);
    expect(flat).toBe(Math.round(plain.population_covered as number));
  });

  it('cuts finer profiles when asked, with the command line’s figures for the same resolution', async () => {
    const options = await page.locator('[data-testid=signal-profile-points] option').allTextContents();
    expect(options[0]).toBe('1 điểm/ô (nhanh)');
    await page.getByTestId('signal-profile-points').selectOption('4');
    const finer = await runSignal();
    const base = ['coverage', '--towers', 'data/demo/towers.csv', '--population', 'data/demo/population.tif'];
    const terrain = ['--terrain', DEMO_TERRAIN, '--profile-points-per-step', '4'];
    const figures = await cliFigures([...base, '--model', 'uma-nlos', ...terrain, '--json']);
    expect(finer).toBe(Math.round(figures.population_covered as number));
    expect((figures.terrain as { profile_points_per_step: number }).profile_points_per_step).toBe(4);
    const coarse = await cliFigures([...base, '--model', 'uma-nlos', '--terrain', DEMO_TERRAIN, '--json']);
    // Finer profiles find more of the ground between the cells' centres: here a little less is covered.
    expect(finer).not.toBe(Math.round(coarse.population_covered as number));
    await page.getByTestId('signal-profile-points').selectOption('1');
  });

  it('always predicts over the terrain with the P.526 model, and names the models in the UI’s language', async () => {
    const options = await page.locator('[data-testid=signal-model] option').allTextContents();
    expect(options).toContain('ITU-R P.526: địa hình, nhiễu xạ');
    expect(options.some((text) => /^(uma|umi|rma)-|^p526$|^fspl$/.test(text))).toBe(false);
    await page.getByTestId('signal-model').selectOption('p526');
    await expect(page.getByTestId('signal-terrain').isChecked()).resolves.toBe(true);
    await expect(page.getByTestId('signal-terrain').isDisabled()).resolves.toBe(true);
    await page.getByTestId('signal-model').selectOption('uma-nlos');
  });

  it('draws the shadows of real ridges with the P.526 model, with the command line’s figures', async () => {
    await page.getByTestId('signal-model').selectOption('p526');
    const started = Date.now();
    const covered = await runSignal();
    console.log(`p526 over the demo province in the app: ${Date.now() - started} ms`);
    const base = ['coverage', '--towers', 'data/demo/towers.csv', '--population', 'data/demo/population.tif'];
    const figures = await cliFigures([...base, '--model', 'p526', '--terrain', DEMO_TERRAIN, '--json']);
    expect(covered).toBe(Math.round(figures.population_covered as number));
    // The Hải Vân pass and the Bạch Mã foothills north-west of the city: masts on the coast, the ridges behind them.
    await page.getByTestId('tab-overview').click();
    await page.getByTestId('toggle-towers').click();
    await page.getByTestId('toggle-population').click();
    await page.getByTestId('tab-coverage').click();
    await page.evaluate(() => window.cosite?.jumpTo(108.1, 16.12, 10.5));
    await page.evaluate(() => window.cosite?.waitForMapIdle());
    await page.screenshot({ path: 'tests/artifacts/coverage-p526-terrain.png' });
    await page.getByTestId('signal-model').selectOption('uma-nlos');
  });
});
