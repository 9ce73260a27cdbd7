import KDBush from 'kdbush';
import { EARTH_MEAN_RADIUS_M, haversineDistanceM } from './haversineDistanceM';

const DEG = Math.PI / 180;

/** Distance queries against a fixed set of points (masts), exact haversine after a KDBush box search. */
export interface PointIndex {
  count: number;
  /** Indices of the points within distanceM (haversine, inclusive) of the query, ascending. */
  withinM(lon: number, lat: number, distanceM: number): number[];
  /** The nearest point and its distance, or null when there are no points. */
  nearest(lon: number, lat: number): { index: number; distanceM: number } | null;
}

export function indexPoints(count: number, lon: ArrayLike<number>, lat: ArrayLike<number>): PointIndex {
  const index = count > 0 ? new KDBush(count) : null;
  if (index) {
    for (let i = 0; i < count; i++) index.add(lon[i], lat[i]);
    index.finish();
  }
  return pointIndexOverBoxes(
    count,
    lon,
    lat,
    index && ((west, south, east, north) => index.range(west, south, east, north)),
  );
}

/** Points inside a box (degrees, edges included), in any order. */
export type BoxQuery = (west: number, south: number, east: number, north: number) => number[];

/**
 * The queries of a PointIndex from a box search over the points (a k-d tree, a grid of buckets...): exact haversine
 * within the box that surely holds the distance; the nearest by widening a box until it holds a point, then the
 * nearest within that point's distance (ties to the lower index). `inBox` null: no points.
 */
export function pointIndexOverBoxes(
  count: number,
  lon: ArrayLike<number>,
  lat: ArrayLike<number>,
  inBox: BoxQuery | null,
): PointIndex {
  const withinM = (queryLon: number, queryLat: number, distanceM: number): number[] => {
    if (!inBox || !(distanceM >= 0)) return [];
    const [dLon, dLat] = boxHalfWidthsDeg(queryLat, distanceM);
    return inBox(queryLon - dLon, queryLat - dLat, queryLon + dLon, queryLat + dLat)
      .filter((i) => haversineDistanceM(queryLon, queryLat, lon[i], lat[i]) <= distanceM)
      .sort((a, b) => a - b);
  };
  return {
    count,
    withinM,
    nearest(queryLon, queryLat) {
      if (!inBox) return null;
      // Widen a box until it holds a point; the nearest point then lies within that point's distance.
      for (let radiusM = 500; ; radiusM *= 4) {
        const [dLon, dLat] = boxHalfWidthsDeg(queryLat, radiusM);
        const found = inBox(queryLon - dLon, queryLat - dLat, queryLon + dLon, queryLat + dLat);
        if (found.length === 0) {
          if (radiusM < 2 * Math.PI * EARTH_MEAN_RADIUS_M) continue;
          return null;
        }
        const distanceTo = (i: number) => haversineDistanceM(queryLon, queryLat, lon[i], lat[i]);
        let bound = Number.POSITIVE_INFINITY;
        for (const i of found) bound = Math.min(bound, distanceTo(i));
        let best = -1;
        let bestDistance = Number.POSITIVE_INFINITY;
        for (const i of withinM(queryLon, queryLat, bound)) {
          const distance = distanceTo(i);
          if (distance < bestDistance) {
            best = i;
            bestDistance = distance;
          }
        }
        return { index: best, distanceM: bestDistance };
      }
    },
  };
}

/** Half-widths in degrees of a box surely holding every point within distanceM (a hair of slack for rounding). */
function boxHalfWidthsDeg(lat: number, distanceM: number): [number, number] {
  const angular = Math.min(distanceM / EARTH_MEAN_RADIUS_M, Math.PI);
  const dLat = (angular / DEG) * (1 + 1e-9) + 1e-12;
  const cosPoleward = Math.cos(Math.min(90, Math.abs(lat) + dLat) * DEG);
  const ratio = cosPoleward > 0 ? Math.sin(angular / 2) / cosPoleward : 2;
  const dLon = ratio >= 1 ? 180 : ((2 * Math.asin(ratio)) / DEG) * (1 + 1e-9) + 1e-12;
  return [dLon, dLat];
}
