import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildElevationMosaic, type ElevationMosaic } from '../../src/core/terrain/buildElevationMosaic';
import type { ElevationRaster } from '../../src/core/terrain/elevationRaster';
import { readElevationGeoTiff } from '../../src/core/terrain/readElevationGeoTiff';
import { sampleElevation } from '../../src/core/terrain/sampleElevation';
import {
  geoTiffJpegHugeFrame,
  geoTiffLercBomb,
  geoTiffWithStrips,
  geoTiffZstdBomb,
  zstdFrame,
} from '../fixtures/hostile/makeHostileFiles';
import { launchBrowser } from './launchBrowser';

const ARTIFACTS = 'tests/artifacts';
const NATIONAL = 'terrain-national-0.02deg.tif';
const DANANG = 'terrain-danang-1arcsec.tif';
/** Sơn Trà peak (PROVENANCE.md: 591-686 m in the 1″ file). */
const SON_TRA: [number, number] = [108.275, 16.119];
/** Heights of the synthetic tile imported below: a plateau, so any point of it reads this. */
const PLATEAU_M = 1234;

const vi = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });

let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
let demoRasters: ElevationRaster[];
let demoMosaic: ElevationMosaic;

async function waitForIdle() {
  await page.evaluate(() => window.cosite?.waitForMapIdle());
}

async function mapScreenshot(name: string): Promise<Buffer> {
  const png = await page.locator('[data-testid=map]').screenshot();
  writeFileSync(`${ARTIFACTS}/${name}`, png);
  return png;
}

/** Share of pixels whose colour moved by more than 12 (sum over RGB) between two screenshots of the same size. */
function changedShare(before: Buffer, after: Buffer): number {
  const a = PNG.sync.read(before);
  const b = PNG.sync.read(after);
  if (a.width !== b.width || a.height !== b.height) return 1;
  let changed = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    const delta =
      Math.abs(a.data[i] - b.data[i]) +
      Math.abs(a.data[i + 1] - b.data[i + 1]) +
      Math.abs(a.data[i + 2] - b.data[i + 2]);
    if (delta > 12) changed++;
  }
  return changed / (a.width * a.height);
}

/** Moves the pointer over a point of the map and returns the readout's text and the lon/lat it sampled. */
async function hover(lon: number, lat: number): Promise<{ text: string; lon: number; lat: number; source: string }> {
  const point = await page.evaluate(([x, y]) => window.cosite?.project(x, y), [lon, lat]);
  const box = await page.getByTestId('map').boundingBox();
  if (!point || !box) throw new Error('no map');
  // Two moves, as in the coverage test: the first may land while the map is still settling.
  await page.mouse.move(box.x + point.x - 1, box.y + point.y - 1);
  await page.mouse.move(box.x + point.x, box.y + point.y);
  const readout = page.getByTestId('ground-height');
  await readout.waitFor({ timeout: 10_000 });
  await expect
    .poll(async () => Number(await readout.getAttribute('data-lon')), { timeout: 10_000 })
    .toBeCloseTo(lon, 2);
  return {
    text: (await page.getByTestId('ground-height-value').textContent()) ?? '',
    lon: Number(await readout.getAttribute('data-lon')),
    lat: Number(await readout.getAttribute('data-lat')),
    source: (await page.locator('[data-testid=ground-height-source]').allTextContents()).join(''),
  };
}

/** The readout's text for a height, as the page writes it in Vietnamese (its default language). */
const heightText = (heightM: number) => `Độ cao mặt đất: ${vi.format(Math.round(heightM) + 0)} m`;

