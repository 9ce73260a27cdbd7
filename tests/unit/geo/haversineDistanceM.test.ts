import { describe, expect, it } from 'vitest';
import { EARTH_MEAN_RADIUS_M, haversineDistanceM } from '../../../src/core/geo/haversineDistanceM';

describe('haversineDistanceM', () => {
  it('gives 111,195.08 m for one degree of latitude (R = 6,371,008.8 m, 2πR/360)', () => {
    expect(EARTH_MEAN_RADIUS_M).toBe(6_371_008.8);
    expect(haversineDistanceM(108, 16, 108, 17)).toBeCloseTo(111_195.08, 2);
  });

  it('gives cos(lat) of that for one degree of longitude along a parallel, to a few metres', () => {
    // Along the parallel the great circle is slightly shorter than the parallel arc (111,195.08 * cos 21° = 103,810.9 m).
    const distance = haversineDistanceM(105, 21, 106, 21);
    expect(distance).toBeLessThan(103_810.9);
    expect(distance).toBeGreaterThan(103_810.9 - 5);
  });

  it('agrees with the spherical law of cosines from Hanoi to Ho Chi Minh City', () => {
    const [lon1, lat1, lon2, lat2] = [105.8342, 21.0278, 106.6297, 10.8231];
    const rad = Math.PI / 180;
    const centralAngle = Math.acos(
      Math.sin(lat1 * rad) * Math.sin(lat2 * rad) +
        Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.cos((lon2 - lon1) * rad),
    );
    expect(haversineDistanceM(lon1, lat1, lon2, lat2)).toBeCloseTo(centralAngle * 6_371_008.8, 3);
    expect(haversineDistanceM(lon1, lat1, lon2, lat2)).toBeCloseTo(1_138_000, -4);
  });

  it('is zero for the same point and symmetric', () => {
    expect(haversineDistanceM(108.2, 16.05, 108.2, 16.05)).toBe(0);
    expect(haversineDistanceM(1, 2, 3, 4)).toBe(haversineDistanceM(3, 4, 1, 2));
  });
});
