import type { TerrainGrid } from './computeDiffractionGrid';

/**
 * Ground height of a terrain grid at fractional cell coordinates, m: x = (lon − originLon)/cellSizeLonDeg − 0.5,
 * y = (originLat − lat)/cellSizeLatDeg − 0.5, so that (col, row) is the centre of cell (col, row). Bilinear between
 * the four cell centres around the point; beyond the outer centres the coordinates are clamped (the edge cells'
 * heights continue outwards). A lon/lat straight line is a straight line in these coordinates, which is what lets the
 * diffraction profiles step through them with two additions per point.
 */
export function sampleTerrainGridAt(terrain: TerrainGrid, x: number, y: number): number {
  const { width, height, groundM } = terrain;
  const cx = Math.min(Math.max(x, 0), width - 1);
  const cy = Math.min(Math.max(y, 0), height - 1);
  // The stencil's north-west centre; the last row and column interpolate from the one before.
  const col = Math.min(Math.floor(cx), Math.max(width - 2, 0));
  const row = Math.min(Math.floor(cy), Math.max(height - 2, 0));
  const tx = width > 1 ? cx - col : 0;
  const ty = height > 1 ? cy - row : 0;
  const north = row * width + col;
  const east = width > 1 ? 1 : 0;
  const south = height > 1 ? width : 0;
  const northWest = groundM[north];
  const northEast = groundM[north + east];
  const southWest = groundM[north + south];
  const southEast = groundM[north + south + east];
  return (1 - ty) * ((1 - tx) * northWest + tx * northEast) + ty * ((1 - tx) * southWest + tx * southEast);
}

/** sampleTerrainGridAt at a WGS 84 point, degrees. */
export function sampleTerrainGrid(terrain: TerrainGrid, lonDeg: number, latDeg: number): number {
  return sampleTerrainGridAt(
    terrain,
    (lonDeg - terrain.originLon) / terrain.cellSizeLonDeg - 0.5,
    (terrain.originLat - latDeg) / terrain.cellSizeLatDeg - 0.5,
  );
}
