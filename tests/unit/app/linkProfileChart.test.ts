import { describe, expect, it } from 'vitest';
import { linkProfileChart } from '../../../src/app/terrain/linkProfileChart';
import { nearestTowers } from '../../../src/app/terrain/nearestTowers';
import { niceTicks } from '../../../src/app/terrain/niceTicks';
import type { LinkProfilePoints } from '../../../src/core/terrain/computeLinkProfile';

describe('niceTicks', () => {
  it('steps of 1, 2 or 5 × 10ⁿ, from a multiple below the low end to one above the high end', () => {
    expect(niceTicks(0, 60, 5)).toEqual({ step: 10, min: 0, max: 60, values: [0, 10, 20, 30, 40, 50, 60] });
    // 123 / 5 = 24.6 → 20; from 0 to 140.
    expect(niceTicks(7, 130, 5).values).toEqual([0, 20, 40, 60, 80, 100, 120, 140]);
    // 4.3 km / 5 = 0.86 → 1.
    expect(niceTicks(0, 4.3, 5)).toEqual({ step: 1, min: 0, max: 5, values: [0, 1, 2, 3, 4, 5] });
    // 0.3 / 5 = 0.06 → 0.05, without binary fractions in the values.
    expect(niceTicks(0.1, 0.4, 5).values).toEqual([0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4]);
    expect(niceTicks(-12, 3, 3).values).toEqual([-15, -10, -5, 0, 5]);
    expect(niceTicks(5, 5, 2).values).toEqual([4, 5, 6]);
  });
});

describe('linkProfileChart', () => {
  // Three points over 2 km: a 30 m hill with 5 m of bulge at mid-path, antennas at 50 m, F1 10 m at mid-path.
  const points: LinkProfilePoints = {
    distanceKm: new Float64Array([0, 1, 2]),
    groundM: new Float64Array([10, 30, 10]),
    earthBulgeM: new Float64Array([0, 5, 0]),
    lineOfSightM: new Float64Array([50, 50, 50]),
    fresnelRadiusM: new Float64Array([0, 10, 0]),
    clearanceM: new Float64Array([40, 15, 40]),
    clearancePercentF1: new Float64Array([Number.NaN, 150, Number.NaN]),
  };
  // Plot from x 40 to 310 (270 units for 2 km), y 170 (0 m) up to 10 (60 m): 160 units for 60 m.
  const box = { width: 320, height: 200, marginLeft: 40, marginRight: 10, marginTop: 10, marginBottom: 30 };
  const chart = linkProfileChart(points, box);

  it('scales 0 to the link length across the plot and the heights over round ticks from 0 to 60 m', () => {
    expect(chart.plot).toEqual({ left: 40, top: 10, right: 310, bottom: 170 });
    expect(chart.x(0)).toBe(40);
    expect(chart.x(1)).toBe(175);
    expect(chart.x(2)).toBe(310);
    expect(chart.y(0)).toBe(170);
    expect(chart.y(60)).toBe(10);
    expect(chart.y(30)).toBe(90);
    expect(chart.yTicks.map((tick) => tick.value)).toEqual([0, 10, 20, 30, 40, 50, 60]);
    expect(chart.yTicks[1].y).toBe(143.3);
    // 2 / 5 = 0.4 → 0.5 km steps, none beyond the link's end.
    expect(chart.xTicks).toEqual([
      { value: 0, x: 40 },
      { value: 0.5, x: 107.5 },
      { value: 1, x: 175 },
      { value: 1.5, x: 242.5 },
      { value: 2, x: 310 },
    ]);
  });

  it('draws ground + bulge down to the bottom, the bulge, the line of sight, F1 and 60 % of F1', () => {
    // Ground + bulge: 10, 35, 10 m → y 143.3, 76.7, 143.3.
    expect(chart.terrainPath).toBe('M40,170L40,143.3L175,76.7L310,143.3L310,170Z');
    // Bulge 0, 5, 0 m → y 170, 156.7, 170.
    expect(chart.earthPath).toBe('M40,170L175,156.7L310,170');
    expect(chart.lineOfSightPath).toBe('M40,36.7L175,36.7L310,36.7');
    // 50 ± 10 m at mid-path: y 10 and 63.3.
    expect(chart.fresnelUpperPath).toBe('M40,36.7L175,10L310,36.7');
    expect(chart.fresnelLowerPath).toBe('M40,36.7L175,63.3L310,36.7');
    expect(chart.fresnelBandPath).toBe('M40,36.7L175,10L310,36.7L310,36.7L175,63.3L40,36.7Z');
    // 50 − 6 = 44 m → y 52.7.
    expect(chart.sixtyPercentPath).toBe('M40,36.7L175,52.7L310,36.7');
  });
});

describe('nearestTowers', () => {
  it('lists the nearest masts first, without the mast itself or one at the same place', () => {
    // Along the equator, 0.01° ≈ 1,112 m.
    const towers = {
      count: 5,
      lon: new Float64Array([0, 0.03, 0.01, 0, 0.02]),
      lat: new Float64Array([0, 0, 0, 0, 0]),
    };
    const nearest = nearestTowers(towers, 0, 2);
    expect(nearest.map((entry) => entry.index)).toEqual([2, 4]);
    expect(nearest[0].distanceM).toBeCloseTo(1111.95, 1);
    expect(nearestTowers(towers, 0, 10).map((entry) => entry.index)).toEqual([2, 4, 1]);
    expect(nearestTowers(towers, 9, 3)).toEqual([]);
  });
});
