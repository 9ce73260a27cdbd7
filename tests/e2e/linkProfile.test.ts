import { mkdirSync, readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildElevationMosaic, type ElevationMosaic } from '../../src/core/terrain/buildElevationMosaic';
import { computeLinkProfile } from '../../src/core/terrain/computeLinkProfile';
import { computeViewshed } from '../../src/core/terrain/computeViewshed';
import { readElevationGeoTiff } from '../../src/core/terrain/readElevationGeoTiff';
import { launchBrowser } from './launchBrowser';

const ARTIFACTS = 'tests/artifacts';
const DEMS = ['terrain-national-0.02deg.tif', 'terrain-danang-1arcsec.tif'];
/** Hải Châu, in the 1″ DEM: the mast nearest to it is the viewshed's and the link's first end. */
const CITY_CENTRE: [number, number] = [108.21, 16.06];
/** A mast 10.8 km west, in the hills (its nearest neighbour is 770 m away: one mast under the pointer at zoom 12). */
const FAR_MAST_ID = 'VN25-000393';
/** A custom point clicked on the map, south of the centre, in the 1″ DEM. */
const CUSTOM_POINT: [number, number] = [108.235, 16.02];

const vi = (value: number, fractionDigits = 0) =>
  new Intl.NumberFormat('vi-VN', {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  }).format(value);

interface Mast {
  index: number;
  id: string;
  lon: number;
  lat: number;
  heightM: number | null;
}

let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
let mosaic: ElevationMosaic;
let mast: Mast;
let farMast: Mast;

async function waitForIdle() {
  await page.evaluate(() => window.cosite?.waitForMapIdle());
}

/** Clicks the map at a longitude/latitude (as a person would). */
async function clickMap(lon: number, lat: number) {
  const point = await page.evaluate(([x, y]) => window.cosite?.project(x, y), [lon, lat]);
  const box = await page.getByTestId('map').boundingBox();
  if (!point || !box) throw new Error('no map');
  // deck.gl picks on hover first, as a person's pointer would (see app.test.ts).
  await page.mouse.move(box.x + point.x, box.y + point.y);
  await waitForIdle();
  await page.mouse.click(box.x + point.x, box.y + point.y);
}

async function waitForTool(tool: 'viewshed' | 'link'): Promise<string> {
  await page.waitForFunction(
    (name) => {
      const status = window.cosite?.terrainTools()[name as 'viewshed' | 'link'].status;
      return status !== 'running' && status !== 'idle';
    },
    tool,
    { timeout: 120_000 },
  );
  return (await page.evaluate((name) => window.cosite?.terrainTools()[name as 'viewshed' | 'link'].status, tool)) ?? '';
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  // The app's terrain: both demo DEMs, one mosaic, finest first, a void stencil asking the next DEM.
  const rasters = await Promise.all(
    DEMS.map((name) => readElevationGeoTiff(new Uint8Array(readFileSync(`data/demo/${name}`)), name)),
  );
  mosaic = buildElevationMosaic(rasters, { allVoidStencil: 'next-dem' });
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(inject('baseUrl'));
  await page.waitForFunction(() => window.cosite?.state().loadStatus === 'ready', undefined, { timeout: 120_000 });
  const masts = await page.evaluate(
    ([centre, farId]) => {
      const towers = window.cosite?.state().dataset?.towers ?? [];
      const describe = (index: number) => {
        const tower = towers[index];
        return { index, id: tower.id, lon: tower.lon, lat: tower.lat, heightM: tower.heightM };
      };
      let nearest = 0;
      let nearestSquared = Number.POSITIVE_INFINITY;
      towers.forEach((tower, index) => {
        const squared = (tower.lon - (centre as number[])[0]) ** 2 + (tower.lat - (centre as number[])[1]) ** 2;
        if (squared < nearestSquared) [nearest, nearestSquared] = [index, squared];
      });
      return { mast: describe(nearest), farMast: describe(towers.findIndex((tower) => tower.id === farId)) };
    },
    [CITY_CENTRE, FAR_MAST_ID] as const,
  );
  mast = masts.mast;
  farMast = masts.farMast;
  // The terrain under the tools, without the population grid.
  await page.getByTestId('toggle-population').click();
  await page.getByTestId('toggle-terrain').click();
  await page.waitForFunction(() => window.cosite?.terrain().imagesStatus === 'done', undefined, { timeout: 60_000 });
  await waitForIdle();
});

afterAll(async () => {
  await browser?.close();
});

