import { createToWgs84 } from '../crs/transformToWgs84';
import type { ElevationRaster } from './elevationRaster';

/**
 * Where an image with one pixel per sample goes on the map: its four corners in WGS 84 [lon, lat], bottom-left,
 * top-left, top-right, bottom-right (deck.gl's BitmapLayer order). Each pixel is centred on its sample, so the image
 * reaches half a sample beyond the outer samples (for an SRTM tile, half a sample into the neighbouring tiles, where
 * their own edge samples repeat these). A projected raster's corners are transformed; the edges between them are
 * drawn straight, a few metres off a TM grid's slight curve over a province. Null when a corner cannot be transformed.
 */
export function rasterImageCorners(raster: ElevationRaster): [number, number][] | null {
  const west = raster.firstSampleX - raster.spacingX / 2;
  const east = raster.firstSampleX + (raster.width - 0.5) * raster.spacingX;
  const north = raster.firstSampleY + raster.spacingY / 2;
  const south = raster.firstSampleY - (raster.height - 0.5) * raster.spacingY;
  const toWgs84 = createToWgs84(raster.crs);
  const corners = [toWgs84(west, south), toWgs84(west, north), toWgs84(east, north), toWgs84(east, south)];
  return corners.every((corner) => corner !== null) ? (corners as [number, number][]) : null;
}
