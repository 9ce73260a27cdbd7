import { writeArrayBuffer } from 'geotiff';
import { VIEWSHED_OUTSIDE_RADIUS, type ViewshedResult } from './computeViewshed';
import type { ElevationRaster } from './elevationRaster';

/**
 * A viewshed's window as a single-band Uint8 GeoTIFF: 1 visible, 0 hidden, 255 outside the radius (also its GDAL
 * nodata). Georeferenced in EPSG:4326, one pixel per DEM cell centred on the cell's sample (PixelIsArea, the corner
 * half a spacing to the north-west), so the pixels line up with the DEM's own cells. Only DEMs in EPSG:4326 can be
 * written this way; throws RangeError for a projected one.
 */
export function writeViewshedGeoTiff(viewshed: ViewshedResult, raster: ElevationRaster): ArrayBuffer {
  if (raster.crs.code !== 'EPSG:4326') {
    throw new RangeError(`the viewshed GeoTIFF is written in EPSG:4326; ${raster.name} is in ${raster.crs.code}`);
  }
  const { window } = viewshed;
  const westEdge = raster.firstSampleX + (window.firstColumn - 0.5) * raster.spacingX;
  const northEdge = raster.firstSampleY - (window.firstRow - 0.5) * raster.spacingY;
  return writeArrayBuffer(window.values, {
    width: window.width,
    height: window.height,
    BitsPerSample: [8],
    SampleFormat: [1],
    ModelPixelScale: [raster.spacingX, raster.spacingY, 0],
    ModelTiepoint: [0, 0, 0, westEdge, northEdge, 0],
    GTModelTypeGeoKey: 2,
    GTRasterTypeGeoKey: 1,
    GeographicTypeGeoKey: 4326,
    GDAL_NODATA: String(VIEWSHED_OUTSIDE_RADIUS),
  });
}
