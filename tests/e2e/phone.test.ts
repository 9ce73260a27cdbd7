import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from './launchBrowser';
import { countPixelsWhere } from './pixels';

const ARTIFACTS = 'tests/artifacts';
const WIDTH = 390;
const HEIGHT = 844;

let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

type Box = { x: number; y: number; width: number; height: number };

async function boxOf(selector: string): Promise<Box> {
  const box = await page.locator(selector).first().boundingBox();
  if (!box) throw new Error(`${selector} is not on screen`);
  return box;
}

const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

async function waitForIdle() {
  await page.evaluate(() => window.cosite?.waitForMapIdle());
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await launchBrowser();
  context = await browser.newContext({
    viewport: { width: WIDTH, height: HEIGHT },
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 1,
  });
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(inject('baseUrl'));
  await page.waitForFunction(() => window.cosite?.state().loadStatus === 'ready', undefined, { timeout: 120_000 });
  await waitForIdle();
});

afterAll(async () => {
  await browser?.close();
});

describe('the app on a 390 × 844 phone', () => {
  it('gives the screen to the map, folds the sources into an (i) and keeps the buttons off the map controls', async () => {
    const canvas = await boxOf('[data-testid=map] canvas.maplibregl-canvas');
    const visibleWidth = Math.min(WIDTH, canvas.x + canvas.width) - Math.max(0, canvas.x);
    const visibleHeight = Math.min(HEIGHT, canvas.y + canvas.height) - Math.max(0, canvas.y);
    expect((visibleWidth * visibleHeight) / (WIDTH * HEIGHT)).toBeGreaterThanOrEqual(0.6);
    // The side bar is closed: a sheet the panel button opens.
    await expect(page.getByTestId('sidebar').isVisible()).resolves.toBe(false);

    const attribution = await boxOf('[data-testid=attribution]');
    expect(attribution.width).toBeLessThanOrEqual(40);
    expect(attribution.height).toBeLessThanOrEqual(40);

    const controls = {
      province: await boxOf('[data-testid=view-province]'),
      country: await boxOf('[data-testid=view-country]'),
      table: await boxOf('[data-testid=toggle-table]'),
      zoom: await boxOf('.maplibregl-ctrl-top-right .maplibregl-ctrl-group'),
      scale: await boxOf('.maplibregl-ctrl-scale'),
      attribution,
      panel: await boxOf('[data-testid=panel-toggle]'),
    };
    const names = Object.keys(controls) as Array<keyof typeof controls>;
    const clashes: string[] = [];
    for (const [i, a] of names.entries()) {
      const box = controls[a];
      if (box.x < 0 || box.y < 0 || box.x + box.width > WIDTH || box.y + box.height > HEIGHT)
        clashes.push(`${a} off screen`);
      for (const b of names.slice(i + 1)) if (overlaps(box, controls[b])) clashes.push(`${a} × ${b}`);
    }
    expect(clashes).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}/phone-map.png` });

    // Tapped, the (i) opens the sources; tapped again, it folds them.
    await page.getByTestId('attribution-toggle').tap();
    const open = await boxOf('[data-testid=attribution]');
    expect(open.width).toBeGreaterThan(200);
    await expect(page.getByTestId('attribution').textContent()).resolves.toMatch(/OpenStreetMap|WorldPop/);
    await page.screenshot({ path: `${ARTIFACTS}/phone-sources.png` });
    await page.getByTestId('attribution-toggle').tap();
    expect((await boxOf('[data-testid=attribution]')).width).toBeLessThanOrEqual(40);
  });

  it('opens the side bar as a sheet, runs the fixed-radius coverage and shows its figure over a grey population', async () => {
    await page.getByTestId('panel-toggle').tap();
    await expect(page.getByTestId('sidebar').isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('population-legend').getAttribute('data-ramp')).resolves.toBe('colour');
    await page.getByTestId('tab-coverage').tap();
    await page.getByTestId('run-coverage').tap();
    await page.getByTestId('covered-any').waitFor({ timeout: 60_000 });
    const covered = Number(((await page.getByTestId('covered-any').textContent()) ?? '').replace(/[^\d]/g, ''));
    expect(covered).toBeGreaterThan(100_000);
    await page.getByTestId('covered-any').scrollIntoViewIfNeeded();
    // The map still shows above the sheet.
    const sheet = await boxOf('[data-testid=sidebar]');
    expect(sheet.y).toBeGreaterThan(HEIGHT * 0.3);
    await waitForIdle();
    await page.screenshot({ path: `${ARTIFACTS}/phone-sidebar.png` });

    // While coverage shows, the population is drawn in greys, and its legend says so.
    await page.getByTestId('tab-overview').tap();
    await expect(page.getByTestId('population-legend').getAttribute('data-ramp')).resolves.toBe('grey');
    await expect(page.getByTestId('population-grey-note').textContent()).resolves.toMatch(/Xám|Grey/);
    await page.getByTestId('panel-toggle').tap();
    await expect(page.getByTestId('sidebar').isVisible()).resolves.toBe(false);
    await waitForIdle();
    await page.screenshot({ path: `${ARTIFACTS}/phone-coverage.png` });
    expect(pageErrors).toEqual([]);
  });

  it('draws the signal raster legibly at the province zoom: the gaps where people live as areas', async () => {
    await page.getByTestId('panel-toggle').tap();
    await page.getByTestId('tab-coverage').tap();
    await page.getByTestId('mode-signal').tap();
    await page.getByTestId('run-signal').tap();
    await page.waitForFunction(() => window.cosite?.state().signalRun.status === 'done', undefined, {
      timeout: 180_000,
      polling: 500,
    });
    await expect(page.getByTestId('signal-legend-gap').isVisible()).resolves.toBe(true);
    await page.getByTestId('panel-toggle').tap();
    await page.evaluate(() => window.cosite?.jumpTo(108.1, 16.05, 9));
    await waitForIdle();
    // At the province's zoom a 100 m cell is a third of a pixel: the gaps where people live (100 per km² or more) read
    // as magenta areas.
    const isGapMagenta = (r: number, g: number, b: number) => r > 150 && g < 100 && b > 90;
    const withMasts = await page.screenshot({ path: `${ARTIFACTS}/phone-signal-zoom9.png` });
    const gapPixels = countPixelsWhere(withMasts, isGapMagenta);
    console.log(`gap pixels at zoom 9: ${gapPixels}`);
    expect(gapPixels).toBeGreaterThan(300);
    await page.getByTestId('panel-toggle').tap();
    await page.getByTestId('tab-overview').tap();
    await page.getByTestId('toggle-towers').tap();
    await page.getByTestId('panel-toggle').tap();
    await waitForIdle();
    await page.screenshot({ path: `${ARTIFACTS}/phone-signal-zoom9-no-masts.png` });
    expect(pageErrors).toEqual([]);
  });
});
