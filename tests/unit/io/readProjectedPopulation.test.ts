import { writeArrayBuffer } from 'geotiff';
import { describe, expect, it } from 'vitest';
import { createFromWgs84 } from '../../../src/core/crs/transformToWgs84';
import { readPopulationGeoTiff } from '../../../src/core/io/readPopulationGeoTiff';
import { cellCenterLat, cellCenterLon, isNodata, type PopulationGrid } from '../../../src/core/model/populationGrid';

const SIZE = 40;
const CELL_M = 1000;

/** A 40 x 40 km raster of 1 km cells in a projected CRS, its top-left corner at the given easting/northing. */
function projectedTiff(keys: Record<string, unknown>, west: number, north: number, values: Float32Array): ArrayBuffer {
  return writeArrayBuffer(values, {
    width: SIZE,
    height: SIZE,
    BitsPerSample: [32],
    SampleFormat: [3],
    GTModelTypeGeoKey: 1,
    ModelPixelScale: [CELL_M, CELL_M, 0],
    ModelTiepoint: [0, 0, 0, west, north, 0],
    GDAL_NODATA: '-99999',
    ...keys,
  } as Parameters<typeof writeArrayBuffer>[1]) as ArrayBuffer;
}

function total(grid: PopulationGrid): number {
  let sum = 0;
  for (const value of grid.values) if (!isNodata(grid, value)) sum += value;
  return sum;
}

describe('readPopulationGeoTiff on projected rasters', () => {
  const values = Float32Array.from({ length: SIZE * SIZE }, (_, i) => (i % 7 === 0 ? -99999 : (i % 13) + 0.5));
  const expectedTotal = values.reduce((sum, v) => (v === -99999 ? sum : sum + v), 0);

  it('moves a WGS 84 / UTM 48N raster onto a geographic grid, conserving the total', async () => {
    const [west, north] = createFromWgs84('EPSG:32648')(105.6, 21.2) as [number, number];
    const grid = await readPopulationGeoTiff(projectedTiff({ ProjectedCSTypeGeoKey: 32648 }, west, north, values));
    expect(total(grid)).toBeCloseTo(expectedTotal, 0);
    expect(Math.abs(total(grid) - expectedTotal) / expectedTotal).toBeLessThan(1e-6);
    // About 1 km cells, about 40 x 40 of them (the UTM grid is slightly rotated against meridians).
    expect(grid.cellSizeLatDeg).toBeCloseTo(1000 / 110_574, 6);
    expect(grid.width).toBeGreaterThanOrEqual(40);
    expect(grid.width).toBeLessThan(44);
    expect(grid.originLon).toBeCloseTo(105.6, 1);
    expect(grid.originLat).toBeCloseTo(21.2, 1);
  });

  it('puts a single populated cell where it is', async () => {
    const one = new Float32Array(SIZE * SIZE);
    one[10 * SIZE + 20] = 1000; // row 10, column 20
    const [west, north] = createFromWgs84('EPSG:3405')(105.6, 21.2) as [number, number];
    const grid = await readPopulationGeoTiff(projectedTiff({ ProjectedCSTypeGeoKey: 3405 }, west, north, one));
    const [lon, lat] = [west + 20.5 * CELL_M, north - 10.5 * CELL_M] as [number, number];
    let found = -1;
    for (let i = 0; i < grid.values.length; i++) if (grid.values[i] > 0) found = i;
    const col = found % grid.width;
    const row = Math.floor(found / grid.width);
    const { createToWgs84 } = await import('../../../src/core/crs/transformToWgs84');
    const [trueLon, trueLat] = createToWgs84('EPSG:3405')(lon, lat) as [number, number];
    expect(Math.abs(cellCenterLon(grid, col) - trueLon)).toBeLessThan(grid.cellSizeLonDeg);
    expect(Math.abs(cellCenterLat(grid, row) - trueLat)).toBeLessThan(grid.cellSizeLatDeg);
    expect(total(grid)).toBeCloseTo(1000, 3);
  });

  it('takes the CRS from the caller when the raster says only "user-defined" (a VN-2000 TM-3 zone)', async () => {
    const [west, north] = createFromWgs84('vn2000:108.25')(108.0, 12.5) as [number, number];
    const tiff = projectedTiff({ ProjectedCSTypeGeoKey: 32767 }, west, north, values);
    await expect(readPopulationGeoTiff(tiff)).rejects.toThrow(/keys do not name/);
    const grid = await readPopulationGeoTiff(tiff, { crs: 'vn2000:Khánh Hòa' });
    expect(Math.abs(total(grid) - expectedTotal) / expectedTotal).toBeLessThan(1e-6);
    expect(grid.originLon).toBeCloseTo(108.0, 1);
  });
});
