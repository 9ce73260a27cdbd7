import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  countPairsByOperatorPair,
  findColocationPairs,
  operatorPairKey,
} from '../../../src/core/colocation/findColocationPairs';
import type { Tower } from '../../../src/core/model/tower';
import { packTowers } from '../../../src/core/model/towerArrays';
import { seededRandom as random } from '../../../src/core/util/seededRandom';
import { haversineByDefinition as haversine } from '../oracles/haversineByDefinition';

const repository = fileURLToPath(new URL('../../../', import.meta.url));

const OPERATORS = ['Viettel', 'VinaPhone', 'MobiFone', 'Vietnamobile'];

/** Masts in a few tight clumps (so pairs exist at 100-500 m) plus scattered ones. */
function clumpedTowers(count: number, next: () => number): Tower[] {
  const centres = Array.from({ length: 12 }, () => [107.5 + next() * 1.2, 15.2 + next() * 1.0]);
  return Array.from({ length: count }, (_, i) => {
    const [lon, lat] =
      next() < 0.7 ? centres[Math.floor(next() * centres.length)] : [107.5 + next() * 1.2, 15.2 + next()];
    const operator = OPERATORS[Math.floor(next() * 4)];
    return {
      id: `T${i}`,
      operator,
      lon: lon + (next() - 0.5) * 0.012,
      lat: lat + (next() - 0.5) * 0.012,
      heightM: null,
      radiusM: null,
      mastType: null,
      tenants: [operator],
    };
  });
}

function bruteForcePairs(towers: Tower[], threshold: (i: number, j: number) => number) {
  const pairs: [number, number][] = [];
  for (let i = 0; i < towers.length; i++) {
    for (let j = i + 1; j < towers.length; j++) {
      if (towers[i].operator === towers[j].operator) continue;
      if (haversine(towers[i].lon, towers[i].lat, towers[j].lon, towers[j].lat) <= threshold(i, j)) pairs.push([i, j]);
    }
  }
  return pairs;
}

