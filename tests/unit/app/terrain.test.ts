import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildProvinceTerrain, rastersCoarseFirst } from '../../../src/app/data/provinceTerrain';
import { describeGroundHeight } from '../../../src/app/map/GroundHeightReadout';
import { describeDemFile } from '../../../src/app/terrain/describeDemFile';
import { isElevationFileName, readElevationFile } from '../../../src/core/terrain/readElevationFile';
import { summarizeElevationRaster } from '../../../src/core/terrain/summarizeElevationRaster';

/** A 3″ SRTM tile (1201 x 1201 big-endian Int16) whose every sample is `heightM`. */
function hgtBytes(heightM: number): Uint8Array {
  const bytes = new Uint8Array(1201 * 1201 * 2);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < 1201 * 1201; i++) view.setInt16(i * 2, heightM, false);
  return bytes;
}

async function demoRasters() {
  const read = async (name: string) => {
    const result = await readElevationFile(new Uint8Array(readFileSync(`data/demo/${name}`)), name);
    if ('error' in result) throw new Error(result.error);
    return result.raster;
  };
  return [await read('terrain-national-0.02deg.tif'), await read('terrain-danang-1arcsec.tif')];
}

describe('the province terrain on the page', () => {
  it('reads DEMs by name and refuses what is not one, with the reader’s reason', async () => {
    expect(['N16E108.hgt', 'N16E108.SRTMGL1.hgt.zip', 'dem.TIF', 'dem.tiff'].every(isElevationFileName)).toBe(true);
    expect(['masts.zip', 'towers.csv', 'towers.geojson'].some(isElevationFileName)).toBe(false);
    const tile = await readElevationFile(hgtBytes(40), 'N15E107.hgt');
    expect('raster' in tile && tile.raster.width).toBe(1201);
    const short = await readElevationFile(new Uint8Array(10), 'N15E107.hgt');
    expect('error' in short && short.error).toMatch(/1201 x 1201/);
  });

  it('draws the coarse grid first and samples the finest where both cover a point', async () => {
    const [national, danang] = await demoRasters();
    const terrain = buildProvinceTerrain([danang, national], [danang, national]);
    expect(rastersCoarseFirst(terrain).map((raster) => raster.name)).toEqual([
      'terrain-national-0.02deg.tif',
      'terrain-danang-1arcsec.tif',
    ]);
    // The 1″ extract dips below sea level over water (SRTM noise); the national grid's highest pixel is 2,180 m.
    expect(terrain.rangeM).toEqual([-25, 2180]);
    const peak = describeGroundHeight(terrain, 108.275, 16.119, 'en');
    expect(peak.source).toBe('terrain-danang-1arcsec.tif');
    const metres = Number(/Ground height: ([\d,]+) m/.exec(peak.text)?.[1].replace(/,/g, ''));
    expect(metres).toBeGreaterThanOrEqual(591);
    expect(metres).toBeLessThanOrEqual(686);
    // West of the 1″ extract only the national grid covers the point; far away nothing does.
    expect(describeGroundHeight(terrain, 107.5, 15.5, 'vi').source).toBe('terrain-national-0.02deg.tif');
    expect(describeGroundHeight(terrain, 105, 21, 'vi')).toEqual({ text: 'Độ cao mặt đất: —', source: null });
  });

  it('says per file what was read, or why it was refused, in both languages', async () => {
    const tile = await readElevationFile(hgtBytes(40), 'N15E107.hgt');
    if (!('raster' in tile)) throw new Error('unread');
    const summary = summarizeElevationRaster(tile.raster);
    const added = describeDemFile({ fileName: 'N15E107.hgt', status: 'added', summary, reason: null }, 'en');
    expect(added).toMatch(/^N15E107\.hgt: Added — 1,201 x 1,201 samples, spacing 89 x 93 m/);
    expect(added).toMatch(/extent 107\.000–108\.000°E, 15\.000–16\.000°N, heights 40 – 40 m$/);
    const refused = describeDemFile(
      { fileName: 'x.hgt', status: 'refused', summary: null, reason: 'an SRTM .hgt tile is …' },
      'vi',
    );
    expect(refused).toBe('x.hgt: Không dùng được — lý do (tiếng Anh): an SRTM .hgt tile is …');
    expect(
      describeDemFile({ fileName: 'N21E105.hgt', status: 'refused', summary, reason: 'outside-province' }, 'en'),
    ).toBe('N21E105.hgt: Refused — outside the province: it covers none of it');
  });
});
