import type { GridGeometry } from '../geo/maskCellCentresInPolygons';
import type { ElevationMosaic } from './buildElevationMosaic';
import type { TerrainGrid } from './computeDiffractionGrid';
import { sampleElevation } from './sampleElevation';

/**
 * The ground of an analysis grid: the mosaic's height (sampleElevation: finest DEM, bilinear, void rule) at each cell
 * centre. A centre outside every DEM gets 0 m (sea level, the command line's rule for a void with no neighbour) and
 * is counted, so that a caller can say how much of its grid had no terrain.
 */
export function buildTerrainGrid(
  mosaic: ElevationMosaic,
  grid: GridGeometry,
): { terrain: TerrainGrid; cellsOutsideDem: number } {
  const { width, height, originLon, originLat, cellSizeLonDeg, cellSizeLatDeg } = grid;
  const groundM = new Float32Array(width * height);
  let cellsOutsideDem = 0;
  for (let row = 0; row < height; row++) {
    const latDeg = originLat - (row + 0.5) * cellSizeLatDeg;
    for (let col = 0; col < width; col++) {
      const value = sampleElevation(mosaic, originLon + (col + 0.5) * cellSizeLonDeg, latDeg);
      if (Number.isNaN(value)) cellsOutsideDem++;
      groundM[row * width + col] = Number.isNaN(value) ? 0 : value;
    }
  }
  return {
    terrain: { width, height, originLon, originLat, cellSizeLonDeg, cellSizeLatDeg, groundM },
    cellsOutsideDem,
  };
}
