import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ARCHIPELAGO_LABELS } from '../../src/app/map/layers/sovereigntyLabelLayers';
import { computeFixedRadiusCoverage, summarizeCoverage } from '../../src/core/coverage/computeFixedRadiusCoverage';
import { parseTowersCsv } from '../../src/core/io/parseTowersCsv';
import { readPopulationGeoTiff } from '../../src/core/io/readPopulationGeoTiff';
import { MAIN_OPERATOR_NAMES, operatorColorRgb, SHARED_MAST_COLOR_RGB } from '../../src/core/model/operators';
import { packTowers } from '../../src/core/model/towerArrays';
import { launchBrowser } from './launchBrowser';
import { countPixelsNear, countPixelsWhere } from './pixels';

const ARTIFACTS = 'tests/artifacts';
const manifest = JSON.parse(readFileSync('data/demo/manifest.json', 'utf8'));
const towersCsv = readFileSync('data/demo/towers.csv', 'utf8');

/** Owners per operator, counted straight from the CSV text (independent of the app's parser). */
function ownersInCsv(): Map<string, number> {
  const [header, ...rows] = towersCsv.trim().split(/\r?\n/);
  const column = header.split(',').indexOf('operator');
  const counts = new Map<string, number>();
  for (const row of rows) {
    const name = row.split(',')[column];
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return counts;
}

const digits = (text: string | null) => Number((text ?? '').replace(/[^\d]/g, ''));

let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

async function waitForIdle() {
  await page.evaluate(() => window.cosite?.waitForMapIdle());
}

async function mapScreenshot(name?: string): Promise<Buffer> {
  const png = await page.locator('[data-testid=map]').screenshot();
  if (name) writeFileSync(`${ARTIFACTS}/${name}`, png);
  return png;
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(inject('baseUrl'));
  await page.waitForFunction(() => window.cosite?.state().loadStatus === 'ready', undefined, { timeout: 120_000 });
  await waitForIdle();
});

afterAll(async () => {
  await browser?.close();
});

