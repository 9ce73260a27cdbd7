import Flatbush from 'flatbush';
import { EARTH_MEAN_RADIUS_M } from './haversineDistanceM';

const DEG = Math.PI / 180;
const METRES_PER_DEGREE = EARTH_MEAN_RADIUS_M * DEG;

/**
 * The segments of lines ([lon, lat] positions in degrees) as one flat array, 4 numbers per segment:
 * lon1, lat1, lon2, lat2. The form segment indexes and worker messages take (transferable, no nesting).
 */
export function flattenLineSegments(lines: ReadonlyArray<readonly (readonly number[])[]>): Float64Array {
  let count = 0;
  for (const line of lines) count += Math.max(0, line.length - 1);
  const segments = new Float64Array(4 * count);
  let s = 0;
  for (const line of lines) {
    for (let k = 0; k + 1 < line.length; k++, s += 4) {
      segments[s] = line[k][0];
      segments[s + 1] = line[k][1];
      segments[s + 2] = line[k + 1][0];
      segments[s + 3] = line[k + 1][1];
    }
  }
  return segments;
}

/**
 * Distance in metres from a point to a segment that is straight in longitude/latitude (as GeoJSON lines are drawn),
 * on the sphere of the mean Earth radius, measured in the local equirectangular projection centred on the point
 * (x = Δlon·cos(lat)·R, y = Δlat·R).
 *
 * Accuracy: the projection is exact at the point and its scale drifts with latitude, so for a nearest point at
 * distance d the error is about d²·tan(lat)/(2R): under 0.04 m at 1 km and 1 m at 5 km in Vietnam (8-23°N), whatever
 * the segment's length (tests/unit/readiness/segmentProximity.test.ts checks it against dense haversine sampling).
 */
export function pointToSegmentDistanceM(
  lon: number,
  lat: number,
  lon1: number,
  lat1: number,
  lon2: number,
  lat2: number,
): number {
  const metresPerDegreeLon = METRES_PER_DEGREE * Math.cos(lat * DEG);
  const ax = (lon1 - lon) * metresPerDegreeLon;
  const ay = (lat1 - lat) * METRES_PER_DEGREE;
  const dx = (lon2 - lon1) * metresPerDegreeLon;
  const dy = (lat2 - lat1) * METRES_PER_DEGREE;
  const lengthSquared = dx * dx + dy * dy;
  const t = lengthSquared > 0 ? Math.max(0, Math.min(1, -(ax * dx + ay * dy) / lengthSquared)) : 0;
  return Math.hypot(ax + t * dx, ay + t * dy);
}

/** "Is a line within X metres?" queries against many segments. */
export interface SegmentProximityIndex {
  segmentCount: number;
  /** Distance to the nearest segment when it is at most `maxDistanceM`, else +Infinity. */
  nearestWithinM(lon: number, lat: number, maxDistanceM: number): number;
  withinM(lon: number, lat: number, distanceM: number): boolean;
}

/**
 * A Flatbush index of the segments' bounding boxes (from flattenLineSegments). A query searches the box of
 * `distanceM` around the point (in degrees, widened for the cosine of the poleward edge) and measures only the
 * segments whose boxes meet it.
 */
export function createSegmentProximityIndex(segments: Float64Array): SegmentProximityIndex {
  const count = segments.length / 4;
  if (count === 0) {
    return { segmentCount: 0, nearestWithinM: () => Number.POSITIVE_INFINITY, withinM: () => false };
  }
  const index = new Flatbush(count);
  for (let s = 0; s < count; s++) {
    const lon1 = segments[4 * s];
    const lat1 = segments[4 * s + 1];
    const lon2 = segments[4 * s + 2];
    const lat2 = segments[4 * s + 3];
    index.add(Math.min(lon1, lon2), Math.min(lat1, lat2), Math.max(lon1, lon2), Math.max(lat1, lat2));
  }
  index.finish();

  const nearestWithinM = (lon: number, lat: number, maxDistanceM: number): number => {
    const dLat = maxDistanceM / METRES_PER_DEGREE;
    const cosEdge = Math.cos(Math.min(89.9, Math.abs(lat) + dLat) * DEG);
    const dLon = dLat / Math.max(cosEdge, 1e-6);
    let best = Number.POSITIVE_INFINITY;
    for (const s of index.search(lon - dLon, lat - dLat, lon + dLon, lat + dLat)) {
      const distance = pointToSegmentDistanceM(
        lon,
        lat,
        segments[4 * s],
        segments[4 * s + 1],
        segments[4 * s + 2],
        segments[4 * s + 3],
      );
      if (distance < best) best = distance;
    }
    return best <= maxDistanceM ? best : Number.POSITIVE_INFINITY;
  };

  return {
    segmentCount: count,
    nearestWithinM,
    withinM: (lon, lat, distanceM) => nearestWithinM(lon, lat, distanceM) <= distanceM,
  };
}
