import { createYieldClock, type LongCallOptions } from '../util/cooperativeLoop';
import type { ElevationRaster } from './elevationRaster';
import { rasterSpacingM } from './rasterSpacingM';

const DEG = Math.PI / 180;

export interface HillshadeOptions {
  /** Where the light comes from, degrees clockwise from north (315: north-west, the cartographic convention). */
  azimuthDeg: number;
  /** Height of the light above the horizon, degrees. */
  altitudeDeg: number;
  /** Vertical exaggeration, unitless (1: true relief; a coarse grid smooths slopes and may want more). */
  verticalExaggeration: number;
}

export const DEFAULT_HILLSHADE: HillshadeOptions = {
  azimuthDeg: 315, // degrees clockwise from north
  altitudeDeg: 45, // degrees above the horizon
  verticalExaggeration: 1, // unitless
};

/**
 * Illumination of each sample of a DEM, 0..1 (the cosine of the angle between the ground's normal and the light, 0
 * when the ground faces away), NaN for a void. Slopes by Horn's method: the east-west and north-south gradients from
 * the 3 x 3 neighbours weighted 1-2-1, over the ground distance between samples (for a degree grid, metres per degree
 * at each row's latitude, so the z-factor follows the latitude). A void neighbour, or a neighbour beyond the edge,
 * takes the centre's height: edges and void borders shade as if flat across. Flat ground gets sin(altitude).
 */
export async function computeHillshade(
  raster: ElevationRaster,
  options: HillshadeOptions = DEFAULT_HILLSHADE,
  longCall: LongCallOptions = {},
): Promise<Float32Array> {
  const { width, height, heightsM } = raster;
  const checkpoint = createYieldClock(longCall);
  // The light's direction as a unit vector (east, north, up).
  const sunEast = Math.sin(options.azimuthDeg * DEG) * Math.cos(options.altitudeDeg * DEG);
  const sunNorth = Math.cos(options.azimuthDeg * DEG) * Math.cos(options.altitudeDeg * DEG);
  const sunUp = Math.sin(options.altitudeDeg * DEG);
  const illumination = new Float32Array(width * height);
  for (let row = 0; row < height; row++) {
    if ((row & 63) === 0) await checkpoint(row / height);
    const latDeg = raster.crs.geographic ? raster.firstSampleY - row * raster.spacingY : 0;
    const spacing = rasterSpacingM(raster, latDeg);
    const eastScale = options.verticalExaggeration / (8 * spacing.eastWestM);
    const northScale = options.verticalExaggeration / (8 * spacing.northSouthM);
    const north = Math.max(row - 1, 0) * width;
    const centre = row * width;
    const south = Math.min(row + 1, height - 1) * width;
    for (let col = 0; col < width; col++) {
      const z = heightsM[centre + col];
      if (Number.isNaN(z)) {
        illumination[centre + col] = Number.NaN;
        continue;
      }
      const west = Math.max(col - 1, 0);
      const east = Math.min(col + 1, width - 1);
      const at = (index: number) => {
        const value = heightsM[index];
        return Number.isNaN(value) ? z : value;
      };
      const a = at(north + west);
      const b = at(north + col);
      const c = at(north + east);
      const d = at(centre + west);
      const f = at(centre + east);
      const g = at(south + west);
      const h = at(south + col);
      const i = at(south + east);
      // Rises towards the east and towards the north, metres per metre (times the exaggeration).
      const dzEast = (c + 2 * f + i - (a + 2 * d + g)) * eastScale;
      const dzNorth = (a + 2 * b + c - (g + 2 * h + i)) * northScale;
      // The normal (-dzEast, -dzNorth, 1), normalised, against the light.
      const dot = (-dzEast * sunEast - dzNorth * sunNorth + sunUp) / Math.sqrt(dzEast * dzEast + dzNorth * dzNorth + 1);
      illumination[centre + col] = Math.max(dot, 0);
    }
  }
  longCall.onProgress?.(1);
  return illumination;
}
