const DEG = Math.PI / 180;

/**
 * The widest longitude half-width, degrees, of the cells within `angularReachRad` (great-circle angle) of a point at
 * `latDeg`: taken at the latitude farthest from the equator the reach touches, asin(sin(reach) / cos(that latitude));
 * 180 when the reach passes a pole or a quarter of the Earth. A box of rows and these columns holds the whole reach.
 */
export function widestReachLonDeg(latDeg: number, angularReachRad: number): number {
  const poleMostLatRad = Math.min(Math.max(Math.abs(latDeg) + angularReachRad / DEG, 0), 89.999) * DEG;
  const sinReachOverCos = Math.sin(angularReachRad) / Math.cos(poleMostLatRad);
  return sinReachOverCos >= 1 || angularReachRad >= Math.PI / 2 ? 180 : Math.asin(sinReachOverCos) / DEG;
}