describe('the app on the demo province', () => {
  it('opens on Đà Nẵng (VN25) with its real population and the synthetic towers of four operators', async () => {
    await expect(page.getByTestId('province-name').textContent()).resolves.toContain('Đà Nẵng');
    expect(digits(await page.getByTestId('population-total').textContent())).toBe(
      Math.round(manifest.population_total),
    );
    await expect(page.getByTestId('synthetic-banner').textContent()).resolves.toMatch(/GIẢ LẬP|SYNTHETIC/);
    const expected = ownersInCsv();
    for (const name of MAIN_OPERATOR_NAMES) {
      expect(expected.get(name)).toBeGreaterThan(0);
      expect(digits(await page.getByTestId(`tower-count-${name}`).textContent())).toBe(expected.get(name));
    }
    expect(pageErrors).toEqual([]);
  });

  it('draws each operator’s towers in its colour, and they go when the layer is switched off', async () => {
    const withTowers = await mapScreenshot('map-towers.png');
    await page.screenshot({ path: `${ARTIFACTS}/app-demo-province.png` });
    const colours = [...MAIN_OPERATOR_NAMES.map((name) => operatorColorRgb(name)), SHARED_MAST_COLOR_RGB];
    const before = colours.map((rgb) => countPixelsNear(withTowers, rgb));
    for (const count of before) expect(count).toBeGreaterThan(30);

    await page.getByTestId('toggle-towers').click();
    await waitForIdle();
    const withoutTowers = await mapScreenshot('map-no-towers.png');
    colours.forEach((rgb, i) => {
      expect(countPixelsNear(withoutTowers, rgb)).toBeLessThan(before[i] * 0.1);
    });
    await page.getByTestId('toggle-towers').click();
    await waitForIdle();
  });

  it('computes fixed-radius coverage in the worker pool with the same figures as the core in Node', async () => {
    await page.getByTestId('tab-coverage').click();
    await page.getByTestId('run-coverage').click();
    await page.getByTestId('covered-any').waitFor({ timeout: 60_000 });
    await waitForIdle();
    const png = await mapScreenshot('map-coverage.png');
    await page.screenshot({ path: `${ARTIFACTS}/app-coverage.png` });

    const grid = await readPopulationGeoTiff(new Uint8Array(readFileSync('data/demo/population.tif')).buffer);
    const towers = packTowers(parseTowersCsv(towersCsv).towers);
    const bits = await computeFixedRadiusCoverage({
      grid,
      towers,
      defaultRadiusM: 2000,
      rowStart: 0,
      rowEnd: grid.height,
    });
    const summary = summarizeCoverage(grid, bits, towers.operatorNames);
    expect(digits(await page.getByTestId('covered-any').textContent())).toBe(Math.round(summary.populationCovered));
    expect(digits(await page.getByTestId('uncovered').textContent())).toBe(Math.round(summary.populationUncovered));
    for (const name of MAIN_OPERATOR_NAMES) {
      expect(digits(await page.getByTestId(`covered-${name}`).textContent())).toBe(
        Math.round(summary.populationCoveredByOperator[name]),
      );
    }
    // The synthetic towers leave real gaps in the west: red gap cells are on the map.
    expect(summary.populationUncovered).toBeGreaterThan(0);
    const isGapRed = (r: number, g: number, b: number) => r > 180 && g < 90 && b < 90;
    expect(countPixelsWhere(png, isGapRed)).toBeGreaterThan(1000);
    // Switching the coverage layer off removes them.
    await page.getByTestId('tab-overview').click();
    await page.getByTestId('toggle-coverage').click();
    await waitForIdle();
    expect(countPixelsWhere(await mapScreenshot(), isGapRed)).toBeLessThan(50);
    await page.getByTestId('toggle-coverage').click();
    await waitForIdle();
  });

  it('shows a clicked tower in the inspect panel', async () => {
    const target = await page.evaluate(() => {
      const state = window.cosite?.state();
      const dataset = state?.dataset;
      if (!dataset) return null;
      const index = dataset.towers.findIndex((tower) => tower.tenants.length > 1);
      return { index, id: dataset.towers[index].id, lon: dataset.towers[index].lon, lat: dataset.towers[index].lat };
    });
    expect(target).not.toBeNull();
    if (!target) return;
    const point = await page.evaluate(([lon, lat]) => window.cosite?.project(lon, lat), [target.lon, target.lat]);
    const box = await page.getByTestId('map').boundingBox();
    if (!point || !box) throw new Error('no map');
    // deck.gl picks on hover first, as a person's pointer would.
    await page.mouse.move(box.x + point.x, box.y + point.y);
    await waitForIdle();
    await page.mouse.click(box.x + point.x, box.y + point.y);
    await page.waitForFunction(() => window.cosite?.state().selectedTowerIndex !== null);
    const selectedId = await page.getByTestId('inspect-id').textContent();
    const selected = await page.evaluate(() => {
      const state = window.cosite?.state();
      const tower = state?.dataset?.towers[state.selectedTowerIndex ?? -1];
      return tower ? { lon: tower.lon, lat: tower.lat, id: tower.id } : null;
    });
    expect(selected).not.toBeNull();
    expect(selectedId).toContain(selected?.id ?? '?');
    // The picked tower is the one under the cursor (or one drawn within a few pixels of it).
    const pickedPoint = await page.evaluate(
      ([lon, lat]) => window.cosite?.project(lon, lat),
      [selected?.lon ?? 0, selected?.lat ?? 0],
    );
    expect(Math.hypot((pickedPoint?.x ?? 1e9) - point.x, (pickedPoint?.y ?? 1e9) - point.y)).toBeLessThan(8);
  });

  it('links the attribute table and the map both ways', async () => {
    await page.getByTestId('toggle-table').click();
    const expectedTotal = towersCsv.trim().split(/\r?\n/).length - 1;
    // The rows come from a worker: wait until the count is there.
    await page.locator('[data-testid=table-row-count][aria-busy=false]').waitFor();
    const [shown, total] = ((await page.getByTestId('table-row-count').textContent()) ?? '').split('/').map(digits);
    expect([shown, total]).toEqual([expectedTotal, expectedTotal]);
    await page.getByTestId('table-filter').fill('VN25-000100');
    await expect.poll(() => page.getByTestId('table-row').count()).toBe(1);
    await page.getByTestId('table-row').first().click();
    await waitForIdle();
    const state = await page.evaluate(() => {
      const current = window.cosite?.state();
      return { id: current?.dataset?.towers[current.selectedTowerIndex ?? -1]?.id, zoom: window.cosite?.view().zoom };
    });
    expect(state.id).toBe('VN25-000100');
    expect(state.zoom).toBeGreaterThanOrEqual(13);
    // The other way: a mast clicked on the map is the highlighted row.
    await page.getByTestId('table-filter').fill('');
    const target = await page.evaluate(() => {
      const dataset = window.cosite?.state().dataset;
      const tower = dataset?.towers.find((candidate) => candidate.id === 'VN25-000100');
      return tower ? window.cosite?.project(tower.lon, tower.lat) : null;
    });
    const box = await page.getByTestId('map').boundingBox();
    if (!target || !box) throw new Error('no map');
    await page.mouse.move(box.x + target.x, box.y + target.y);
    await waitForIdle();
    await page.mouse.click(box.x + target.x, box.y + target.y);
    await expect(
      page.locator('[data-testid=table-row][aria-pressed=true]').getAttribute('data-tower-id'),
    ).resolves.toBe('VN25-000100');
    await page.getByTestId('toggle-table').click();
    await page.evaluate(() => window.cosite?.fitMainland());
    await waitForIdle();
  });

  it('shows the whole country with the Hoàng Sa and Trường Sa archipelagos labelled as Việt Nam', async () => {
    await page.getByTestId('view-country').click();
    await waitForIdle();
    const png = await mapScreenshot('map-country.png');
    await page.screenshot({ path: `${ARTIFACTS}/app-country.png` });
    const image = PNG.sync.read(png);
    // The label text (dark blue) is drawn around each archipelago's label anchor.
    for (const { position } of ARCHIPELAGO_LABELS) {
      const [lon, lat] = position;
      const point = await page.evaluate(([x, y]) => window.cosite?.project(x, y), [lon, lat]);
      if (!point) throw new Error('no projection');
      let labelPixels = 0;
      for (let dy = -12; dy <= 12; dy++) {
        for (let dx = -120; dx <= 120; dx++) {
          const x = Math.round(point.x + dx);
          const y = Math.round(point.y + dy);
          if (x < 0 || y < 0 || x >= image.width || y >= image.height) continue;
          const i = (y * image.width + x) * 4;
          if (image.data[i] < 80 && image.data[i + 1] < 100 && image.data[i + 2] > 80) labelPixels++;
        }
      }
      expect(labelPixels).toBeGreaterThan(40);
    }
    await page.getByTestId('view-province').click();
    await waitForIdle();
  });

  it('undoes and redoes edits with the keyboard, and keeps the project after a reload', async () => {
    const backboneToggle = page.getByTestId('toggle-backbone');
    const communesToggle = page.getByTestId('toggle-communes');
    expect(await backboneToggle.isChecked()).toBe(true);
    expect(await communesToggle.isChecked()).toBe(false);
    await backboneToggle.click();
    await communesToggle.click();
    expect(await backboneToggle.isChecked()).toBe(false);
    expect(await communesToggle.isChecked()).toBe(true);
    await page.locator('body').click({ position: { x: 5, y: 880 } });
    // Each key's change is awaited on screen (a render may follow the key event under load).
    await page.keyboard.press('Control+z');
    await expect.poll(() => communesToggle.isChecked()).toBe(false);
    expect(await backboneToggle.isChecked()).toBe(false);
    await page.keyboard.press('Control+z');
    await expect.poll(() => backboneToggle.isChecked()).toBe(true);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => backboneToggle.isChecked()).toBe(false);
    // Autosaved in IndexedDB: a reload reopens the same project.
    await page.waitForFunction(() => {
      const state = window.cosite?.state();
      return state !== undefined && state.lastSavedProject === state.history.present;
    });
    await page.reload();
    await page.waitForFunction(() => window.cosite?.state().loadStatus === 'ready', undefined, { timeout: 120_000 });
    expect(await page.getByTestId('toggle-backbone').isChecked()).toBe(false);
    expect(await page.getByTestId('toggle-communes').isChecked()).toBe(false);
    await page.getByTestId('toggle-backbone').click();
    await page.waitForFunction(() => window.cosite?.state().history.present.layers.backbone === true);
  });

  it('opens a share link on the same layers and view', async () => {
    await page.getByTestId('toggle-population').click();
    await page.evaluate(() => window.cosite?.fitCountry());
    await waitForIdle();
    await page.getByTestId('share-link').click();
    const url = await page.getByTestId('share-url').inputValue();
    expect(url).toContain('#s=');
    const other = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await other.goto(url);
    await other.waitForFunction(() => window.cosite?.state().loadStatus === 'ready', undefined, { timeout: 120_000 });
    expect(await other.getByTestId('toggle-population').isChecked()).toBe(false);
    const [zoomHere, zoomThere] = await Promise.all([
      page.evaluate(() => window.cosite?.view().zoom),
      other.evaluate(() => window.cosite?.view().zoom),
    ]);
    expect(Math.abs((zoomHere ?? 0) - (zoomThere ?? 99))).toBeLessThan(0.05);
    await other.close();
    await page.getByTestId('toggle-population').click();
    await page.evaluate(() => window.cosite?.fitMainland());
    await waitForIdle();
  });

  it('switches to English and remembers it after a reload', async () => {
    await page.getByTestId('language-switch').click();
    await expect(page.locator('#layers-title').textContent()).resolves.toBe('Layers');
    await page.reload();
    await page.waitForFunction(() => window.cosite?.state().loadStatus === 'ready', undefined, { timeout: 120_000 });
    await expect(page.locator('#layers-title').textContent()).resolves.toBe('Layers');
    await page.getByTestId('language-switch').click();
    await expect(page.locator('#layers-title').textContent()).resolves.toBe('Lớp bản đồ');
  });
});
