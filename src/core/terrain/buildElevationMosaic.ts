import { createFromWgs84, createToWgs84, type PointTransform } from '../crs/transformToWgs84';
import type { ElevationRaster } from './elevationRaster';
import { finestSpacingM, rasterSpacingM } from './rasterSpacingM';

/** One raster of a mosaic, with what sampling needs precomputed. */
export interface ElevationMosaicLayer {
  raster: ElevationRaster;
  /** WGS 84 lon/lat to the raster's x/y; null when the raster is in EPSG:4326 (x = lon, y = lat). */
  fromWgs84: PointTransform | null;
  /** x of the easternmost and y of the southernmost samples, CRS units. */
  lastSampleX: number;
  lastSampleY: number;
  /** The raster's spacing (smaller axis) at the mosaic's reference latitude, m: the layer order. */
  rankSpacingM: number;
  /** Ground metres per column and per row near the raster's centre: how "nearest" is measured around a void. */
  columnM: number;
  rowM: number;
  /** The raster's sample extent in WGS 84 degrees (for a projected raster, the box around its transformed edges). */
  westDeg: number;
  eastDeg: number;
  southDeg: number;
  northDeg: number;
}

/**
 * Several DEMs read together, finest first. Where several cover a point the finest wins, "finest" being the smaller
 * of the two sample spacings in metres (rasterSpacingM). The order is fixed when the mosaic is built, comparing the
 * spacings at one reference latitude: the mean of the rasters' centre latitudes. (All degree grids shrink east-west
 * by the same cos(lat), so the order only depends on that latitude in contrived mixes of degree and metre grids.)
 * Equal spacings keep the order the rasters were given in.
 */
export interface ElevationMosaic {
  layers: readonly ElevationMosaicLayer[];
  /**
   * What a point gets when all four samples around it are voids. 'zero' (the default, the command line's contract:
   * "a void takes the nearest valid of its four neighbours, 0 if none"); 'next-dem': the next coarser DEM covering
   * the point is asked instead, and 0 only if none has a valid sample there.
   */
  allVoidStencil: 'zero' | 'next-dem';
}

export function buildElevationMosaic(
  rasters: readonly ElevationRaster[],
  options: { allVoidStencil?: 'zero' | 'next-dem' } = {},
): ElevationMosaic {
  const partial = rasters.map((raster) => describeLayer(raster));
  const referenceLatDeg =
    partial.length === 0
      ? 0
      : partial.reduce((sum, layer) => sum + (layer.southDeg + layer.northDeg) / 2, 0) / partial.length;
  const layers = partial
    .map((layer, index) => ({
      layer: { ...layer, rankSpacingM: finestSpacingM(layer.raster, referenceLatDeg) },
      index,
    }))
    .sort((a, b) => a.layer.rankSpacingM - b.layer.rankSpacingM || a.index - b.index)
    .map(({ layer }) => layer);
  return { layers, allVoidStencil: options.allVoidStencil ?? 'zero' };
}

function describeLayer(raster: ElevationRaster): Omit<ElevationMosaicLayer, 'rankSpacingM'> {
  const lastSampleX = raster.firstSampleX + (raster.width - 1) * raster.spacingX;
  const lastSampleY = raster.firstSampleY - (raster.height - 1) * raster.spacingY;
  const identity = raster.crs.code === 'EPSG:4326';
  let westDeg = raster.firstSampleX;
  let eastDeg = lastSampleX;
  let southDeg = lastSampleY;
  let northDeg = raster.firstSampleY;
  if (!identity) {
    // The box around 33 points along each edge: a TM grid's edges curve slightly in degrees.
    const toWgs84 = createToWgs84(raster.crs);
    westDeg = Number.POSITIVE_INFINITY;
    eastDeg = Number.NEGATIVE_INFINITY;
    southDeg = Number.POSITIVE_INFINITY;
    northDeg = Number.NEGATIVE_INFINITY;
    for (let step = 0; step <= 32; step++) {
      const x = raster.firstSampleX + ((lastSampleX - raster.firstSampleX) * step) / 32;
      const y = lastSampleY + ((raster.firstSampleY - lastSampleY) * step) / 32;
      for (const [px, py] of [
        [x, raster.firstSampleY],
        [x, lastSampleY],
        [raster.firstSampleX, y],
        [lastSampleX, y],
      ]) {
        const lonLat = toWgs84(px, py);
        if (lonLat === null) continue;
        westDeg = Math.min(westDeg, lonLat[0]);
        eastDeg = Math.max(eastDeg, lonLat[0]);
        southDeg = Math.min(southDeg, lonLat[1]);
        northDeg = Math.max(northDeg, lonLat[1]);
      }
    }
  }
  const spacing = rasterSpacingM(raster, (southDeg + northDeg) / 2);
  return {
    raster,
    fromWgs84: identity ? null : createFromWgs84(raster.crs),
    lastSampleX,
    lastSampleY,
    columnM: spacing.eastWestM,
    rowM: spacing.northSouthM,
    westDeg,
    eastDeg,
    southDeg,
    northDeg,
  };
}