describe('viewshed and link profile in the inspect panel', () => {
  it('shows the progress of a viewshed and cancels it', async () => {
    await page.evaluate((index) => window.cosite?.select(index), mast.index);
    // 20 km over the 1″ DEM: some 700,000 cells, seconds of work.
    await page.getByTestId('viewshed-radius').fill('20000');
    await page.getByTestId('viewshed-run').click();
    await page.getByTestId('viewshed-progress').waitFor({ timeout: 10_000 });
    await page.getByTestId('viewshed-cancel').click();
    expect(await waitForTool('viewshed')).toBe('cancelled');
    await expect(page.getByTestId('inspect-panel').textContent()).resolves.toContain('Đã hủy');
  });

  it("computes a mast's viewshed as computeViewshed does in Node, and draws it", async () => {
    await page.getByTestId('viewshed-radius').fill('5000');
    await page.evaluate(([lon, lat]) => window.cosite?.jumpTo(lon, lat, 12.3), [mast.lon, mast.lat]);
    await page.getByTestId('viewshed-run').click();
    expect(await waitForTool('viewshed')).toBe('done');
    const expected = await computeViewshed(mosaic, {
      siteLonDeg: mast.lon,
      siteLatDeg: mast.lat,
      heightM: mast.heightM ?? 30,
      radiusM: 5000,
      targetHeightM: 1.5,
    });
    const tools = await page.evaluate(() => window.cosite?.terrainTools());
    expect(tools?.viewshed.figures).toMatchObject({
      visibleCells: expected.visibleCells,
      cellsInRadius: expected.cellsInRadius,
      demName: 'terrain-danang-1arcsec.tif',
    });
    expect(expected.cellsInRadius).toBeGreaterThan(50_000);
    await expect(page.getByTestId('viewshed-visible-cells').textContent()).resolves.toBe(vi(expected.visibleCells));
    await expect(page.getByTestId('viewshed-cells-in-radius').textContent()).resolves.toBe(vi(expected.cellsInRadius));
    await expect(page.getByTestId('viewshed-percent').textContent()).resolves.toBe(
      `${vi(expected.visibleFraction * 100, 1)} %`,
    );
    await page.waitForFunction(() => window.cosite?.deckLayerIds().includes('viewshed'));
    await waitForIdle();
    await page.getByTestId('viewshed-result').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}/viewshed.png` });
  });

  it('computes the viewshed of a custom point clicked on the map', async () => {
    await page.evaluate(([lon, lat]) => window.cosite?.jumpTo(lon, lat, 12.3), CUSTOM_POINT);
    await waitForIdle();
    await page.getByTestId('viewshed-custom-point').click();
    await clickMap(...CUSTOM_POINT);
    await page.waitForFunction(() => window.cosite?.terrainTools().customPoint !== null);
    const point = (await page.evaluate(() => window.cosite?.terrainTools().customPoint)) as [number, number];
    expect(point[0]).toBeCloseTo(CUSTOM_POINT[0], 3);
    expect(point[1]).toBeCloseTo(CUSTOM_POINT[1], 3);
    // The click chose a point, not a mast: the selection stays.
    expect(await page.evaluate(() => window.cosite?.state().selectedTowerIndex)).toBe(mast.index);
    await expect(page.getByTestId('viewshed-site').textContent()).resolves.toContain('Điểm tùy chọn');
    await page.getByTestId('viewshed-height').fill('12');
    await page.getByTestId('viewshed-run').click();
    expect(await waitForTool('viewshed')).toBe('done');
    const expected = await computeViewshed(mosaic, {
      siteLonDeg: point[0],
      siteLatDeg: point[1],
      heightM: 12,
      radiusM: 5000,
      targetHeightM: 1.5,
    });
    const figures = (await page.evaluate(() => window.cosite?.terrainTools().viewshed.figures)) ?? {};
    expect([figures.visibleCells, figures.cellsInRadius]).toEqual([expected.visibleCells, expected.cellsInRadius]);
    await expect(page.getByTestId('viewshed-visible-cells').textContent()).resolves.toBe(vi(expected.visibleCells));
    await page.waitForFunction(() => window.cosite?.deckLayerIds().includes('viewshed-point'));
    // Cleared: off the panel and the map.
    await page.getByTestId('viewshed-clear').click();
    await page.waitForFunction(() => !window.cosite?.deckLayerIds().includes('viewshed'));
    expect(pageErrors).toEqual([]);
  });

  it('draws the link profile to a mast clicked on the map, with the figures of computeLinkProfile in Node', async () => {
    await page.evaluate(([a, b]) => window.cosite?.jumpTo((a.lon + b.lon) / 2, (a.lat + b.lat) / 2, 12), [
      mast,
      farMast,
    ] as const);
    await waitForIdle();
    // Picking shows a crosshair over the map; Escape leaves the mode without picking anything.
    await page.getByTestId('link-pick').click();
    await expect(page.getByTestId('map').getAttribute('data-picking')).resolves.toBe('true');
    const cursor = await page.evaluate(() => {
      const canvas = document.querySelector('[data-testid=map] canvas');
      return canvas ? getComputedStyle(canvas).cursor : null;
    });
    expect(cursor).toBe('crosshair');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('map').getAttribute('data-picking')).resolves.toBe('false');
    await expect(page.getByTestId('link-pick').getAttribute('aria-pressed')).resolves.toBe('false');
    await page.getByTestId('link-pick').click();
    await clickMap(farMast.lon, farMast.lat);
    expect(await waitForTool('link')).toBe('done');
    const tools = await page.evaluate(() => window.cosite?.terrainTools());
    expect(tools?.link.figures).not.toBeNull();
    expect(await page.getByTestId('link-ends').textContent()).toContain(`${mast.id} → ${FAR_MAST_ID}`);
    // Still the first mast selected: the click picked the far end.
    expect(await page.evaluate(() => window.cosite?.state().selectedTowerIndex)).toBe(mast.index);
    const expected = computeLinkProfile(mosaic, {
      fromLonDeg: mast.lon,
      fromLatDeg: mast.lat,
      toLonDeg: farMast.lon,
      toLatDeg: farMast.lat,
      txHeightM: mast.heightM ?? 30,
      rxHeightM: farMast.heightM ?? 30,
      frequencyMHz: 15000,
    });
    const figures = tools?.link.figures ?? {};
    expect(figures).toMatchObject({
      distanceKm: expected.distanceKm,
      lineOfSight: expected.lineOfSight,
      minClearancePercentF1: expected.minClearancePercentF1,
    });
    // Chromium's V8 and Node's may round a transcendental function's last bit differently (seen: 1e-11 dB apart).
    expect(figures.diffractionLossDb).toBeCloseTo(expected.diffractionLossDb, 9);
    expect(figures.freeSpaceLossDb).toBeCloseTo(expected.freeSpaceLossDb, 9);
    await expect(page.getByTestId('link-distance').textContent()).resolves.toBe(`${vi(expected.distanceKm, 2)} km`);
    await expect(page.getByTestId('link-diffraction-loss').textContent()).resolves.toBe(
      `${vi(expected.diffractionLossDb, 1)} dB`,
    );
    await expect(page.getByTestId('link-path-loss').textContent()).resolves.toBe(`${vi(expected.pathLossDb, 1)} dB`);
    await expect(page.getByTestId('link-line-of-sight').textContent()).resolves.toBe(
      expected.lineOfSight ? 'Có' : 'Không',
    );
    await expect(page.getByTestId('link-min-clearance').textContent()).resolves.toBe(
      `${vi(expected.minClearancePercentF1 ?? 0)} % F1 tại km ${vi(expected.minClearanceDistanceKm ?? 0, 2)}`,
    );
    // The chart: the terrain and the line of sight drawn, the axes labelled.
    const chart = page.getByTestId('link-profile-chart');
    expect(await chart.locator('path').count()).toBeGreaterThanOrEqual(7);
    await expect(chart.textContent()).resolves.toContain('Khoảng cách (km)');
    await page.waitForFunction(() => window.cosite?.deckLayerIds().includes('link-profile'));
    await waitForIdle();
    await page.getByTestId('link-result').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}/link-profile.png` });
    await page.getByTestId('link-result').screenshot({ path: `${ARTIFACTS}/link-profile-chart.png` });

    // Another band from the list: 7 GHz widens F1 by √(15/7); the losses follow.
    await page.getByRole('button', { name: '7 GHz' }).click();
    await page.getByTestId('link-draw').click();
    await page.waitForFunction(() => {
      const link = window.cosite?.terrainTools().link;
      return link?.status === 'done' && (link.request as { frequencyMHz: number }).frequencyMHz === 7000;
    });
    const at7 = computeLinkProfile(mosaic, {
      fromLonDeg: mast.lon,
      fromLatDeg: mast.lat,
      toLonDeg: farMast.lon,
      toLatDeg: farMast.lat,
      txHeightM: mast.heightM ?? 30,
      rxHeightM: farMast.heightM ?? 30,
      frequencyMHz: 7000,
    });
    await expect(page.getByTestId('link-diffraction-loss').textContent()).resolves.toBe(
      `${vi(at7.diffractionLossDb, 1)} dB`,
    );
    expect(pageErrors).toEqual([]);
  });
});
