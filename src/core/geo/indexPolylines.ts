import Flatbush from 'flatbush';
import { EARTH_MEAN_RADIUS_M } from './haversineDistanceM';
import type { LonLatPolyline } from './lonLatPolyline';

const DEG = Math.PI / 180;

/** Nearest-distance queries against a set of lines (the fibre backbone). */
export interface PolylineIndex {
  segmentCount: number;
  /** Distance in metres from the point to the nearest line, or +Infinity when there are no lines. */
  distanceM(lon: number, lat: number): number;
}

/**
 * A Flatbush index of the lines' segments. The distance to a segment is measured in the tangent plane at the query
 * point (east-west scaled by cos(latitude), mean Earth radius): for segments of a few kilometres this is within a
 * fraction of a metre of the great-circle distance, plenty for fibre costs and "within 2 km of the backbone" rules.
 */
export function indexPolylines(lines: readonly LonLatPolyline[]): PolylineIndex {
  let segmentCount = 0;
  for (const line of lines) segmentCount += Math.max(0, line.length - 1);
  if (segmentCount === 0) return { segmentCount: 0, distanceM: () => Number.POSITIVE_INFINITY };
  const lon1 = new Float64Array(segmentCount);
  const lat1 = new Float64Array(segmentCount);
  const lon2 = new Float64Array(segmentCount);
  const lat2 = new Float64Array(segmentCount);
  const index = new Flatbush(segmentCount);
  let s = 0;
  for (const line of lines) {
    for (let k = 0; k + 1 < line.length; k++, s++) {
      lon1[s] = line[k][0];
      lat1[s] = line[k][1];
      lon2[s] = line[k + 1][0];
      lat2[s] = line[k + 1][1];
      index.add(
        Math.min(lon1[s], lon2[s]),
        Math.min(lat1[s], lat2[s]),
        Math.max(lon1[s], lon2[s]),
        Math.max(lat1[s], lat2[s]),
      );
    }
  }
  index.finish();

  const segmentDistanceM = (segment: number, lon: number, lat: number): number => {
    const metresPerDegLat = EARTH_MEAN_RADIUS_M * DEG;
    const metresPerDegLon = metresPerDegLat * Math.cos(lat * DEG);
    const ax = (lon1[segment] - lon) * metresPerDegLon;
    const ay = (lat1[segment] - lat) * metresPerDegLat;
    const bx = (lon2[segment] - lon) * metresPerDegLon;
    const by = (lat2[segment] - lat) * metresPerDegLat;
    const dx = bx - ax;
    const dy = by - ay;
    const lengthSquared = dx * dx + dy * dy;
    const t = lengthSquared > 0 ? Math.max(0, Math.min(1, -(ax * dx + ay * dy) / lengthSquared)) : 0;
    return Math.hypot(ax + t * dx, ay + t * dy);
  };

  return {
    segmentCount,
    distanceM(lon, lat) {
      // The segment nearest by bounding box bounds the true nearest distance from above; every segment within that
      // distance has its box within the search window, so the exact minimum over the window is the answer.
      const [first] = index.neighbors(lon, lat, 1);
      let best = segmentDistanceM(first, lon, lat);
      const windowLatDeg = best / (EARTH_MEAN_RADIUS_M * DEG);
      const cosLat = Math.cos(Math.min(89.9, Math.abs(lat) + windowLatDeg) * DEG);
      const windowLonDeg = windowLatDeg / Math.max(cosLat, 1e-6);
      for (const segment of index.search(
        lon - windowLonDeg,
        lat - windowLatDeg,
        lon + windowLonDeg,
        lat + windowLatDeg,
      )) {
        const distance = segmentDistanceM(segment, lon, lat);
        if (distance < best) best = distance;
      }
      return best;
    },
  };
}
