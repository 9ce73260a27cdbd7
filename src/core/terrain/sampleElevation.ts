import type { ElevationMosaic, ElevationMosaicLayer } from './buildElevationMosaic';

/** A point this far outside a raster's outer samples, in samples, still counts as covered (rounding of edges). */
const EDGE_TOLERANCE_SAMPLES = 1e-7;

/** Which layer of the mosaic gave the last height (index into `mosaic.layers`, -1 when none). */
export interface ElevationHit {
  layerIndex: number;
}

/**
 * Ground height at a WGS 84 point, metres, from the finest DEM of the mosaic that covers it; NaN when none does.
 *
 * Covered: the point lies within the raster's sample extent, from its first to its last sample inclusive (for a
 * GeoTIFF that is half a pixel inside the image's edge; for an SRTM tile, the whole degree).
 * Height: bilinear interpolation between the four samples around the point (SRTM values on grid points, GeoTIFF
 * values at pixel centres, as ElevationRaster places them). A void among the four is replaced by the valid sample
 * of the four nearest to the point (ground metres; ties go to the first in the order north-west, north-east,
 * south-west, south-east), so a point next to a void still gets a height from its own DEM. When all four are voids
 * the point gets 0 (`allVoidStencil: 'zero'`, the command line's contract), or the next coarser DEM covering it is
 * asked (`'next-dem'`: the feature text's "voids fall back to the coarser layer", whole-stencil voids only).
 */
export function sampleElevation(mosaic: ElevationMosaic, lonDeg: number, latDeg: number, hit?: ElevationHit): number {
  const layers = mosaic.layers;
  let firstCovering = -1;
  for (let index = 0; index < layers.length; index++) {
    const layer = layers[index];
    if (lonDeg < layer.westDeg - 1e-6 || lonDeg > layer.eastDeg + 1e-6) continue;
    if (latDeg < layer.southDeg - 1e-6 || latDeg > layer.northDeg + 1e-6) continue;
    const height = sampleLayer(layer, lonDeg, latDeg);
    if (height === OUTSIDE) continue;
    if (firstCovering < 0) firstCovering = index;
    if (!Number.isNaN(height)) {
      if (hit) hit.layerIndex = index;
      return height;
    }
    if (mosaic.allVoidStencil === 'zero') break;
  }
  if (hit) hit.layerIndex = firstCovering;
  return firstCovering < 0 ? Number.NaN : 0;
}

/** Returned by sampleLayer for a point outside the layer (NaN means covered, all four samples void). */
const OUTSIDE = Number.NEGATIVE_INFINITY;

/** Bilinear height in one layer, NaN when the four samples are voids, OUTSIDE when the point is not covered. */
function sampleLayer(layer: ElevationMosaicLayer, lonDeg: number, latDeg: number): number {
  const raster = layer.raster;
  let x = lonDeg;
  let y = latDeg;
  if (layer.fromWgs84 !== null) {
    const projected = layer.fromWgs84(lonDeg, latDeg);
    if (projected === null) return OUTSIDE;
    x = projected[0];
    y = projected[1];
  }
  const width = raster.width;
  const height = raster.height;
  const fx = (x - raster.firstSampleX) / raster.spacingX;
  const fy = (raster.firstSampleY - y) / raster.spacingY;
  if (!(fx >= -EDGE_TOLERANCE_SAMPLES && fx <= width - 1 + EDGE_TOLERANCE_SAMPLES)) return OUTSIDE;
  if (!(fy >= -EDGE_TOLERANCE_SAMPLES && fy <= height - 1 + EDGE_TOLERANCE_SAMPLES)) return OUTSIDE;
  // The stencil's north-west sample; the last row and column interpolate from the one before.
  const col = Math.min(Math.max(Math.floor(fx), 0), width - 2);
  const row = Math.min(Math.max(Math.floor(fy), 0), height - 2);
  const tx = Math.min(Math.max(fx - col, 0), 1);
  const ty = Math.min(Math.max(fy - row, 0), 1);
  const heights = raster.heightsM;
  const north = row * width + col;
  let northWest = heights[north];
  let northEast = heights[north + 1];
  let southWest = heights[north + width];
  let southEast = heights[north + width + 1];
  if (Number.isNaN(northWest + northEast + southWest + southEast)) {
    // Nearest valid of the four, by ground distance from the point.
    const west = tx * layer.columnM;
    const east = (1 - tx) * layer.columnM;
    const northM = ty * layer.rowM;
    const southM = (1 - ty) * layer.rowM;
    let best = Number.NaN;
    let bestSquared = Number.POSITIVE_INFINITY;
    const consider = (value: number, squared: number) => {
      if (!Number.isNaN(value) && squared < bestSquared) {
        best = value;
        bestSquared = squared;
      }
    };
    consider(northWest, west * west + northM * northM);
    consider(northEast, east * east + northM * northM);
    consider(southWest, west * west + southM * southM);
    consider(southEast, east * east + southM * southM);
    if (Number.isNaN(best)) return Number.NaN;
    if (Number.isNaN(northWest)) northWest = best;
    if (Number.isNaN(northEast)) northEast = best;
    if (Number.isNaN(southWest)) southWest = best;
    if (Number.isNaN(southEast)) southEast = best;
  }
  return (1 - ty) * ((1 - tx) * northWest + tx * northEast) + ty * ((1 - tx) * southWest + tx * southEast);
}

/** Whether a WGS 84 point lies within a layer's sample extent (the coverage rule of sampleElevation). */
export function layerCoversPoint(layer: ElevationMosaicLayer, lonDeg: number, latDeg: number): boolean {
  if (lonDeg < layer.westDeg - 1e-6 || lonDeg > layer.eastDeg + 1e-6) return false;
  if (latDeg < layer.southDeg - 1e-6 || latDeg > layer.northDeg + 1e-6) return false;
  const raster = layer.raster;
  let x = lonDeg;
  let y = latDeg;
  if (layer.fromWgs84 !== null) {
    const projected = layer.fromWgs84(lonDeg, latDeg);
    if (projected === null) return false;
    x = projected[0];
    y = projected[1];
  }
  const fx = (x - raster.firstSampleX) / raster.spacingX;
  const fy = (raster.firstSampleY - y) / raster.spacingY;
  return (
    fx >= -EDGE_TOLERANCE_SAMPLES &&
    fx <= raster.width - 1 + EDGE_TOLERANCE_SAMPLES &&
    fy >= -EDGE_TOLERANCE_SAMPLES &&
    fy <= raster.height - 1 + EDGE_TOLERANCE_SAMPLES
  );
}
