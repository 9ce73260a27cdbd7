import { describe, expect, it } from 'vitest';
import type { SignalTerrain } from '../../../src/core/coverage/computeSignalCoverage';
import { prepareSignalCoverage } from '../../../src/core/coverage/prepareSignalCoverage';
import type { Tower } from '../../../src/core/model/tower';
import { packTowers } from '../../../src/core/model/towerArrays';
import {
  createPathLossFunction,
  PATH_LOSS_MODELS,
  type PathLossModelId,
} from '../../../src/core/propagation/pathLossModels';
import { predictCandidateCover, type SignalSitePrediction } from '../../../src/core/siting/predictCandidateCover';
import { bullingtonByHand, haversineByHand } from '../oracles/terrainByHand';

// A 60 x 50 grid of 0.001° cells (about 107 x 111 m) at 16°N; over terrain, a 300 m north-south ridge at column 25.
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
// One existing mast per 5G operator (only their names matter here: the operator order of the run).
const OPERATORS = ['Viettel', 'VinaPhone', 'MobiFone', 'Vietnamobile'];
const EXISTING: Tower[] = OPERATORS.map((operator, k) => ({
  id: `E${k}`,
  operator,
  lon: 108.11 + 0.01 * k,
  lat: 16.01,
  heightM: 30,
  radiusM: null,
  mastType: null,
  tenants: [operator],
}));
const CANDIDATES = {
  count: 4,
  lon: [108.1125, 108.1405, 108.1008, 108.155],
  lat: [16.0245, 16.0301, 16.0482, 16.0105],
  // The third has no height: the preset has none either, so the model's typical height applies.
  heightM: [35, 20, Number.NaN, 45],
};

/** The prediction of a run on GRID: presets of 5G, outdoor receiver, default threshold (-110 dBm). */
function prediction(modelId: PathLossModelId, terrain?: SignalTerrain, cellMask?: Uint8Array): SignalSitePrediction {
  const prepared = prepareSignalCoverage({
    towers: packTowers(EXISTING),
    grid: GRID,
    technology: '5g',
    modelId,
    terrain,
  });
  return { prepared, cellMask, maxReachM: terrain ? 2500 : undefined };
}

// The link budget by hand (DOMAIN.md's NR reference budget): 46 dBm + 25 dBi - 3 dB over 3,276 subcarriers, an
// outdoor handset at 1.5 m with 0 dBi and an 8.3 dB shadowing margin; -110 dBm counts as covered.
const EIRP_PER_RE_DBM = 46 + 25 - 3 - 10 * Math.log10(3276);
const RECEIVER_DB = 0 - 8.3;
const THRESHOLD_DBM = -110;
const FREQUENCY_MHZ: Record<string, number> = { Viettel: 2550, VinaPhone: 3750, MobiFone: 3850 };

/** Ground at fractional cell coordinates (cell centres are the samples), bilinear, clamped: written for the test. */
function groundAt(x: number, y: number): number {
  const cx = Math.min(Math.max(x, 0), GRID.width - 1);
  const cy = Math.min(Math.max(y, 0), GRID.height - 1);
  const c0 = Math.min(Math.floor(cx), GRID.width - 2);
  const r0 = Math.min(Math.floor(cy), GRID.height - 2);
  const fx = cx - c0;
  const fy = cy - r0;
  const at = (c: number, r: number) => groundM[r * GRID.width + c];
  return (
    at(c0, r0) * (1 - fx) * (1 - fy) +
    at(c0 + 1, r0) * fx * (1 - fy) +
    at(c0, r0 + 1) * (1 - fx) * fy +
    at(c0 + 1, r0 + 1) * fx * fy
  );
}