describe('findColocationPairs', () => {
  it.each([1, 2, 3, 4, 5])('equals the O(n²) definition on seeded clumped masts (seed %i)', (seed) => {
    const next = random(seed);
    const towers = clumpedTowers(600, next);
    const distanceM = [50, 100, 400, 500, 1000][seed - 1];
    const found = findColocationPairs({ towers: packTowers(towers), sharingDistanceM: distanceM });
    const expected = bruteForcePairs(towers, () => distanceM);
    expect(expected.length).toBeGreaterThan(10);
    expect(Array.from({ length: found.count }, (_, k) => [found.a[k], found.b[k]])).toEqual(expected);
    for (let k = 0; k < found.count; k++) {
      const [i, j] = [found.a[k], found.b[k]];
      expect(found.distanceM[k]).toBeCloseTo(haversine(towers[i].lon, towers[i].lat, towers[j].lon, towers[j].lat), 6);
    }
  });

  it('equals the O(n²) definition where a latitude strip holds many masts (a parallel) and on a meridian', () => {
    const next = random(21);
    const base = { heightM: null, radiusM: null, mastType: null };
    const towers: Tower[] = Array.from({ length: 400 }, (_, i) => {
      const operator = OPERATORS[Math.floor(next() * 4)];
      const onParallel = i % 2 === 0;
      return {
        ...base,
        id: `L${i}`,
        operator,
        lon: onParallel ? 105 + next() * 0.05 : 106,
        lat: onParallel ? 21 : 21 + next() * 0.05,
        tenants: [operator],
      };
    });
    const found = findColocationPairs({ towers: packTowers(towers), sharingDistanceM: 150 });
    const expected = bruteForcePairs(towers, () => 150);
    expect(expected.length).toBeGreaterThan(100);
    expect(Array.from({ length: found.count }, (_, k) => [found.a[k], found.b[k]])).toEqual(expected);
  });

  it('with distances per mast, a pair counts within the larger of its two distances', () => {
    const next = random(11);
    const towers = clumpedTowers(500, next);
    const perMast = Float64Array.from(towers, () => (next() < 0.5 ? 100 : 500));
    const found = findColocationPairs({ towers: packTowers(towers), sharingDistanceM: perMast });
    const expected = bruteForcePairs(towers, (i, j) => Math.max(perMast[i], perMast[j]));
    expect(Array.from({ length: found.count }, (_, k) => [found.a[k], found.b[k]])).toEqual(expected);
  });

  it('counts a pair exactly at the distance, never masts of the same owner, and works near the poles', () => {
    const base = { heightM: null, radiusM: null, mastType: null };
    const towers: Tower[] = [
      { ...base, id: 'a', operator: 'Viettel', lon: 108, lat: 16, tenants: ['Viettel'] },
      { ...base, id: 'b', operator: 'Viettel', lon: 108.0001, lat: 16, tenants: ['Viettel'] },
      { ...base, id: 'c', operator: 'MobiFone', lon: 108.0002, lat: 16, tenants: ['MobiFone', 'Viettel'] },
      { ...base, id: 'd', operator: 'VinaPhone', lon: 10, lat: 89.9995, tenants: ['VinaPhone'] },
      { ...base, id: 'e', operator: 'MobiFone', lon: 170, lat: 89.9995, tenants: ['MobiFone'] },
    ];
    const exact = haversine(108, 16, 108.0002, 16);
    const found = findColocationPairs({ towers: packTowers(towers), sharingDistanceM: exact });
    const pairs = Array.from({ length: found.count }, (_, k) => `${towers[found.a[k]].id}${towers[found.b[k]].id}`);
    // a-b share an owner; a-c is exactly at the distance; b-c is closer; d-e straddle the pole 111 m apart.
    expect(pairs).toEqual(['ac', 'bc']);
    const polar = findColocationPairs({ towers: packTowers(towers), sharingDistanceM: 120 });
    expect(Array.from({ length: polar.count }, (_, k) => towers[polar.a[k]].id + towers[polar.b[k]].id)).toContain(
      'de',
    );
  });

  it('finds the demo province’s 35 different-operator pairs within 100 m, as an independent count does', () => {
    // Read the CSV with a plain split, not the project's reader.
    const lines = readFileSync(`${repository}data/demo/towers.csv`, 'utf8').trim().split('\n');
    const header = lines[0].split(',');
    const [idAt, operatorAt, lonAt, latAt] = ['id', 'operator', 'lon', 'lat'].map((name) => header.indexOf(name));
    const rows = lines.slice(1).map((line) => line.split(','));
    const manifest = JSON.parse(readFileSync(`${repository}data/demo/manifest.json`, 'utf8'));
    const independent: Record<string, number> = {};
    let count = 0;
    for (let i = 0; i < rows.length; i++) {
      for (let j = i + 1; j < rows.length; j++) {
        if (rows[i][operatorAt] === rows[j][operatorAt]) continue;
        const d = haversine(
          Number(rows[i][lonAt]),
          Number(rows[i][latAt]),
          Number(rows[j][lonAt]),
          Number(rows[j][latAt]),
        );
        if (d > 100) continue;
        count++;
        const key = [rows[i][operatorAt], rows[j][operatorAt]].sort().join('|');
        independent[key] = (independent[key] ?? 0) + 1;
      }
    }
    expect(count).toBe(manifest.towers.different_operator_pairs_within_100m);
    expect(count).toBe(35);

    const towers: Tower[] = rows.map((row) => ({
      id: row[idAt],
      operator: row[operatorAt],
      lon: Number(row[lonAt]),
      lat: Number(row[latAt]),
      heightM: null,
      radiusM: null,
      mastType: null,
      tenants: [row[operatorAt]],
    }));
    const arrays = packTowers(towers);
    const found = findColocationPairs({ towers: arrays, sharingDistanceM: 100 });
    expect(found.count).toBe(35);
    expect(countPairsByOperatorPair(found, arrays)).toEqual(independent);
    const masts = new Set([...found.a, ...found.b]);
    expect(masts.size).toBe(manifest.towers.masts_with_different_operator_within_100m);
  });
});

describe('operatorPairKey', () => {
  it('sorts the two names by JavaScript string order and joins them with |', () => {
    expect(operatorPairKey('Viettel', 'MobiFone')).toBe('MobiFone|Viettel');
    expect(operatorPairKey('VinaPhone', 'Viettel')).toBe('Viettel|VinaPhone');
    expect(operatorPairKey('Vietnamobile', 'Viettel')).toBe('Vietnamobile|Viettel');
    expect(operatorPairKey('Gmobile', 'MobiFone')).toBe('Gmobile|MobiFone');
  });
});
