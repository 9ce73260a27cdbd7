import { type WordedFields, wordedOf } from '../model/wordedMessage';
import { ElevationFileError } from './elevationFileError';
import type { ElevationRaster } from './elevationRaster';
import { readElevationGeoTiff } from './readElevationGeoTiff';
import { readHgt } from './readHgt';

/** File names read as DEMs: SRTM tiles and GeoTIFFs. */
export function isElevationFileName(fileName: string): boolean {
  return /\.(hgt|hgt\.zip|tiff?)$/i.test(fileName);
}

/** Why a file is no DEM: the reader's one-line reason (English), with its code and values (WordedMessage). */
export type ElevationFileRefusal = { error: string } & WordedFields;

/**
 * A DEM by its name: `.tif`/`.tiff` as a GeoTIFF, anything else as an SRTM tile (.hgt, .hgt.zip). A file that cannot
 * be used gives `{ error }` with the reader's one-line reason (ElevationFileError) and its code and values for the UI's
 * words; other failures are thrown.
 */
export async function readElevationFile(
  bytes: Uint8Array,
  fileName: string,
): Promise<{ raster: ElevationRaster } | ElevationFileRefusal> {
  try {
    const raster = /\.tiff?$/i.test(fileName) ? await readElevationGeoTiff(bytes, fileName) : readHgt(bytes, fileName);
    return { raster };
  } catch (error) {
    if (error instanceof ElevationFileError) {
      const { reason, ...worded } = wordedOf(error);
      return { error: reason, ...worded };
    }
    throw error;
  }
}
