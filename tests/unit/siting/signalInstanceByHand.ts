import type { SignalTerrain } from '../../../src/core/coverage/computeSignalCoverage';
import { prepareSignalCoverage } from '../../../src/core/coverage/prepareSignalCoverage';
import type { Tower } from '../../../src/core/model/tower';
import { packTowers } from '../../../src/core/model/towerArrays';
import {
  createPathLossFunction,
  PATH_LOSS_MODELS,
  type PathLossModelId,
} from '../../../src/core/propagation/pathLossModels';
import type { SignalSitePrediction } from '../../../src/core/siting/predictCandidateCover';
import { gridDiffractionByHand, haversineByHand } from '../oracles/terrainByHand';

/**
 * A small signal-prediction instance and its link budget written out by hand, for the shared-site tests on predicted
 * signal: shares nothing with src/core but the path-loss functions and, for the inputs, prepareSignalCoverage.
 */

// A 60 x 50 grid of 0.001° cells (about 107 x 111 m) at 16°N; over terrain, a 300 m north-south ridge at column 25.
export const GRID = {
  width: 60,
  height: 50,
  originLon: 108.1,
  originLat: 16.05,
  cellSizeLonDeg: 0.001,
  cellSizeLatDeg: 0.001,
};
export const RIDGE_COL = 25;
export const groundM = new Float32Array(GRID.width * GRID.height);
for (let row = 0; row < GRID.height; row++) {
  for (let col = 0; col < GRID.width; col++) {
    groundM[row * GRID.width + col] = 20 + 300 * Math.exp(-(((col - RIDGE_COL) / 2) ** 2));
  }
}
// One existing mast per 5G operator (only their names matter here: the operator order of the run).
export const OPERATORS = ['Viettel', 'VinaPhone', 'MobiFone', 'Vietnamobile'];
export const EXISTING: Tower[] = OPERATORS.map((operator, k) => ({
  id: `E${k}`,
  operator,
  lon: 108.11 + 0.01 * k,
  lat: 16.01,
  heightM: 30,
  radiusM: null,
  mastType: null,
  tenants: [operator],
}));
export const CANDIDATES = {
  count: 4,
  lon: [108.1125, 108.1405, 108.1008, 108.155],
  lat: [16.0245, 16.0301, 16.0482, 16.0105],
  // The third has no height: the preset has none either, so the model's typical height applies.
  heightM: [35, 20, Number.NaN, 45],
};

/** The prediction of a run on GRID: presets of 5G, outdoor receiver, default threshold (-110 dBm). */
/** Over terrain, masts and candidates are computed to this distance and no farther, m. */
export const CALCULATION_RADIUS_M = 2500;

export function prediction(
  modelId: PathLossModelId,
  terrain?: SignalTerrain,
  cellMask?: Uint8Array,
): SignalSitePrediction {
  const prepared = prepareSignalCoverage({
    towers: packTowers(EXISTING),
    grid: GRID,
    technology: '5g',
    modelId,
    terrain,
    maxReachM: terrain ? CALCULATION_RADIUS_M : undefined,
  });
  return { prepared, cellMask, maxReachM: terrain ? CALCULATION_RADIUS_M : undefined };
}

// The link budget by hand (DOMAIN.md's NR reference budget): 46 dBm + 25 dBi - 3 dB over 3,276 subcarriers, an
// outdoor handset at 1.5 m with 0 dBi and an 8.3 dB shadowing margin; -110 dBm counts as covered.
const EIRP_PER_RE_DBM = 46 + 25 - 3 - 10 * Math.log10(3276);
const RECEIVER_DB = 0 - 8.3;
export const THRESHOLD_DBM = -110;
export const FREQUENCY_MHZ: Record<string, number> = { Viettel: 2550, VinaPhone: 3750, MobiFone: 3850 };

/** Bullington over the straight profile of N = ceil(d / s) steps (the exact mode's definition, by hand). */
function diffractionByHand(lon: number, lat: number, heightM: number, row: number, col: number, frequencyMHz: number) {
  return gridDiffractionByHand({ ...GRID, groundM }, { lon, lat, txHeightM: heightM }, { row, col }, 1.5, frequencyMHz);
}

/**
 * Per candidate and cell, the worst RSRP over the chosen operators' bands by the link budget written out, and whether
 * it is covered; cells within `toleranceDb` of the threshold are reported apart (float32 rasters may round them over).
 */
/** RSRP of one operator's band from a site at (lon, lat, heightM) at a cell's centre, dBm, by the budget above. */
export function rsrpByHand(
  modelId: PathLossModelId,
  site: { lon: number; lat: number; heightM: number },
  operator: string,
  row: number,
  col: number,
  terrain = false,
): number {
  const cellLon = GRID.originLon + (col + 0.5) * GRID.cellSizeLonDeg;
  const cellLat = GRID.originLat - (row + 0.5) * GRID.cellSizeLatDeg;
  const distanceM = Math.max(haversineByHand(site.lon, site.lat, cellLon, cellLat), 1);
  const frequencyMHz = FREQUENCY_MHZ[operator];
  const pathLossDb = createPathLossFunction(modelId, { frequencyMHz, txHeightM: site.heightM, rxHeightM: 1.5 })(
    distanceM,
  );
  const diffractionDb = terrain ? diffractionByHand(site.lon, site.lat, site.heightM, row, col, frequencyMHz) : 0;
  return EIRP_PER_RE_DBM + RECEIVER_DB - pathLossDb - diffractionDb;
}

export interface SitesByHand {
  lon: readonly number[];
  lat: readonly number[];
  /** NaN: the model's typical height. */
  heightM: readonly number[];
}

/**
 * Per site, the cells where the worst RSRP over the operators' bands reaches the threshold; cells within
 * `toleranceDb` of it are reported apart as borderline (float32 rasters may round them either way).
 */
export function coverByHand(
  modelId: PathLossModelId,
  operators: string[],
  options: { terrain?: boolean; cellMask?: Uint8Array; maxReachM?: number; toleranceDb: number; sites?: SitesByHand },
) {
  const sites = options.sites ?? CANDIDATES;
  return sites.lon.map((lon, j) => {
    const lat = sites.lat[j];
    const heightM = sites.heightM[j] > 0 ? sites.heightM[j] : PATH_LOSS_MODELS[modelId].defaultTxHeightM;
    const covered = new Set<number>();
    const borderline = new Set<number>();
    for (let row = 0; row < GRID.height; row++) {
      for (let col = 0; col < GRID.width; col++) {
        const cell = row * GRID.width + col;
        if (options.cellMask && !options.cellMask[cell]) continue;
        const cellLon = GRID.originLon + (col + 0.5) * GRID.cellSizeLonDeg;
        const cellLat = GRID.originLat - (row + 0.5) * GRID.cellSizeLatDeg;
        if (options.maxReachM !== undefined && haversineByHand(lon, lat, cellLon, cellLat) > options.maxReachM)
          continue;
        let worstDbm = Number.POSITIVE_INFINITY;
        for (const operator of operators) {
          worstDbm = Math.min(
            worstDbm,
            rsrpByHand(modelId, { lon, lat, heightM }, operator, row, col, options.terrain),
          );
        }
        if (Math.abs(worstDbm - THRESHOLD_DBM) < options.toleranceDb) borderline.add(cell);
        else if (worstDbm >= THRESHOLD_DBM) covered.add(cell);
      }
    }
    return { covered, borderline };
  });
}

export function operatorBits(names: string[]): number {
  return names.reduce((bits, name) => bits | (1 << OPERATORS.indexOf(name)), 0);
}
