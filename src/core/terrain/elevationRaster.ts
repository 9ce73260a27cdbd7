import type { CrsDefinition } from '../crs/crsDefinitions';

/**
 * A north-up grid of ground heights, metres above sea level, in flat row-major order (row 0 is the northern row).
 *
 * Sample (col, row) sits at x = firstSampleX + col * spacingX, y = firstSampleY - row * spacingY in the raster's CRS
 * (longitude/latitude in degrees for a geographic CRS, easting/northing in metres for a projected one). Where that
 * position is on the ground depends on the format, and `samplesAt` records it: an SRTM .hgt value is the height AT a
 * grid point (the first sample of N21E105.hgt is exactly 22°N 105°E); a GeoTIFF value (PixelIsArea) is the height of
 * a pixel and is placed at the pixel's CENTRE. Either way the reader has already moved the position onto the
 * sample, so samplers only ever interpolate between samples.
 *
 * Voids (SRTM -32768, the GeoTIFF's nodata, NaN) are stored as NaN.
 */
export interface ElevationRaster {
  /** The file the raster came from (its base name), for reports and errors. */
  name: string;
  width: number;
  height: number;
  /** x of column 0's samples (the westernmost), in CRS units. */
  firstSampleX: number;
  /** y of row 0's samples (the northernmost), in CRS units. */
  firstSampleY: number;
  /** Distance between columns, CRS units (> 0). */
  spacingX: number;
  /** Distance between rows, CRS units (> 0); rows run south. */
  spacingY: number;
  /** width * height heights in metres, row-major; NaN for a void. */
  heightsM: Float32Array;
  /** The raster's CRS; EPSG:4326 for SRTM tiles. */
  crs: CrsDefinition;
  /** 'grid-point' for .hgt, 'pixel-centre' for GeoTIFF (informative: positions are already on the samples). */
  samplesAt: 'grid-point' | 'pixel-centre';
}
