import type { GridGeometry } from '../geo/maskCellCentresInPolygons';
import { createYieldClock, type LongCallOptions } from '../util/cooperativeLoop';
import type { ElevationMosaic } from './buildElevationMosaic';
import { sampleElevation } from './sampleElevation';

/**
 * Ground heights at the centres of a grid's cells (row-major), m above sea level, from a mosaic of DEMs (the finest
 * covering each centre wins; see sampleElevation). A centre outside every DEM gets 0 m (sea level): the national
 * grid covers the whole mainland, so such cells are at sea; `outsideCount` says how many there were.
 */
export async function sampleTerrainGrid(
  mosaic: ElevationMosaic,
  grid: GridGeometry,
  options: LongCallOptions = {},
): Promise<{ groundM: Float32Array; outsideCount: number }> {
  const { width, height, originLon, originLat, cellSizeLonDeg, cellSizeLatDeg } = grid;
  const groundM = new Float32Array(width * height);
  const checkpoint = createYieldClock(options);
  let outsideCount = 0;
  for (let row = 0; row < height; row++) {
    await checkpoint(row / height);
    const lat = originLat - (row + 0.5) * cellSizeLatDeg;
    for (let col = 0; col < width; col++) {
      const value = sampleElevation(mosaic, originLon + (col + 0.5) * cellSizeLonDeg, lat);
      if (Number.isNaN(value)) outsideCount++;
      groundM[row * width + col] = Number.isNaN(value) ? 0 : value;
    }
  }
  options.onProgress?.(1);
  return { groundM, outsideCount };
}
