import { describe, expect, it } from 'vitest';
import type { SignalTerrain } from '../../../src/core/coverage/computeSignalCoverage';
import { predictCandidateCover } from '../../../src/core/siting/predictCandidateCover';
import {
  CALCULATION_RADIUS_M,
  CANDIDATES,
  coverByHand,
  GRID,
  groundM,
  operatorBits,
  prediction,
  RIDGE_COL,
} from './signalInstanceByHand';

function expectSameCover(
  result: Awaited<ReturnType<typeof predictCandidateCover>>,
  byHand: ReturnType<typeof coverByHand>,
) {
  byHand.forEach(({ covered, borderline }, j) => {
    const cells = Array.from(result.cells.subarray(result.starts[j], result.starts[j + 1]));
    expect(cells).toEqual([...cells].sort((a, b) => a - b));
    const got = new Set(cells);
    for (const cell of covered) expect(got.has(cell), `candidate ${j} cell ${cell} covered by hand`).toBe(true);
    for (const cell of got) {
      expect(covered.has(cell) || borderline.has(cell), `candidate ${j} cell ${cell} not covered by hand`).toBe(true);
    }
  });
}

describe('predictCandidateCover: cells where every chosen band reaches the threshold, by the link budget by hand', () => {
  it('uma-nlos, three operators: the worst band (MobiFone, 3850 MHz) decides; Vietnamobile has no 5G band', async () => {
    const chosen = ['Viettel', 'VinaPhone', 'MobiFone'];
    const result = await predictCandidateCover({
      prediction: prediction('uma-nlos'),
      candidates: CANDIDATES,
      operatorBits: operatorBits([...chosen, 'Vietnamobile']),
    });
    expect(result.operatorsWithRadio).toEqual(chosen);
    const byHand = coverByHand('uma-nlos', chosen, { toleranceDb: 1e-3 });
    expectSameCover(result, byHand);
    // The worst band alone gives the same cells; one operator on the lowest band reaches farther.
    expectSameCover(result, coverByHand('uma-nlos', ['MobiFone'], { toleranceDb: 1e-3 }));
    const viettel = await predictCandidateCover({
      prediction: prediction('uma-nlos'),
      candidates: CANDIDATES,
      operatorBits: operatorBits(['Viettel']),
    });
    expectSameCover(viettel, coverByHand('uma-nlos', ['Viettel'], { toleranceDb: 1e-3 }));
    expect(viettel.cells.length).toBeGreaterThan(1.3 * result.cells.length);
    for (let j = 0; j < CANDIDATES.count; j++) expect(result.starts[j + 1] - result.starts[j]).toBeGreaterThan(20);
  });

  it('computes only the masked cells, and nothing for operators without a band', async () => {
    const cellMask = new Uint8Array(GRID.width * GRID.height);
    for (let cell = 0; cell < cellMask.length; cell += 3) cellMask[cell] = 1;
    const chosen = ['Viettel', 'MobiFone'];
    const result = await predictCandidateCover({
      prediction: prediction('cost231', undefined, cellMask),
      candidates: CANDIDATES,
      operatorBits: operatorBits(chosen),
    });
    expectSameCover(result, coverByHand('cost231', chosen, { cellMask, toleranceDb: 1e-3 }));
    const none = await predictCandidateCover({
      prediction: prediction('cost231'),
      candidates: CANDIDATES,
      operatorBits: operatorBits(['Vietnamobile']),
    });
    expect(none.cells.length).toBe(0);
    expect(Array.from(none.starts)).toEqual([0, 0, 0, 0, 0]);
  });

  it('p526 over a synthetic ridge (exact mode): free space less the Bullington loss of each profile', async () => {
    const terrain: SignalTerrain = { groundM, kFactor: 4 / 3, diffractionWeight: 1, mode: 'exact' };
    const chosen = ['Viettel', 'VinaPhone'];
    const result = await predictCandidateCover({
      prediction: prediction('p526', terrain),
      candidates: CANDIDATES,
      operatorBits: operatorBits(chosen),
    });
    const byHand = coverByHand('p526', chosen, { terrain: true, maxReachM: CALCULATION_RADIUS_M, toleranceDb: 0.01 });
    expectSameCover(result, byHand);
    // The ridge shadows: the first candidate (west of it) covers fewer cells east of it than west.
    const first = Array.from(result.cells.subarray(result.starts[0], result.starts[1]));
    const east = first.filter((cell) => cell % GRID.width > RIDGE_COL + 3).length;
    const west = first.filter((cell) => cell % GRID.width < RIDGE_COL - 3).length;
    expect(west).toBeGreaterThan(2 * east);
    expect(first.length).toBeGreaterThan(100);
  });
});
