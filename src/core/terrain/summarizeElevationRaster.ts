import type { WordedMessage } from '../model/wordedMessage';
import { buildElevationMosaic } from './buildElevationMosaic';
import type { ElevationRaster } from './elevationRaster';
import { rasterSpacingM } from './rasterSpacingM';

/** Ground heights no DEM of the Earth goes beyond, metres: a raster outside them holds something else (people, dB). */
export const PLAUSIBLE_HEIGHT_RANGE_M: readonly [number, number] = [-500, 9000];

/** What a person needs to know about a DEM they read: size, spacing on the ground, extent, heights. */
export interface ElevationRasterSummary {
  name: string;
  width: number;
  height: number;
  /** Spacing between samples on the ground at the raster's centre, metres. */
  eastWestM: number;
  northSouthM: number;
  /** The sample extent in WGS 84 degrees. */
  westDeg: number;
  southDeg: number;
  eastDeg: number;
  northDeg: number;
  /** Lowest and highest height, metres; null when every sample is a void. */
  minM: number | null;
  maxM: number | null;
  voidCount: number;
  /** Why the raster is not a DEM (heights outside PLAUSIBLE_HEIGHT_RANGE_M, or no height at all), else null. */
  notElevation: string | null;
  /** The same with a code for the UI's words: 'allVoid', or 'notHeights' with the values' range. */
  notElevationWorded: WordedMessage | null;
}

export function summarizeElevationRaster(raster: ElevationRaster): ElevationRasterSummary {
  const layer = buildElevationMosaic([raster]).layers[0];
  const spacing = rasterSpacingM(raster, (layer.southDeg + layer.northDeg) / 2);
  let minM = Number.POSITIVE_INFINITY;
  let maxM = Number.NEGATIVE_INFINITY;
  let voidCount = 0;
  for (const value of raster.heightsM) {
    if (Number.isNaN(value)) {
      voidCount++;
      continue;
    }
    if (value < minM) minM = value;
    if (value > maxM) maxM = value;
  }
  const valid = voidCount < raster.heightsM.length;
  const [lowM, highM] = PLAUSIBLE_HEIGHT_RANGE_M;
  let notElevationWorded: WordedMessage | null = null;
  if (!valid) notElevationWorded = { reason: 'every sample is a void (nodata)', code: 'allVoid' };
  else if (minM < lowM || maxM > highM) {
    notElevationWorded = {
      reason:
        `its values run from ${minM} to ${maxM}, outside any ground height (${lowM} to ${highM} m): it is not an ` +
        'elevation raster (a population grid?)',
      code: 'notHeights',
      params: { min: minM, max: maxM, low: lowM, high: highM },
    };
  }
  return {
    name: raster.name,
    width: raster.width,
    height: raster.height,
    eastWestM: spacing.eastWestM,
    northSouthM: spacing.northSouthM,
    westDeg: layer.westDeg,
    southDeg: layer.southDeg,
    eastDeg: layer.eastDeg,
    northDeg: layer.northDeg,
    minM: valid ? minM : null,
    maxM: valid ? maxM : null,
    voidCount,
    notElevation: notElevationWorded?.reason ?? null,
    notElevationWorded,
  };
}
