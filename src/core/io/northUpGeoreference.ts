import type { GeoTIFFImage } from 'geotiff';

/** Where a north-up GeoTIFF sits: raster (0, 0) in model space, the pixel size, and the tie point's raster position. */
export interface NorthUpGeoreference {
  origin: number[];
  resolution: number[];
  tieColumn: number;
  tieRow: number;
}

/**
 * The georeference of a GeoTIFF image that is north-up (no rotation terms), or the reason it cannot be used, as a
 * sentence for the reader's own error class (population, elevation) with a code for the UI's words.
 */
export function northUpGeoreference(
  image: GeoTIFFImage,
): NorthUpGeoreference | { problem: string; code: 'rotated' | 'notGeoreferenced'; params?: { detail: string } } {
  const transformation = image.fileDirectory.getValue('ModelTransformation') as number[] | undefined;
  if (transformation && (transformation[1] !== 0 || transformation[4] !== 0)) {
    return { problem: 'the raster is rotated; only north-up rasters are supported', code: 'rotated' };
  }
  let origin: number[];
  let resolution: number[];
  try {
    origin = image.getOrigin();
    resolution = image.getResolution();
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { problem: `the TIFF is not georeferenced (${detail})`, code: 'notGeoreferenced', params: { detail } };
  }
  const tiePoint = image.fileDirectory.getValue('ModelTiepoint') as number[] | undefined;
  return {
    origin,
    resolution,
    tieColumn: tiePoint?.length === 6 ? tiePoint[0] : 0,
    tieRow: tiePoint?.length === 6 ? tiePoint[1] : 0,
  };
}
