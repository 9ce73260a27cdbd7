import { describe, expect, it } from 'vitest';
import { buildRadios } from '../../../src/core/coverage/buildRadios';
import { computeSignalCoverage, type SignalCoverageRequest } from '../../../src/core/coverage/computeSignalCoverage';
import { DEFAULT_RECEIVER, radioSettingsFor, receiverAdjustmentDb } from '../../../src/core/coverage/linkBudget';
import type { Tower } from '../../../src/core/model/tower';
import { packTowers } from '../../../src/core/model/towerArrays';
import { gridDiffractionByHand } from '../oracles/terrainByHand';

// A 60 x 50 grid of 0.001° cells at 16°N with a 300 m north-south ridge five cells west of the grid's middle, and one
// omnidirectional 30 m mast west of the ridge.
const GRID = {
  width: 60,
  height: 50,
  originLon: 108.1,
  originLat: 16.05,
  cellSizeLonDeg: 0.001,
  cellSizeLatDeg: 0.001,
};
const RIDGE_COL = 25;
const groundM = new Float32Array(GRID.width * GRID.height);
for (let row = 0; row < GRID.height; row++) {
  for (let col = 0; col < GRID.width; col++) {
    groundM[row * GRID.width + col] = 20 + 300 * Math.exp(-(((col - RIDGE_COL) / 2) ** 2));
  }
}
const MAST: Tower = {
  id: 'M1',
  operator: 'Viettel',
  lon: GRID.originLon + 12.5 * GRID.cellSizeLonDeg,
  lat: GRID.originLat - 25.5 * GRID.cellSizeLatDeg,
  heightM: 30,
  radiusM: null,
  mastType: null,
  tenants: ['Viettel'],
};
const FLOOR_DBM = -300;

function request(terrain?: SignalCoverageRequest['terrain']): SignalCoverageRequest {
  const arrays = packTowers([MAST]);
  const receiver = { ...DEFAULT_RECEIVER };
  const radios = buildRadios({
    towers: arrays,
    radioByOperator: arrays.operatorNames.map((name) => radioSettingsFor('4g', name)),
    receiver,
    modelId: 'p526',
    floorDbm: FLOOR_DBM,
  });
  radios.reachM.fill(4000);
  return {
    grid: GRID,
    radios,
    operatorCount: arrays.operatorNames.length,
    modelId: 'p526',
    environment: { rxHeightM: receiver.rxHeightM },
    receiverAdjustmentDb: receiverAdjustmentDb(receiver),
    signalFloorDbm: FLOOR_DBM,
    rowStart: 0,
    rowEnd: GRID.height,
    terrain,
  };
}

/** The diffraction loss of one cell by the definition: N = ceil(d/s) points on the straight line, Bullington. */
function diffractionByHand(row: number, col: number, frequencyMHz: number): number {
  const site = { lon: MAST.lon, lat: MAST.lat, txHeightM: 30 };
  return gridDiffractionByHand({ ...GRID, groundM }, site, { row, col }, DEFAULT_RECEIVER.rxHeightM, frequencyMHz);
}

