import type { ViewshedResult } from './computeViewshed';
import type { ElevationRaster } from './elevationRaster';
import { rasterImageCorners } from './rasterImageCorners';

/**
 * Where the image of a viewshed's window goes on the map: the corners (bottom-left, top-left, top-right,
 * bottom-right, WGS 84 [lon, lat]) of the window's cells in `raster` (the DEM the viewshed counted), each pixel centred
 * on its cell's sample, as rasterImageCorners places a whole DEM. Null when a corner cannot be transformed.
 */
export function viewshedWindowCorners(
  raster: ElevationRaster,
  window: ViewshedResult['window'],
): [number, number][] | null {
  return rasterImageCorners({
    ...raster,
    firstSampleX: raster.firstSampleX + window.firstColumn * raster.spacingX,
    firstSampleY: raster.firstSampleY - window.firstRow * raster.spacingY,
    width: window.width,
    height: window.height,
  });
}