/** A 3″ SRTM tile (1201 x 1201 big-endian Int16) whose every sample is `heightM`. */
function plateauTile(heightM: number): Buffer {
  const bytes = Buffer.alloc(1201 * 1201 * 2);
  for (let i = 0; i < 1201 * 1201; i++) bytes.writeInt16BE(heightM, i * 2);
  return bytes;
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  demoRasters = await Promise.all(
    [NATIONAL, DANANG].map((name) => readElevationGeoTiff(new Uint8Array(readFileSync(`data/demo/${name}`)), name)),
  );
  demoMosaic = buildElevationMosaic(demoRasters, { allVoidStencil: 'next-dem' });
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

describe('terrain: hillshade, ground height, DEM import', () => {
  it('loads the demo DEMs and draws the hillshade, coarse under fine, with its legend and sources', async () => {
    const terrain = await page.evaluate(() => window.cosite?.terrain());
    expect(terrain?.names.slice().sort()).toEqual([DANANG, NATIONAL].sort());
    // Off at first.
    expect(await page.evaluate(() => window.cosite?.deckLayerIds().filter((id) => id.startsWith('terrain-')))).toEqual(
      [],
    );
    // The terrain alone (no masts, no population), over Sơn Trà and the city.
    await page.getByTestId('toggle-towers').click();
    await page.getByTestId('toggle-population').click();
    await page.evaluate(([lon, lat]) => window.cosite?.jumpTo(lon, lat, 11.5), SON_TRA);
    await waitForIdle();
    const before = await mapScreenshot('terrain-off.png');

    await page.getByTestId('toggle-terrain').click();
    await page.waitForFunction(() => window.cosite?.terrain().imagesStatus === 'done', undefined, {
      timeout: 60_000,
    });
    await page.waitForFunction(() => window.cosite?.deckLayerIds().includes('terrain-1'));
    const ids = await page.evaluate(() => window.cosite?.deckLayerIds() ?? []);
    // Under the population (when shown) and the masts: right after the choropleth, if any.
    expect(ids.filter((id) => id.startsWith('terrain-'))).toEqual(['terrain-0', 'terrain-1']);
    expect(await page.evaluate(() => window.cosite?.terrain().images)).toEqual([NATIONAL, DANANG]);
    await waitForIdle();
    const after = await mapScreenshot('terrain-on.png');
    await page.screenshot({ path: `${ARTIFACTS}/app-terrain.png` });
    expect(changedShare(before, after)).toBeGreaterThan(0.1);

    // The legend spans the lowest and highest height of the DEMs in use.
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (const raster of demoRasters) {
      for (const value of raster.heightsM) {
        if (value < min) min = value;
        if (value > max) max = value;
      }
    }
    await expect(page.getByTestId('terrain-legend-min').textContent()).resolves.toBe(`${vi.format(min)} m`);
    await expect(page.getByTestId('terrain-legend-max').textContent()).resolves.toBe(`${vi.format(max)} m`);
    await expect(page.getByTestId('terrain-sources').textContent()).resolves.toMatch(/SRTM30_PLUS/);
    await expect(page.getByTestId('attribution').textContent()).resolves.toMatch(
      /SRTM \(NASA\), SRTM30_PLUS \(Scripps\)/,
    );
    expect(pageErrors).toEqual([]);
  });

  it('reads the ground height under the pointer from the finest DEM, and "—" outside every DEM', async () => {
    await page.evaluate(([lon, lat]) => window.cosite?.jumpTo(lon, lat, 13), SON_TRA);
    await waitForIdle();
    const peak = await hover(SON_TRA[0], SON_TRA[1]);
    const expected = sampleElevation(demoMosaic, peak.lon, peak.lat);
    expect(expected).toBeGreaterThanOrEqual(591);
    expect(expected).toBeLessThanOrEqual(686);
    expect(peak.text).toBe(heightText(expected));
    expect(peak.source).toContain(DANANG);

    // East of the province's window (108.75°E) no DEM covers the sea.
    await page.evaluate(() => window.cosite?.jumpTo(109.2, 15.8, 10));
    await waitForIdle();
    const sea = await hover(109.2, 15.8);
    expect(sea.text).toBe('Độ cao mặt đất: —');
    expect(sea.source).toBe('');
  });

  it('adds a dropped .hgt to the terrain (the finest wins), refuses a broken one with its reason, and goes back', async () => {
    // Synthetic tile N15E107 (107-108°E, 15-16°N: the province's south-west) at 3″, finer than the 2 km grid.
    const target: [number, number] = [107.5, 15.5];
    await page.evaluate(([lon, lat]) => window.cosite?.jumpTo(lon, lat, 10), target);
    await waitForIdle();
    const viewBefore = await page.evaluate(() => window.cosite?.view());
    const demoHere = await hover(target[0], target[1]);
    expect(demoHere.source).toContain(NATIONAL);

    await page.getByTestId('terrain-file').setInputFiles([
      { name: 'N15E107.hgt', mimeType: 'application/octet-stream', buffer: plateauTile(PLATEAU_M) },
      { name: 'N16E107.hgt', mimeType: 'application/octet-stream', buffer: Buffer.alloc(10) },
    ]);
    const added = page.locator('[data-testid=terrain-import-message][data-status=added]');
    const refused = page.locator('[data-testid=terrain-import-message][data-status=refused]');
    await added.waitFor({ timeout: 60_000 });
    await expect(added.textContent()).resolves.toMatch(/^N15E107\.hgt: Đã thêm — 1\.201 x 1\.201 điểm/);
    await expect(added.textContent()).resolves.toContain(`${vi.format(PLATEAU_M)} – ${vi.format(PLATEAU_M)} m`);
    await expect(refused.textContent()).resolves.toMatch(/^N16E107\.hgt: Không dùng được — .*1201 x 1201/);

    await page.waitForFunction(() => window.cosite?.terrain().names.includes('N15E107.hgt'));
    await page.waitForFunction(() => window.cosite?.terrain().images.includes('N15E107.hgt'), undefined, {
      timeout: 60_000,
    });
    await page.waitForFunction(() => window.cosite?.deckLayerIds().includes('terrain-2'));
    await waitForIdle();
    // The map stays where it was (a new DEM does not rebuild it).
    const viewAfter = await page.evaluate(() => window.cosite?.view());
    expect(viewAfter?.zoom).toBeCloseTo(viewBefore?.zoom ?? 0, 3);
    expect(viewAfter?.lon).toBeCloseTo(viewBefore?.lon ?? 0, 4);
    await mapScreenshot('terrain-imported.png');

    const imported = await hover(target[0], target[1]);
    expect(imported.text).toBe(heightText(PLATEAU_M));
    expect(imported.source).toContain('N15E107.hgt');

    // Kept in this browser: after a reload the imported tile is there again, and answers the same.
    await expect(page.getByTestId('terrain-kept').getAttribute('data-kept')).resolves.toBe('true');
    const reload = async () => {
      await page.reload();
      await page.waitForFunction(() => window.cosite?.state().loadStatus === 'ready', undefined, { timeout: 120_000 });
      await page.evaluate(([lon, lat]) => window.cosite?.jumpTo(lon, lat, 10), target);
      await waitForIdle();
    };
    await reload();
    await page.waitForFunction(() => window.cosite?.terrain().names.includes('N15E107.hgt'));
    const afterReload = await hover(target[0], target[1]);
    expect(afterReload.text).toBe(heightText(PLATEAU_M));
    expect(afterReload.source).toContain('N15E107.hgt');

    // Back to the demo terrain: the national grid answers again, and a reload does not bring the tile back.
    await page.getByTestId('restore-demo-terrain').click();
    await page.waitForFunction(() => window.cosite?.terrain().names.length === 2);
    await reload();
    await expect(page.evaluate(() => window.cosite?.terrain().names.length)).resolves.toBe(2);
    const restored = await hover(target[0] + 0.01, target[1]);
    expect(restored.text).toBe(heightText(sampleElevation(demoMosaic, restored.lon, restored.lat)));
    expect(restored.source).toContain(NATIONAL);
    expect(pageErrors).toEqual([]);
  });

  it('reads Zstandard and PackBits DEMs, and refuses hostile ones and LERC with their reason in the panel', async () => {
    // A 20 x 20 plateau of 0.01° cells from 107.9°E 16.0°N (inside the province), one strip per row.
    const side = 20;
    const heightsM = 777;
    const row = new Uint8Array(new Float32Array(side).fill(heightsM).buffer);
    const rows = (make: () => Uint8Array) => Array.from({ length: side }, make);
    const at = { originLon: 107.9, originLat: 16.0 };
    const literal = (bytes: Uint8Array) => {
      const out: number[] = [];
      for (let i = 0; i < bytes.length; i += 128) {
        const piece = bytes.subarray(i, i + 128);
        out.push(piece.length - 1, ...piece);
      }
      return Uint8Array.from(out);
    };
    const good: [string, Uint8Array][] = [
      [
        'plateau-zstd.tif',
        geoTiffWithStrips(
          side,
          side,
          1,
          50000,
          rows(() => zstdFrame([row])),
          at,
        ),
      ],
      [
        'plateau-packbits.tif',
        geoTiffWithStrips(
          side,
          side,
          1,
          32773,
          rows(() => literal(row)),
          at,
        ),
      ],
    ];
    const hostile: [string, Uint8Array, RegExp][] = [
      ['zstd_bomb_2gb.tif', geoTiffZstdBomb(), /Zstandard.*16 bytes/],
      // Worded in Vietnamese from their codes (the page is in Vietnamese); the zstd bomb's reason is the decoder's own.
      ['lerc_bomb.tif', geoTiffLercBomb(), /không đọc ảnh nén LERC \(bộ giải nén của nó không giới hạn được/],
      ['jpeg_20000px.tif', geoTiffJpegHugeFrame(), /không đọc ảnh nén JPEG \(đây là cách nén ảnh màu 8 bit/],
    ];
    const started = Date.now();
    await page.getByTestId('terrain-file').setInputFiles(
      [...good, ...hostile].map(([name, bytes]) => ({
        name,
        mimeType: 'image/tiff',
        buffer: Buffer.from(bytes),
      })),
    );
    const messages = page.locator('[data-testid=terrain-import-message]');
    await expect
      .poll(
        async () =>
          (await messages.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-status')))).join(),
        {
          timeout: 60_000,
        },
      )
      .toBe('added,added,refused,refused,refused');
    const seconds = (Date.now() - started) / 1000;
    const texts = await messages.allTextContents();
    for (const [index, [name]] of good.entries()) {
      expect(texts[index]).toMatch(new RegExp(`^${name}: Đã thêm — 20 x 20 điểm`));
      expect(texts[index]).toContain(`${vi.format(heightsM)} – ${vi.format(heightsM)} m`);
    }
    for (const [index, [name, , reason]] of hostile.entries()) {
      expect(texts[good.length + index]).toMatch(new RegExp(`^${name}: Không dùng được — `));
      expect(texts[good.length + index]).toMatch(reason);
    }
    await messages.first().scrollIntoViewIfNeeded();
    writeFileSync(`${ARTIFACTS}/terrain-compressions.png`, await page.screenshot());
    console.log(`  five DEMs read in the page in ${seconds.toFixed(1)} s`);

    await page.getByTestId('restore-demo-terrain').click();
    await page.waitForFunction(() => window.cosite?.terrain().names.length === 2);
    expect(pageErrors).toEqual([]);
  });
});
