import { describe, expect, it } from 'vitest';
import { pairLayerData } from '../../../src/app/map/pairLayerData';
import { findColocationPairs } from '../../../src/core/colocation/findColocationPairs';
import type { Tower } from '../../../src/core/model/tower';
import { packTowers } from '../../../src/core/model/towerArrays';

const OPERATORS = ['Viettel', 'VinaPhone', 'MobiFone', 'Vietnamobile'];

const tower = (id: string, lon: number, lat: number, operator: string): Tower => ({
  id,
  operator,
  lon,
  lat,
  heightM: null,
  radiusM: null,
  mastType: null,
  tenants: [operator],
});

/** The drawn lines as unordered "lon,lat|lon,lat" strings. */
function drawnSegments(data: ReturnType<typeof pairLayerData>): string[] {
  const segments: string[] = [];
  for (let n = 0; n < data.length; n++) {
    const s = `${data.sourcePositions[2 * n]},${data.sourcePositions[2 * n + 1]}`;
    const t = `${data.targetPositions[2 * n]},${data.targetPositions[2 * n + 1]}`;
    segments.push(s < t ? `${s}|${t}` : `${t}|${s}`);
  }
  return segments;
}

// A station list that gives a commune's centre for many masts: 12 places, each with 6-9 masts of every operator
// (pseudo-random, seeded), 20-400 m apart, and a few masts on their own.
function communeCentres() {
  let seed = 7;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const towers: Tower[] = [];
  for (let place = 0; place < 12; place++) {
    const lon = 108.2 + place * 0.002 + random() * 0.001;
    const lat = 16.05 + random() * 0.003;
    const masts = 6 + Math.floor(random() * 4);
    for (let k = 0; k < masts; k++) towers.push(tower(`p${place}-${k}`, lon, lat, OPERATORS[k % 4]));
  }
  for (let k = 0; k < 10; k++)
    towers.push(tower(`s${k}`, 108.2 + random() * 0.03, 16.05 + random() * 0.003, OPERATORS[k % 4]));
  return packTowers(towers);
}

describe('pairLayerData (co-location lines for the GPU)', () => {
  const towers = communeCentres();
  const pairs = findColocationPairs({ towers, sharingDistanceM: 500 });

  it('draws one line per distinct segment: every pair drawn, none twice (brute force over the pairs)', () => {
    const expected = new Set<string>();
    for (let k = 0; k < pairs.count; k++) {
      const a = `${towers.lon[pairs.a[k]]},${towers.lat[pairs.a[k]]}`;
      const b = `${towers.lon[pairs.b[k]]},${towers.lat[pairs.b[k]]}`;
      expected.add(a < b ? `${a}|${b}` : `${b}|${a}`);
    }
    const drawn = drawnSegments(pairLayerData(towers, pairs, null));
    expect(pairs.count).toBeGreaterThan(5 * expected.size);
    expect(drawn.length).toBe(expected.size);
    expect(new Set(drawn)).toEqual(expected);
  });

  it('keeps the pairs with a mast in the window only', () => {
    const box: [number, number, number, number] = [108.2, 16.05, 108.207, 16.054];
    const inside = (i: number) =>
      towers.lon[i] >= box[0] && towers.lon[i] <= box[2] && towers.lat[i] >= box[1] && towers.lat[i] <= box[3];
    const expected = new Set<string>();
    for (let k = 0; k < pairs.count; k++) {
      if (!inside(pairs.a[k]) && !inside(pairs.b[k])) continue;
      const a = `${towers.lon[pairs.a[k]]},${towers.lat[pairs.a[k]]}`;
      const b = `${towers.lon[pairs.b[k]]},${towers.lat[pairs.b[k]]}`;
      expected.add(a < b ? `${a}|${b}` : `${b}|${a}`);
    }
    const drawn = drawnSegments(pairLayerData(towers, pairs, { box, cellDeg: 0 }));
    expect(expected.size).toBeGreaterThan(0);
    expect(new Set(drawn)).toEqual(expected);
    expect(drawn.length).toBe(expected.size);
  });

  it('below the every-mast zoom, one line per pair of screen cells, each pair of cells with a pair drawn', () => {
    const box: [number, number, number, number] = [108.1, 16.0, 108.3, 16.1];
    const cellDeg = 0.004;
    // Screen cells as the layer counts them: from a degree south-west of the window.
    const cell = (i: number) =>
      `${Math.floor((towers.lon[i] - (box[0] - 1)) / cellDeg)}:${Math.floor((towers.lat[i] - (box[1] - 1)) / cellDeg)}`;
    const expected = new Set<string>();
    for (let k = 0; k < pairs.count; k++) {
      const a = cell(pairs.a[k]);
      const b = cell(pairs.b[k]);
      expected.add(a < b ? `${a}|${b}` : `${b}|${a}`);
    }
    const data = pairLayerData(towers, pairs, { box, cellDeg });
    const drawnCells = new Set<string>();
    for (let n = 0; n < data.length; n++) {
      const at = (positions: Float64Array) =>
        `${Math.floor((positions[2 * n] - (box[0] - 1)) / cellDeg)}:${Math.floor((positions[2 * n + 1] - (box[1] - 1)) / cellDeg)}`;
      const a = at(data.sourcePositions);
      const b = at(data.targetPositions);
      drawnCells.add(a < b ? `${a}|${b}` : `${b}|${a}`);
    }
    expect(data.length).toBe(expected.size);
    expect(drawnCells).toEqual(expected);
    expect(data.length).toBeLessThan(pairLayerData(towers, pairs, null).length);
  });

  it('returns the same object for the same pairs and window, so deck.gl keeps its buffers', () => {
    const window = { box: [108, 16, 109, 17] as [number, number, number, number], cellDeg: 0 };
    expect(pairLayerData(towers, pairs, window)).toBe(pairLayerData(towers, pairs, window));
  });
});
