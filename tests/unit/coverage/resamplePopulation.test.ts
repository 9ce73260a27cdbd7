import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { makeAnalysisGrid } from '../../../src/core/geo/makeAnalysisGrid';
import { maskCellCentresInPolygons } from '../../../src/core/geo/maskCellCentresInPolygons';
import { parseBoundaryGeoJson } from '../../../src/core/geo/parseBoundaryGeoJson';
import { readPopulationGeoTiff } from '../../../src/core/io/readPopulationGeoTiff';
import type { PopulationGrid } from '../../../src/core/model/populationGrid';
import { resamplePopulation } from '../../../src/core/population/resamplePopulation';
import { sumPopulation } from '../../../src/core/population/sumPopulation';

const repository = fileURLToPath(new URL('../../../', import.meta.url));

function total(values: Float64Array): number {
  let sum = 0;
  for (const value of values) if (!Number.isNaN(value)) sum += value;
  return sum;
}

const tiny: PopulationGrid = {
  width: 2,
  height: 2,
  originLon: 108,
  originLat: 16,
  cellSizeLonDeg: 1,
  cellSizeLatDeg: 1,
  nodata: -1,
  values: Float32Array.of(100, -1, 40, 8),
};

describe('resamplePopulation', () => {
  it('splits a cell by its area on the sphere (hand-computed)', () => {
    // Cell (0,0) spans 15-16°N. Split in 2 x 2: the northern half holds (sin 16° - sin 15.5°) / (sin 16° - sin 15°)
    // = (0.275637 - 0.267238) / (0.275637 - 0.258819) = 0.008399 / 0.016818 = 0.49942 of its area.
    const target = { width: 4, height: 4, originLon: 108, originLat: 16, cellSizeLonDeg: 0.5, cellSizeLatDeg: 0.5 };
    const result = resamplePopulation(tiny, target);
    const north =
      (Math.sin((16 * Math.PI) / 180) - Math.sin((15.5 * Math.PI) / 180)) /
      (Math.sin((16 * Math.PI) / 180) - Math.sin((15 * Math.PI) / 180));
    expect(north).toBeCloseTo(0.49942, 4);
    expect(result.values[0]).toBeCloseTo(100 * north * 0.5, 9);
    expect(result.values[4]).toBeCloseTo(100 * (1 - north) * 0.5, 9);
    expect(Number.isNaN(result.values[2])).toBe(true); // under the nodata cell
    expect(total(result.values)).toBeCloseTo(148, 9);
  });

  it('conserves the total on a misaligned grid and drops what falls outside it', () => {
    // Cells of 0.3° x 0.7° starting inside the source: partial overlaps everywhere.
    const inside = { width: 8, height: 4, originLon: 107.9, originLat: 16.1, cellSizeLonDeg: 0.3, cellSizeLatDeg: 0.7 };
    expect(total(resamplePopulation(tiny, inside).values)).toBeCloseTo(148, 9);
    // Only the western half of the source: 100/2 + 40/2 = 70
    const west = { width: 1, height: 2, originLon: 108, originLat: 16, cellSizeLonDeg: 0.5, cellSizeLatDeg: 1 };
    expect(total(resamplePopulation(tiny, west).values)).toBeCloseTo(70, 9);
  });

  it('conserves the demo province total on the 100 m analysis grid, to a millionth of a person', async () => {
    const bytes = readFileSync(`${repository}data/demo/population.tif`);
    const grid = await readPopulationGeoTiff(new Uint8Array(bytes).buffer);
    const analysis = makeAnalysisGrid(grid, 100);
    const resampled = resamplePopulation(grid, analysis);
    expect(resampled.values.length).toBe(1656 * 1386);
    expect(Math.abs(total(resampled.values) - sumPopulation(grid))).toBeLessThan(1e-6);
    // Aligned: every analysis cell lies in one source cell, so cells with data are exactly 81 per source cell.
    let withData = 0;
    for (const value of resampled.values) if (!Number.isNaN(value)) withData++;
    let sourceWithData = 0;
    for (const value of grid.values) if (value !== grid.nodata) sourceWithData++;
    expect(withData).toBe(81 * sourceWithData);
  });

  it('leaves out source cells outside the mask, as the boundary total does', async () => {
    const bytes = readFileSync(`${repository}data/demo/population.tif`);
    const grid = await readPopulationGeoTiff(new Uint8Array(bytes).buffer);
    const polygons = parseBoundaryGeoJson(
      readFileSync(`${repository}tests/fixtures/boundary/da_nang_pentagon_with_hole.geojson`, 'utf8'),
    );
    const mask = maskCellCentresInPolygons(grid, polygons);
    const resampled = resamplePopulation(grid, makeAnalysisGrid(grid, 250), mask);
    expect(Math.abs(total(resampled.values) - sumPopulation(grid, mask))).toBeLessThan(1e-6);
  });
});