/** Bullington over the straight profile of N = ceil(d / s) steps in grid coordinates (the exact mode's definition). */
function diffractionByHand(lon: number, lat: number, heightM: number, row: number, col: number, frequencyMHz: number) {
  const cellLon = GRID.originLon + (col + 0.5) * GRID.cellSizeLonDeg;
  const cellLat = GRID.originLat - (row + 0.5) * GRID.cellSizeLatDeg;
  const dM = haversineByHand(lon, lat, cellLon, cellLat);
  const midLat = GRID.originLat - (GRID.height * GRID.cellSizeLatDeg) / 2;
  const metresPerDegree = (Math.PI / 180) * 6_371_008.8;
  const stepM = Math.min(
    GRID.cellSizeLonDeg * metresPerDegree * Math.cos((midLat * Math.PI) / 180),
    GRID.cellSizeLatDeg * metresPerDegree,
  );
  const n = Math.ceil(dM / stepM);
  if (n < 2) return 0;
  const siteX = (lon - GRID.originLon) / GRID.cellSizeLonDeg - 0.5;
  const siteY = (GRID.originLat - lat) / GRID.cellSizeLatDeg - 0.5;
  const heights: number[] = [];
  const distancesKm: number[] = [];
  for (let i = 0; i <= n; i++) {
    heights.push(groundAt(siteX + ((col - siteX) * i) / n, siteY + ((row - siteY) * i) / n));
    distancesKm.push((dM / 1000) * (i / n));
  }
  heights[n] = groundM[row * GRID.width + col];
  return bullingtonByHand(heights, distancesKm, heights[0] + heightM, heights[n] + 1.5, frequencyMHz, 4 / 3)
    .diffractionDb;
}

/**
 * Per candidate and cell, the worst RSRP over the chosen operators' bands by the link budget written out, and whether
 * it is covered; cells within `toleranceDb` of the threshold are reported apart (float32 rasters may round them over).
 */
function coverByHand(
  modelId: PathLossModelId,
  operators: string[],
  options: { terrain?: boolean; cellMask?: Uint8Array; maxReachM?: number; toleranceDb: number },
) {
  return CANDIDATES.lon.map((lon, j) => {
    const lat = CANDIDATES.lat[j];
    const heightM = CANDIDATES.heightM[j] > 0 ? CANDIDATES.heightM[j] : PATH_LOSS_MODELS[modelId].defaultTxHeightM;
    const covered = new Set<number>();
    const borderline = new Set<number>();
    for (let row = 0; row < GRID.height; row++) {
      for (let col = 0; col < GRID.width; col++) {
        const cell = row * GRID.width + col;
        if (options.cellMask && !options.cellMask[cell]) continue;
        const cellLon = GRID.originLon + (col + 0.5) * GRID.cellSizeLonDeg;
        const cellLat = GRID.originLat - (row + 0.5) * GRID.cellSizeLatDeg;
        const distanceM = Math.max(haversineByHand(lon, lat, cellLon, cellLat), 1);
        if (options.maxReachM !== undefined && distanceM > options.maxReachM) continue;
        let worstDbm = Number.POSITIVE_INFINITY;
        for (const operator of operators) {
          const frequencyMHz = FREQUENCY_MHZ[operator];
          const pathLossDb = createPathLossFunction(modelId, { frequencyMHz, txHeightM: heightM, rxHeightM: 1.5 })(
            distanceM,
          );
          const diffractionDb = options.terrain ? diffractionByHand(lon, lat, heightM, row, col, frequencyMHz) : 0;
          worstDbm = Math.min(worstDbm, EIRP_PER_RE_DBM + RECEIVER_DB - pathLossDb - diffractionDb);
        }
        if (Math.abs(worstDbm - THRESHOLD_DBM) < options.toleranceDb) borderline.add(cell);
        else if (worstDbm >= THRESHOLD_DBM) covered.add(cell);
      }
    }
    return { covered, borderline };
  });
}

function operatorBits(names: string[]): number {
  return names.reduce((bits, name) => bits | (1 << OPERATORS.indexOf(name)), 0);
}

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
    const byHand = coverByHand('p526', chosen, { terrain: true, maxReachM: 2500, toleranceDb: 0.01 });
    expectSameCover(result, byHand);
    // The ridge shadows: the first candidate (west of it) covers fewer cells east of it than west.
    const first = Array.from(result.cells.subarray(result.starts[0], result.starts[1]));
    const east = first.filter((cell) => cell % GRID.width > RIDGE_COL + 3).length;
    const west = first.filter((cell) => cell % GRID.width < RIDGE_COL - 3).length;
    expect(west).toBeGreaterThan(2 * east);
    expect(first.length).toBeGreaterThan(100);
  });
});
