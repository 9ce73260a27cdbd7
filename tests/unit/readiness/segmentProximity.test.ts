import { describe, expect, it } from 'vitest';
import {
  createSegmentProximityIndex,
  flattenLineSegments,
  pointToSegmentDistanceM,
} from '../../../src/core/geo/segmentProximity';
import { seededRandom } from '../../../src/core/util/seededRandom';

const R = 6_371_008.8;
const RAD = Math.PI / 180;

function haversineM(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const a =
    Math.sin(((lat2 - lat1) * RAD) / 2) ** 2 +
    Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(((lon2 - lon1) * RAD) / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(a)));
}

/**
 * Reference: the great-circle (haversine) distance from the point to the nearest point of the segment drawn straight
 * in lon/lat, found by sampling the segment 2,000 times and refining the best bracket by golden-section search.
 */
function referenceDistanceM(lon: number, lat: number, a: number[], b: number[]): number {
  const at = (t: number) => haversineM(lon, lat, a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]));
  const samples = 2000;
  let best = 0;
  for (let i = 1; i <= samples; i++) if (at(i / samples) < at(best / samples)) best = i;
  let low = Math.max(0, (best - 1) / samples);
  let high = Math.min(1, (best + 1) / samples);
  const phi = (Math.sqrt(5) - 1) / 2;
  for (let k = 0; k < 100; k++) {
    const m1 = high - phi * (high - low);
    const m2 = low + phi * (high - low);
    if (at(m1) < at(m2)) high = m2;
    else low = m1;
  }
  return Math.min(at(0), at(1), at((low + high) / 2));
}

/** A point `distanceM` from (lon, lat) along `bearingDeg`, on the sphere. */
function destination(lon: number, lat: number, distanceM: number, bearingDeg: number): number[] {
  const delta = distanceM / R;
  const theta = bearingDeg * RAD;
  const phi1 = lat * RAD;
  const phi2 = Math.asin(Math.sin(phi1) * Math.cos(delta) + Math.cos(phi1) * Math.sin(delta) * Math.cos(theta));
  const lambda2 =
    lon * RAD +
    Math.atan2(Math.sin(theta) * Math.sin(delta) * Math.cos(phi1), Math.cos(delta) - Math.sin(phi1) * Math.sin(phi2));
  return [lambda2 / RAD, phi2 / RAD];
}

/** Random masts in Vietnam's latitudes with a segment 0.1-25 km long passing 0-5 km from each. */
function randomCases(count: number, seed: number) {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => {
    const lon = 102.2 + random() * 7;
    const lat = 8.5 + random() * 15;
    const near = destination(lon, lat, random() * 5000, random() * 360);
    const lengthM = 100 + random() * 24_900;
    const bearing = random() * 360;
    const before = random() * lengthM;
    const a = destination(near[0], near[1], before, bearing + 180);
    const b = destination(near[0], near[1], lengthM - before, bearing);
    return { lon, lat, a, b };
  });
}

describe('pointToSegmentDistanceM (local equirectangular projection at the point)', () => {
  it('is within 0.04 m of the spherical distance up to 1 km and within 1 m up to 5 km (segments to 25 km)', () => {
    let worstNear = 0;
    let worstFar = 0;
    for (const { lon, lat, a, b } of randomCases(3000, 7)) {
      const reference = referenceDistanceM(lon, lat, a, b);
      const error = Math.abs(pointToSegmentDistanceM(lon, lat, a[0], a[1], b[0], b[1]) - reference);
      if (reference <= 1000) worstNear = Math.max(worstNear, error);
      else if (reference <= 5000) worstFar = Math.max(worstFar, error);
    }
    expect(worstNear).toBeLessThan(0.04);
    expect(worstFar).toBeLessThan(1);
  });

  it('measures to the nearer end beyond the segment, and handles a zero-length segment', () => {
    // 0.01° of latitude north of the segment's northern end: 1,111.95 m.
    expect(pointToSegmentDistanceM(105, 21.03, 105, 21, 105, 21.02)).toBeCloseTo(1111.95, 1);
    expect(pointToSegmentDistanceM(105, 21.03, 105, 21.02, 105, 21.02)).toBeCloseTo(1111.95, 1);
    expect(pointToSegmentDistanceM(105.01, 21, 105.01, 20.9, 105.01, 21.1)).toBe(0);
  });
});

describe('createSegmentProximityIndex', () => {
  it('finds the same nearest segment within the search distance as a scan of every segment', () => {
    const random = seededRandom(11);
    const lines = Array.from({ length: 40 }, () => {
      const start = [105 + random() * 2, 20 + random() * 2];
      return Array.from({ length: 8 }, (_, k) => [
        start[0] + k * (random() - 0.3) * 0.05,
        start[1] + k * (random() - 0.5) * 0.05,
      ]);
    });
    const segments = flattenLineSegments(lines);
    expect(segments.length).toBe(40 * 7 * 4);
    const index = createSegmentProximityIndex(segments);
    let near = 0;
    for (let q = 0; q < 2000; q++) {
      const lon = 105 + random() * 2;
      const lat = 20 + random() * 2;
      let nearest = Number.POSITIVE_INFINITY;
      for (let s = 0; s < segments.length; s += 4) {
        nearest = Math.min(
          nearest,
          pointToSegmentDistanceM(lon, lat, segments[s], segments[s + 1], segments[s + 2], segments[s + 3]),
        );
      }
      for (const limitM of [500, 3000]) {
        const found = index.nearestWithinM(lon, lat, limitM);
        expect(found).toBe(nearest <= limitM ? nearest : Number.POSITIVE_INFINITY);
        expect(index.withinM(lon, lat, limitM)).toBe(nearest <= limitM);
      }
      if (nearest <= 3000) near++;
    }
    expect(near).toBeGreaterThan(200);
  });

  it('answers "none" without segments', () => {
    const index = createSegmentProximityIndex(flattenLineSegments([]));
    expect(index.withinM(105, 21, 1e9)).toBe(false);
  });
});
