import { describe, expect, it } from 'vitest';
import { computeFixedRadiusCoverage } from '../../../src/core/coverage/computeFixedRadiusCoverage';
import { forEachCellWithinRadius } from '../../../src/core/coverage/forEachCellWithinRadius';
import type { PopulationGrid } from '../../../src/core/model/populationGrid';
import type { Tower } from '../../../src/core/model/tower';
import { packTowers } from '../../../src/core/model/towerArrays';
import { buildDemand } from '../../../src/core/siting/buildDemand';
import { buildCoverSets } from '../../../src/core/siting/coverSets';
import { seededRandom as random } from '../../../src/core/util/seededRandom';

function makeGrid(next: () => number): PopulationGrid {
  const width = 80;
  const height = 70;
  return {
    width,
    height,
    originLon: 107.9,
    originLat: 16.2,
    cellSizeLonDeg: 1 / 120,
    cellSizeLatDeg: 1 / 120,
    nodata: -99999,
    values: Float32Array.from({ length: width * height }, () => (next() < 0.15 ? -99999 : Math.round(next() * 600))),
  };
}

describe('forEachCellWithinRadius', () => {
  it('marks exactly the cells computeFixedRadiusCoverage marks for a tower at the same point and radius', async () => {
    const next = random(3);
    const grid = makeGrid(next);
    for (let trial = 0; trial < 40; trial++) {
      const lon = 107.85 + next() * 0.8;
      const lat = 16.25 - next() * 0.7;
      const radiusM = [0, 1, 450, 1000, 2500, 7000][trial % 6] + next() * 10;
      const tower: Tower = {
        id: 't',
        operator: 'Viettel',
        lon,
        lat,
        heightM: null,
        radiusM,
        mastType: null,
        tenants: ['Viettel'],
      };
      const bits = await computeFixedRadiusCoverage({
        grid,
        towers: packTowers([tower]),
        defaultRadiusM: 0,
        rowStart: 0,
        rowEnd: grid.height,
      });
      const visited = new Uint8Array(grid.width * grid.height);
      forEachCellWithinRadius(grid, lon, lat, radiusM, (cell) => {
        visited[cell]++;
      });
      expect(Array.from(visited)).toEqual(Array.from(bits));
    }
  });
});

describe('buildDemand and cover sets', () => {
  it('demand is the populated cells the chosen operators miss, weighted by people or people x operators gaining', async () => {
    const next = random(4);
    const grid = makeGrid(next);
    const operators = ['Viettel', 'VinaPhone', 'MobiFone'];
    const towers: Tower[] = Array.from({ length: 25 }, (_, i) => ({
      id: `T${i}`,
      operator: operators[i % 3],
      lon: 107.9 + next() * 0.66,
      lat: 16.2 - next() * 0.58,
      heightM: null,
      radiusM: 1500 + next() * 2000,
      mastType: null,
      tenants: [operators[i % 3]],
    }));
    const arrays = packTowers(towers);
    const coveredBits = await computeFixedRadiusCoverage({
      grid,
      towers: arrays,
      defaultRadiusM: 2000,
      rowStart: 0,
      rowEnd: grid.height,
    });
    const chosen = 0b011; // Viettel and VinaPhone (operatorNames order)
    const people = buildDemand({ grid, coveredBits, operatorBits: chosen, weighting: 'people' });
    const shared = buildDemand({ grid, coveredBits, operatorBits: chosen, weighting: 'people_x_operators' });
    let expectedGap = 0;
    let expectedWeighted = 0;
    for (let cell = 0; cell < grid.values.length; cell++) {
      const value = grid.values[cell];
      if (value === -99999 || value <= 0) continue;
      const missing = [0, 1].filter((op) => !(coveredBits[cell] & (1 << op))).length;
      if (missing === 2) expectedGap += value;
      expectedWeighted += value * missing;
    }
    expect(people.totalPopulation).toBeCloseTo(expectedGap, 6);
    expect(people.totalWeight).toBeCloseTo(expectedGap, 6);
    expect(shared.totalWeight).toBeCloseTo(expectedWeighted, 6);
    expect(shared.count).toBeGreaterThan(people.count);
    for (let d = 0; d < shared.count; d++) {
      expect(shared.gainingBits[d] & ~chosen).toBe(0);
      expect(coveredBits[shared.cellIndex[d]] & shared.gainingBits[d]).toBe(0);
    }

    // Cover sets: a candidate covers the demand cells whose centre is within its radius.
    const candidateLon = Array.from({ length: 30 }, () => 107.9 + next() * 0.66);
    const candidateLat = Array.from({ length: 30 }, () => 16.2 - next() * 0.58);
    const cover = await buildCoverSets({
      grid,
      demand: people,
      candidateCount: 30,
      candidateLon,
      candidateLat,
      radiusM: 2500,
    });
    for (let j = 0; j < 30; j++) {
      const cells = new Set<number>();
      for (let k = cover.candidateStarts[j]; k < cover.candidateStarts[j + 1]; k++) {
        const item = cover.candidateItems[k];
        for (let m = cover.itemDemandStarts[item]; m < cover.itemDemandStarts[item + 1]; m++) {
          cells.add(people.cellIndex[cover.itemDemand[m]]);
        }
      }
      const expected = new Set<number>();
      forEachCellWithinRadius(grid, candidateLon[j], candidateLat[j], 2500, (cell) => {
        if (people.cellIndex.includes(cell)) expected.add(cell);
      });
      expect([...cells].sort()).toEqual([...expected].sort());
    }
  });
});
