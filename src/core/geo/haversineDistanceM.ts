/** Mean Earth radius (IUGG R1 = (2a + b) / 3 of WGS 84), metres. */
export const EARTH_MEAN_RADIUS_M = 6_371_008.8;

/**
 * Great-circle distance in metres between two lon/lat points in degrees, on a sphere of the mean Earth radius.
 * Within about 0.5 % of the ellipsoidal distance; fine for coverage radii, not for surveying.
 */
export function haversineDistanceM(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const toRadians = Math.PI / 180;
  const sinHalfDeltaLat = Math.sin(((lat2 - lat1) * toRadians) / 2);
  const sinHalfDeltaLon = Math.sin(((lon2 - lon1) * toRadians) / 2);
  const a =
    sinHalfDeltaLat * sinHalfDeltaLat +
    Math.cos(lat1 * toRadians) * Math.cos(lat2 * toRadians) * sinHalfDeltaLon * sinHalfDeltaLon;
  return 2 * EARTH_MEAN_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}
