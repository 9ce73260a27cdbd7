import { describe, expect, it } from 'vitest';
import {
  cellAreaKm2,
  computeFixedRadiusCoverage,
  summarizeCoverage,
} from '../../../src/core/coverage/computeFixedRadiusCoverage';
import { haversineDistanceM } from '../../../src/core/geo/haversineDistanceM';
import type { PopulationGrid } from '../../../src/core/model/populationGrid';
import type { Tower } from '../../../src/core/model/tower';
import { packTowers } from '../../../src/core/model/towerArrays';
import { seededRandom as random } from '../../../src/core/util/seededRandom';

function makeGrid(width: number, height: number, next: () => number): PopulationGrid {
  const values = new Float32Array(width * height);
  for (let i = 0; i < values.length; i++) values[i] = next() < 0.2 ? -99999 : Math.round(next() * 500);
  return {
    width,
    height,
    originLon: 107.9,
    originLat: 16.2,
    cellSizeLonDeg: 1 / 120,
    cellSizeLatDeg: 1 / 120,
    nodata: -99999,
    values,
  };
}

function makeTowers(count: number, next: () => number): Tower[] {
  const operators = ['Viettel', 'VinaPhone', 'MobiFone', 'Vietnamobile'];
  return Array.from({ length: count }, (_, i) => {
    const operator = operators[Math.floor(next() * 4)];
    const tenants = next() < 0.2 ? [operator, operators[(operators.indexOf(operator) + 1) % 4]] : [operator];
    return {
      id: `T${i}`,
      operator,
      lon: 107.9 + next() * 0.5,
      lat: 16.2 - next() * 0.4,
      heightM: null,
      radiusM: next() < 0.3 ? null : 300 + next() * 4000,
      mastType: null,
      tenants,
    };
  });
}

/** The definition, literally: every cell against every tower with the haversine distance. */
function bruteForce(grid: PopulationGrid, towers: Tower[], defaultRadiusM: number, names: string[]) {
  const bits = new Uint8Array(grid.width * grid.height);
  for (let row = 0; row < grid.height; row++) {
    for (let col = 0; col < grid.width; col++) {
      const lon = grid.originLon + (col + 0.5) * grid.cellSizeLonDeg;
      const lat = grid.originLat - (row + 0.5) * grid.cellSizeLatDeg;
      for (const tower of towers) {
        if (haversineDistanceM(lon, lat, tower.lon, tower.lat) <= (tower.radiusM ?? defaultRadiusM)) {
          for (const tenant of tower.tenants) bits[row * grid.width + col] |= 1 << names.indexOf(tenant);
        }
      }
    }
  }
  return bits;
}

describe('computeFixedRadiusCoverage', () => {
  it('matches the brute-force haversine definition cell by cell', async () => {
    const next = random(7);
    const grid = makeGrid(60, 48, next);
    const towers = makeTowers(120, next);
    const arrays = packTowers(towers);
    const bits = await computeFixedRadiusCoverage({
      grid,
      towers: arrays,
      defaultRadiusM: 1500,
      rowStart: 0,
      rowEnd: grid.height,
    });
    const expected = bruteForce(grid, towers, 1500, arrays.operatorNames);
    let differing = 0;
    for (let i = 0; i < bits.length; i++) if (bits[i] !== expected[i]) differing++;
    expect(differing).toBe(0);
    expect(bits.some((b) => b === 0)).toBe(true);
    expect(bits.some((b) => b !== 0)).toBe(true);
  });

  it('gives the same answer when the grid is split into bands', async () => {
    const next = random(11);
    const grid = makeGrid(50, 40, next);
    const arrays = packTowers(makeTowers(80, next));
    const whole = await computeFixedRadiusCoverage({
      grid,
      towers: arrays,
      defaultRadiusM: 900,
      rowStart: 0,
      rowEnd: 40,
    });
    const top = await computeFixedRadiusCoverage({
      grid,
      towers: arrays,
      defaultRadiusM: 900,
      rowStart: 0,
      rowEnd: 17,
    });
    const bottom = await computeFixedRadiusCoverage({
      grid,
      towers: arrays,
      defaultRadiusM: 900,
      rowStart: 17,
      rowEnd: 40,
    });
    const joined = new Uint8Array(whole.length);
    joined.set(top, 0);
    joined.set(bottom, 17 * 50);
    expect(joined).toEqual(whole);
  });

  it('covers a cell exactly at the radius and not one metre beyond (hand-computed)', async () => {
    // One cell whose centre is 0.01° north of the tower: 0.01° x pi/180 x 6,371,008.8 m = 1,111.95 m.
    const grid: PopulationGrid = {
      width: 1,
      height: 1,
      originLon: 107.995,
      originLat: 16.015,
      cellSizeLonDeg: 0.01,
      cellSizeLatDeg: 0.01,
      nodata: null,
      values: Float32Array.of(100),
    };
    const distanceM = 0.01 * (Math.PI / 180) * 6_371_008.8;
    expect(distanceM).toBeCloseTo(1111.95, 2);
    const tower = (radiusM: number): Tower => ({
      id: 'a',
      operator: 'Viettel',
      lon: 108,
      lat: 16,
      heightM: null,
      radiusM,
      mastType: null,
      tenants: ['Viettel'],
    });
    const run = (radiusM: number) =>
      computeFixedRadiusCoverage({
        grid,
        towers: packTowers([tower(radiusM)]),
        defaultRadiusM: 0,
        rowStart: 0,
        rowEnd: 1,
      });
    expect((await run(distanceM + 0.001))[0]).toBe(1);
    expect((await run(distanceM - 1))[0]).toBe(0);
  });

  it('sums population and area of covered cells, skipping nodata and cells outside the mask', () => {
    const grid: PopulationGrid = {
      width: 2,
      height: 2,
      originLon: 108,
      originLat: 16,
      cellSizeLonDeg: 0.5,
      cellSizeLatDeg: 0.5,
      nodata: -1,
      values: Float32Array.of(10, 20, -1, 40),
    };
    const bits = Uint8Array.of(0b01, 0b11, 0b01, 0);
    const summary = summarizeCoverage(grid, bits, ['Viettel', 'MobiFone']);
    expect(summary.populationTotal).toBe(70);
    expect(summary.populationCovered).toBe(30);
    expect(summary.populationCoveredByOperator).toEqual({ Viettel: 30, MobiFone: 20 });
    expect(summary.populationUncovered).toBe(40);
    // Two covered cells in the northern row: R² Δλ (sin 16° - sin 15.5°) each, R = 6371.0088 km.
    const rowArea =
      6371.0088 ** 2 * 0.5 * (Math.PI / 180) * (Math.sin((16 * Math.PI) / 180) - Math.sin((15.5 * Math.PI) / 180));
    expect(summary.areaCoveredKm2).toBeCloseTo(2 * rowArea, 6);
    expect(cellAreaKm2(16, 15.5, 0.5)).toBeCloseTo(rowArea, 9);
    const masked = summarizeCoverage(grid, bits, ['Viettel', 'MobiFone'], Uint8Array.of(1, 0, 1, 1));
    expect(masked.populationTotal).toBe(50);
    expect(masked.populationCovered).toBe(10);
  });
});
