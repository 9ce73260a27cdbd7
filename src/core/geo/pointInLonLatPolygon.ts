import type { LonLatPolygon } from './lonLatPolygon';

/**
 * Whether a point lies inside a polygon (holes cut out), by the even-odd rule over all of its rings, planar in degrees
 * like maskCellCentresInPolygons. A point exactly on an edge may fall either way. Polygons crossing the antimeridian
 * are not supported.
 */
export function pointInLonLatPolygon(lon: number, lat: number, polygon: LonLatPolygon): boolean {
  let inside = false;
  for (const ring of polygon) {
    const count = ring.length;
    for (let i = 0, j = count - 1; i < count; j = i++) {
      const [lonI, latI] = ring[i];
      const [lonJ, latJ] = ring[j];
      if (latI <= lat !== latJ <= lat) {
        const crossingLon = lonI + ((lat - latI) * (lonJ - lonI)) / (latJ - latI);
        if (lon < crossingLon) inside = !inside;
      }
    }
  }
  return inside;
}
