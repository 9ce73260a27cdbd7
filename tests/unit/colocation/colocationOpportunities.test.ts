import { describe, expect, it } from 'vitest';
import { findColocationOpportunities } from '../../../src/core/colocation/colocationOpportunities';
import { computeSpareCapacity } from '../../../src/core/colocation/spareCapacity';
import { computeFixedRadiusCoverage } from '../../../src/core/coverage/computeFixedRadiusCoverage';
import { packMastAttributes } from '../../../src/core/model/mastAttributes';
import type { PopulationGrid } from '../../../src/core/model/populationGrid';
import type { MastType, Tower } from '../../../src/core/model/tower';
import { packTowers } from '../../../src/core/model/towerArrays';
import { seededRandom as random } from '../../../src/core/util/seededRandom';
import { haversineByDefinition as haversine } from '../oracles/haversineByDefinition';

describe('findColocationOpportunities', () => {
  it('ranks masts of others with a spare slot by the people the operator newly covers, as brute force counts', async () => {
    const next = random(21);
    const grid: PopulationGrid = {
      width: 60,
      height: 50,
      originLon: 108,
      originLat: 16.2,
      cellSizeLonDeg: 1 / 120,
      cellSizeLatDeg: 1 / 120,
      nodata: -99999,
      values: Float32Array.from({ length: 3000 }, () => (next() < 0.1 ? -99999 : Math.round(next() * 800))),
    };
    const operators = ['Viettel', 'VinaPhone', 'MobiFone'];
    const types: MastType[] = ['A1', 'A2a', 'A2b', 'A2c'];
    const towers: Tower[] = Array.from({ length: 80 }, (_, i) => {
      const operator = operators[i % 3];
      return {
        id: `T${i}`,
        operator,
        lon: 108 + next() * 0.5,
        lat: 16.2 - next() * 0.41,
        heightM: 10 + next() * 40,
        radiusM: next() < 0.3 ? null : 1000 + next() * 2000,
        mastType: types[Math.floor(next() * 4)],
        tenants: next() < 0.2 ? [operator, operators[(i + 1) % 3]] : [operator],
      };
    });
    const arrays = packTowers(towers);
    const capacity = computeSpareCapacity(arrays, packMastAttributes(towers));
    const coveredBits = await computeFixedRadiusCoverage({
      grid,
      towers: arrays,
      defaultRadiusM: 1500,
      rowStart: 0,
      rowEnd: grid.height,
    });
    const mask = Uint8Array.from({ length: 3000 }, (_, i) => (i % 7 === 0 ? 0 : 1));
    const results = await findColocationOpportunities({
      grid,
      mask,
      towers: arrays,
      spareSlots: capacity.spare,
      coveredBits,
      defaultRadiusM: 1500,
      limitPerOperator: 1000,
    });
    expect(results.map((r) => r.operator)).toEqual(arrays.operatorNames);
    for (const { operator, opportunities } of results) {
      const op = arrays.operatorNames.indexOf(operator);
      const expected: { id: string; people: number }[] = [];
      towers.forEach((tower, t) => {
        if (capacity.spare[t] === 0 || tower.tenants.includes(operator)) return;
        const radius = tower.radiusM ?? 1500;
        let people = 0;
        for (let row = 0; row < grid.height; row++) {
          for (let col = 0; col < grid.width; col++) {
            const cell = row * grid.width + col;
            const value = grid.values[cell];
            if (value === -99999 || !(value > 0) || mask[cell] === 0 || coveredBits[cell] & (1 << op)) continue;
            const lon = grid.originLon + (col + 0.5) * grid.cellSizeLonDeg;
            const lat = grid.originLat - (row + 0.5) * grid.cellSizeLatDeg;
            if (haversine(tower.lon, tower.lat, lon, lat) <= radius) people += value;
          }
        }
        if (people > 0) expected.push({ id: tower.id, people });
      });
      expected.sort((x, y) => y.people - x.people || Number(x.id.slice(1)) - Number(y.id.slice(1)));
      expect(opportunities.map((o) => o.towerId)).toEqual(expected.map((e) => e.id));
      opportunities.forEach((o, k) => {
        expect(o.newlyCoveredPopulation).toBeCloseTo(expected[k].people, 6);
        expect(o.spareSlots).toBeGreaterThan(0);
        expect(o.tenants).not.toContain(operator);
      });
      expect(opportunities.length).toBeGreaterThan(3);
    }
  });
});