describe('computeSignalCoverage over terrain', () => {
  const terrain = { groundM, kFactor: 4 / 3, diffractionWeight: 1, mode: 'exact' as const };

  it('takes off each cell the Bullington loss of its own profile, as written by hand (exact mode)', async () => {
    const plain = await computeSignalCoverage(request());
    const overTerrain = await computeSignalCoverage(request(terrain));
    const frequencyMHz = request().radios.frequencyMHz[0];
    let compared = 0;
    let behindRidge = 0;
    for (let row = 0; row < GRID.height; row++) {
      for (let col = 0; col < GRID.width; col++) {
        const cell = row * GRID.width + col;
        if (!Number.isFinite(plain.bestSignalDbm[cell])) continue;
        const lossDb = plain.bestSignalDbm[cell] - overTerrain.bestSignalDbm[cell];
        expect(lossDb).toBeCloseTo(diffractionByHand(row, col, frequencyMHz), 2);
        compared++;
        if (col > RIDGE_COL + 4 && lossDb > 20) behindRidge++;
      }
    }
    expect(compared).toBeGreaterThan(1000);
    // The ridge shadows the cells east of it.
    expect(behindRidge).toBeGreaterThan(300);
  });

  it('adds nothing with weight 0, and half the loss with weight 0.5', async () => {
    const plain = await computeSignalCoverage(request());
    const none = await computeSignalCoverage(request({ ...terrain, diffractionWeight: 0 }));
    const whole = await computeSignalCoverage(request(terrain));
    const half = await computeSignalCoverage(request({ ...terrain, diffractionWeight: 0.5 }));
    for (let cell = 0; cell < plain.bestSignalDbm.length; cell++) {
      if (!Number.isFinite(plain.bestSignalDbm[cell])) continue;
      expect(none.bestSignalDbm[cell]).toBe(plain.bestSignalDbm[cell]);
      const wholeLoss = plain.bestSignalDbm[cell] - whole.bestSignalDbm[cell];
      expect(plain.bestSignalDbm[cell] - half.bestSignalDbm[cell]).toBeCloseTo(wholeLoss / 2, 3);
    }
  });

  it('gives the same cells whatever the band split, in both modes', async () => {
    for (const mode of ['exact', 'sweep'] as const) {
      const whole = await computeSignalCoverage(request({ ...terrain, mode }));
      const top = await computeSignalCoverage({ ...request({ ...terrain, mode }), rowStart: 0, rowEnd: 17 });
      const bottom = await computeSignalCoverage({
        ...request({ ...terrain, mode }),
        rowStart: 17,
        rowEnd: GRID.height,
      });
      expect([...top.bestSignalDbm, ...bottom.bestSignalDbm]).toEqual([...whole.bestSignalDbm]);
    }
  });

  it('gives the same cells in a column window as in whole rows, with a cell mask, in both modes', async () => {
    // Every third cell masked out, so that the window's mask indexing is exercised too.
    const cellMask = Uint8Array.from({ length: GRID.width * GRID.height }, (_, cell) => (cell % 3 === 0 ? 0 : 1));
    for (const mode of ['exact', 'sweep'] as const) {
      const rows = { ...request({ ...terrain, mode }), cellMask, rowStart: 10, rowEnd: 40 };
      const whole = await computeSignalCoverage(rows);
      const window = await computeSignalCoverage({ ...rows, colStart: 7, colEnd: 31 });
      expect([window.width, window.colStart]).toEqual([24, 7]);
      const expected: number[] = [];
      const operatorExpected: number[] = [];
      for (let r = 0; r < 30; r++) {
        for (let col = 7; col < 31; col++) {
          expected.push(whole.bestSignalDbm[r * GRID.width + col]);
          operatorExpected.push(whole.bestSignalDbmByOperator[0][r * GRID.width + col]);
        }
      }
      expect([...window.bestSignalDbm]).toEqual(expected);
      expect([...window.bestSignalDbmByOperator[0]]).toEqual(operatorExpected);
      expect(expected.filter((value) => value > FLOOR_DBM).length).toBeGreaterThan(300);
    }
  });

  it('agrees with the exact mode within 3 dB on most cells in sweep mode', async () => {
    const exact = await computeSignalCoverage(request(terrain));
    const sweep = await computeSignalCoverage(request({ ...terrain, mode: 'sweep' }));
    let close = 0;
    let total = 0;
    for (let cell = 0; cell < exact.bestSignalDbm.length; cell++) {
      if (!Number.isFinite(exact.bestSignalDbm[cell])) continue;
      total++;
      if (Math.abs(exact.bestSignalDbm[cell] - sweep.bestSignalDbm[cell]) <= 3) close++;
    }
    expect(close / total).toBeGreaterThan(0.9);
  });
});
