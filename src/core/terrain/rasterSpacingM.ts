import { EARTH_MEAN_RADIUS_M } from '../geo/haversineDistanceM';
import type { ElevationRaster } from './elevationRaster';

const DEG = Math.PI / 180;

/**
 * The distance between a raster's samples on the ground, metres, at a latitude: for a degree grid,
 * east-west Δlon·(π/180)·R·cos(lat) and north-south Δlat·(π/180)·R with R = 6,371,008.8 m; for a projected grid its
 * cell size as given (grid metres: the UTM/TM scale factor, within 0.04 %, is ignored), except Web Mercator, whose
 * metres shrink by cos(lat) on the ground.
 */
export function rasterSpacingM(raster: ElevationRaster, latDeg: number): { eastWestM: number; northSouthM: number } {
  if (raster.crs.geographic) {
    return {
      eastWestM: raster.spacingX * DEG * EARTH_MEAN_RADIUS_M * Math.cos(latDeg * DEG),
      northSouthM: raster.spacingY * DEG * EARTH_MEAN_RADIUS_M,
    };
  }
  const scale = raster.crs.code === 'EPSG:3857' ? Math.cos(latDeg * DEG) : 1;
  return { eastWestM: raster.spacingX * scale, northSouthM: raster.spacingY * scale };
}

/** The smaller of the raster's two spacings at a latitude, metres: what "finest" compares. */
export function finestSpacingM(raster: ElevationRaster, latDeg: number): number {
  const { eastWestM, northSouthM } = rasterSpacingM(raster, latDeg);
  return Math.min(eastWestM, northSouthM);
}
