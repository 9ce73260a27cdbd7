import { describe, expect, it } from 'vitest';
import {
  createPathLossFunction,
  isPathLossModelId,
  PATH_LOSS_MODEL_IDS,
  PATH_LOSS_MODELS,
  pathLossDb,
} from '../../../src/core/propagation/pathLossModels';

describe('path-loss model registry', () => {
  it('lists the nine models with their typical base station heights', () => {
    expect(PATH_LOSS_MODEL_IDS).toEqual([
      'fspl',
      'cost231',
      'uma-los',
      'uma-nlos',
      'umi-los',
      'umi-nlos',
      'rma-los',
      'rma-nlos',
      'p526',
    ]);
    expect(PATH_LOSS_MODELS['uma-nlos'].defaultTxHeightM).toBe(25);
    expect(PATH_LOSS_MODELS['umi-nlos'].defaultTxHeightM).toBe(10);
    expect(PATH_LOSS_MODELS['rma-nlos'].defaultTxHeightM).toBe(35);
    expect(PATH_LOSS_MODELS.cost231.defaultTxHeightM).toBe(30);
    expect(isPathLossModelId('uma-nlos')).toBe(true);
    expect(isPathLossModelId('hata')).toBe(false);
  });

  it("fills each model's default heights and gives the sanity values with no warnings", () => {
    // Hand values in the per-model tests: 136.197, 129.916, 142.047 dB.
    expect(pathLossDb('cost231', { frequencyMHz: 1800, distanceM: 1000 })).toEqual({
      pathLossDb: expect.closeTo(136.197, 2),
      warnings: [],
    });
    expect(pathLossDb('uma-nlos', { frequencyMHz: 3500, distanceM: 500 }).pathLossDb).toBeCloseTo(129.916, 2);
    expect(pathLossDb('rma-nlos', { frequencyMHz: 3500, distanceM: 2000 }).pathLossDb).toBeCloseTo(142.047, 2);
    expect(pathLossDb('cost231', { frequencyMHz: 1800, distanceM: 1000, metropolitan: true }).pathLossDb).toBeCloseTo(
      139.197,
      2,
    );
  });

  it('computes outside the validity range and says so in a sentence', () => {
    const result = pathLossDb('uma-nlos', { frequencyMHz: 3500, distanceM: 8000 });
    expect(Number.isFinite(result.pathLossDb)).toBe(true);
    expect(result.warnings).toEqual([
      "UMa NLOS: distance 8000 m is outside the model's range 10-5000 m (computed anyway)",
    ]);
    expect(pathLossDb('uma-nlos', { frequencyMHz: 3500, distanceM: 500, txHeightM: 30 }).warnings).toEqual([
      "UMa NLOS: base station height 30 m is outside the model's 25 m (computed anyway)",
    ]);
  });

  it.each(PATH_LOSS_MODEL_IDS)('%s rises with distance (so reach can be found by bisection)', (modelId) => {
    const pathLoss = createPathLossFunction(modelId, { frequencyMHz: 1800, txHeightM: 30 });
    let previous = pathLoss(1);
    for (let distanceM = 2; distanceM <= 30_000; distanceM *= 1.05) {
      const loss = pathLoss(distanceM);
      expect(loss).toBeGreaterThanOrEqual(previous - 1e-9);
      previous = loss;
    }
  });

  it.each(PATH_LOSS_MODEL_IDS)('%s rises with frequency', (modelId) => {
    const at = (frequencyMHz: number) => pathLossDb(modelId, { frequencyMHz, distanceM: 1500 }).pathLossDb;
    expect(at(3500)).toBeGreaterThan(at(1800));
  });
});
