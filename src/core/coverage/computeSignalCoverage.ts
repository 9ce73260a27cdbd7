import { EARTH_MEAN_RADIUS_M } from '../geo/haversineDistanceM';
import type { GridGeometry } from '../geo/maskCellCentresInPolygons';
import { widestReachLonDeg } from '../geo/widestReachLonDeg';
import type { RadioArrays } from '../model/radioArrays';
import { createPathLossFunction, type PathLossModelId } from '../propagation/pathLossModels';
import { sectorAntennaGainDb, TR38901_SECTOR_PATTERN } from '../propagation/sectorAntennaGainDb';
import { computeDiffractionGrid, type DiffractionGrid, diffractionLossDb } from '../terrain/computeDiffractionGrid';
import { createYieldClock, type LongCallOptions } from '../util/cooperativeLoop';
import { MIN_DISTANCE_M } from './linkBudget';

const DEG = Math.PI / 180;
/** Over terrain, the first pass computes every mast to this distance, the second beyond it: metres. */
const NEAR_PASS_M = 2000;

/** Model inputs shared by every radio of a run (heights and frequency are per radio). */
export interface SignalEnvironment {
  /** Terminal height above ground, m. */
  rxHeightM: number;
  /** COST-231 only: metropolitan centre (Cm = 3 dB). */
  metropolitan?: boolean;
  /** RMa only: street width W and building height h, m. */
  streetWidthM?: number;
  buildingHeightM?: number;
}

/** The terrain of a run: ground heights on the analysis grid and how its diffraction loss is added. */
export interface SignalTerrain {
  /** Ground height at each cell centre of the whole grid, m above sea level (sampleTerrainGrid). */
  groundM: Float32Array;
  /** Effective Earth radius factor k (4/3 in the standard atmosphere). */
  kFactor: number;
  /**
   * Weight of the Bullington diffraction loss added to the model's loss: 1 for p526 (free space + diffraction); for
   * the empirical models the planner's choice (their fitted losses already hold some of the terrain's average effect).
   */
  diffractionWeight: number;
  /** 'sweep': radials processed outward (fast); 'exact': one profile per cell (the oracle). */
  mode: 'exact' | 'sweep';
  /** Profile points per grid step (computeDiffractionGrid's samplesPerStep; 1 = the path-loss command's rule). */
  samplesPerStep?: number;
}

/** Plain serialisable data: what a worker receives for one band of rows. Build it with prepareSignalCoverage. */
export interface SignalCoverageRequest {
  grid: GridGeometry;
  radios: RadioArrays;
  /** Number of operators: the length of bestSignalDbmByOperator (indexed by RadioArrays.operatorIndex). */
  operatorCount: number;
  modelId: PathLossModelId;
  environment: SignalEnvironment;
  /** Added to every signal, dB: terminal antenna gain minus shadowing margin and (indoors) penetration loss. */
  receiverAdjustmentDb: number;
  /** Signals below this are not kept (the cell stays -Infinity), dBm; at most the coverage threshold. */
  signalFloorDbm: number;
  /**
   * Cells to compute (non-zero), row-major, e.g. the cells holding population data; others stay -Infinity. All cells
   * when absent. Either the whole grid, or just this band's rows (so a worker pool sends each band only its slice).
   */
  cellMask?: Uint8Array;
  /** Rows of the grid to compute, [rowStart, rowEnd): lets the worker pool split the grid into bands. */
  rowStart: number;
  rowEnd: number;
  /**
   * Columns of the grid to compute, [colStart, colEnd) (default all): the band's rasters then hold only these columns,
   * which is what one site's prediction wants (predictCandidateCover) instead of whole rows of a wide grid.
   */
  colStart?: number;
  colEnd?: number;
  /** Terrain: each cell's signal also loses the weighted diffraction over the profile from the mast. */
  terrain?: SignalTerrain;
}

/**
 * The rasters of a band of rows (row-major, `(rowEnd - rowStart) * width` cells); a whole grid when rowStart is 0. With
 * a column window, `width` is the window's and its first column is `colStart`.
 */
export interface SignalCoverageBand {
  rowStart: number;
  rowEnd: number;
  width: number;
  /** First column of the grid the band holds (absent: 0, whole rows). */
  colStart?: number;
  signalFloorDbm: number;
  /** Best-server RSRP over all operators, dBm; -Infinity where no radio reaches the floor. */
  bestSignalDbm: Float32Array;
  /** Tower index (RadioArrays.towerIndex) of the best server; -1 where none. */
  servingTowerIndex: Int32Array;
  /** Best-server RSRP of each operator's own radios, dBm; -Infinity where none reaches the floor. */
  bestSignalDbmByOperator: Float32Array[];
}

/**
 * Best-server signal (RSRP per resource element) on a band of a geographic grid: per operator and over all operators,
 * with the serving mast. For each radio only the cells within its reach (RadioArrays.reachM, from the link budget)
 * are visited, row by row with the exact haversine longitude half-width (as computeFixedRadiusCoverage does), so the
 * cost is the number of cells in reach, not cells x radios. Per cell:
 *   RSRP = EIRP per RE + sector pattern (sectors only) - path loss(ground distance) + receiverAdjustmentDb
 * with the ground distance by haversine (Earth radius 6,371,008.8 m) from the mast to the cell centre, at least 1 m.
 * With terrain, the signal also loses diffractionWeight x the Bullington diffraction loss (ITU-R P.526-15 §4.5.1)
 * over the profile from the mast (ground + antenna height) to the cell (ground + terminal height), computed once per
 * mast position and height for all its radios (computeDiffractionGrid gives ν·√λ, so each band's λ applies).
 * Ties keep the earlier radio. Deterministic: the same cells get the same values whatever the band split.
 */
export async function computeSignalCoverage(
  request: SignalCoverageRequest,
  options: LongCallOptions = {},
): Promise<SignalCoverageBand> {
  const { grid, radios, operatorCount, rowStart, rowEnd, signalFloorDbm } = request;
  const { width, originLon, originLat, cellSizeLonDeg, cellSizeLatDeg } = grid;
  const colStart = Math.max(0, request.colStart ?? 0);
  const colEnd = Math.min(width, request.colEnd ?? width);
  const outWidth = Math.max(0, colEnd - colStart);
  const bandRows = rowEnd - rowStart;
  const cellCount = bandRows * outWidth;
  const bestSignalDbm = new Float32Array(cellCount).fill(Number.NEGATIVE_INFINITY);
  const servingTowerIndex = new Int32Array(cellCount).fill(-1);
  const bestSignalDbmByOperator = Array.from({ length: operatorCount }, () =>
    new Float32Array(cellCount).fill(Number.NEGATIVE_INFINITY),
  );
  const cellCentreLatRad = new Float64Array(bandRows);
  const cellCentreCosLat = new Float64Array(bandRows);
  for (let r = 0; r < bandRows; r++) {
    cellCentreLatRad[r] = (originLat - (rowStart + r + 0.5) * cellSizeLatDeg) * DEG;
    cellCentreCosLat[r] = Math.cos(cellCentreLatRad[r]);
  }
  const { rxHeightM } = request.environment;
  const cellMask = request.cellMask;
  const bandCells = (rowEnd - rowStart) * width;
  if (cellMask && cellMask.length !== width * grid.height && cellMask.length !== bandCells) {
    throw new RangeError(
      `cellMask has ${cellMask.length} cells, the grid ${width * grid.height}, the band ${bandCells}`,
    );
  }
  const maskOffset =
    cellMask && cellMask.length === bandCells && bandCells !== width * grid.height ? 0 : rowStart * width;
  // Per radio, per column: the longitude difference and its haversine term, computed once and reused on every row.
  const deltaLonRad = new Float64Array(width);
  const havLon = new Float64Array(width);
  const checkpoint = createYieldClock(options);
  const terrain = request.terrain;
  // Radios of one mast at one height share a diffraction grid, computed to the farthest reach among them.
  const siteReachM = terrain ? siteReaches(radios) : null;
  let diffraction: DiffractionGrid | null = null;
  let diffractionKey = '';
  // Over terrain, two passes: every mast near itself first, then farther out, where a mast is computed only where it
  // could still beat what the nearer masts gave (couldServe). Each cell is visited once per radio either way.
  const passes = terrain
    ? [
        { innerM: -1, outerM: NEAR_PASS_M },
        { innerM: NEAR_PASS_M, outerM: Number.POSITIVE_INFINITY },
      ]
    : [{ innerM: -1, outerM: Number.POSITIVE_INFINITY }];

  for (let pass = 0; pass < passes.length; pass++) {
    const { innerM, outerM } = passes[pass];
    const sinHalfInner = innerM < 0 ? 0 : Math.sin(innerM / EARTH_MEAN_RADIUS_M / 2);
    const havInner = innerM < 0 ? -1 : sinHalfInner * sinHalfInner;
    diffractionKey = '';
    for (let radio = 0; radio < radios.count; radio++) {
      await checkpoint((pass + radio / radios.count) / passes.length);
      const reachM = Math.min(radios.reachM[radio], outerM);
      if (!(reachM > 0) || !(reachM > innerM)) continue;
      const wavelengthM = 299.792458 / radios.frequencyMHz[radio];
      const diffractionWeight = terrain?.diffractionWeight ?? 0;
      const radioLon = radios.lon[radio];
      const radioLat = radios.lat[radio];
      const radioLatRad = radioLat * DEG;
      const angularReach = Math.min(reachM / EARTH_MEAN_RADIUS_M, Math.PI);
      const reachLatDeg = angularReach / DEG;
      const firstRow = Math.max(Math.ceil((originLat - (radioLat + reachLatDeg)) / cellSizeLatDeg - 0.5) - 1, rowStart);
      const lastRow = Math.min(
        Math.floor((originLat - (radioLat - reachLatDeg)) / cellSizeLatDeg - 0.5) + 1,
        rowEnd - 1,
      );
      if (firstRow > lastRow) continue;
      if (terrain && siteReachM) {
        const key = `${radios.lon[radio]},${radios.lat[radio]},${radios.heightM[radio]}`;
        if (key !== diffractionKey) {
          diffraction = await computeDiffractionGrid({
            terrain: { ...grid, groundM: terrain.groundM },
            siteLon: radios.lon[radio],
            siteLat: radios.lat[radio],
            txHeightM: radios.heightM[radio],
            rxHeightM: request.environment.rxHeightM,
            kFactor: terrain.kFactor,
            reachM: Math.min(siteReachM[radio], outerM),
            rowStart,
            rowEnd,
            mode: terrain.mode,
            samplesPerStep: terrain.samplesPerStep,
            extent: 'reach',
            cellFilter: couldServe(
              request,
              radio,
              { innerM, outerM: Math.min(siteReachM[radio], outerM) },
              bestSignalDbmByOperator,
              { colStart, colEnd, outWidth },
              cellMask,
              maskOffset,
            ),
          });
          diffractionKey = key;
        }
      }
      // Widest longitude reach over the rows visited (at the row farthest from the equator), plus a cell of slack.
      const maxReachLonDeg = widestReachLonDeg(radioLat, angularReach);
      const tableFirstCol = Math.max(
        Math.floor((radioLon - maxReachLonDeg - originLon) / cellSizeLonDeg - 0.5) - 1,
        colStart,
      );
      const tableLastCol = Math.min(
        Math.ceil((radioLon + maxReachLonDeg - originLon) / cellSizeLonDeg - 0.5) + 1,
        colEnd - 1,
      );
      if (tableFirstCol > tableLastCol) continue;
      for (let col = tableFirstCol; col <= tableLastCol; col++) {
        const dLonRad = (originLon + (col + 0.5) * cellSizeLonDeg - radioLon) * DEG;
        const sinHalfDLon = Math.sin(dLonRad / 2);
        deltaLonRad[col] = dLonRad;
        havLon[col] = sinHalfDLon * sinHalfDLon;
      }

      const txHeightM = radios.heightM[radio];
      const pathLoss = createPathLossFunction(request.modelId, {
        ...request.environment,
        frequencyMHz: radios.frequencyMHz[radio],
        txHeightM,
      });
      const baseDbm = radios.eirpPerResourceElementDbm[radio] + request.receiverAdjustmentDb;
      const azimuthDeg = radios.azimuthDeg[radio];
      const isSector = !Number.isNaN(azimuthDeg);
      const pattern = {
        ...TR38901_SECTOR_PATTERN,
        horizontalBeamwidthDeg: radios.horizontalBeamwidthDeg[radio],
        verticalBeamwidthDeg: radios.verticalBeamwidthDeg[radio],
      };
      const downtiltDeg = radios.downtiltDeg[radio];
      const towerIndex = radios.towerIndex[radio];
      const operatorSignal = bestSignalDbmByOperator[radios.operatorIndex[radio]];
      const cosRadioLat = Math.cos(radioLatRad);
      const sinRadioLat = Math.sin(radioLatRad);
      const sinHalfReach = Math.sin(angularReach / 2);
      const havMax = sinHalfReach * sinHalfReach;

      for (let row = firstRow; row <= lastRow; row++) {
        const r = row - rowStart;
        const sinHalfDLat = Math.sin((cellCentreLatRad[r] - radioLatRad) / 2);
        const havLat = sinHalfDLat * sinHalfDLat;
        const remaining = havMax - havLat;
        if (remaining < 0) continue;
        const cosProduct = cosRadioLat * cellCentreCosLat[r];
        const ratio = cosProduct > 0 ? Math.sqrt(remaining / cosProduct) : 2;
        const reachLonDeg = ratio >= 1 ? 180 : (2 * Math.asin(ratio)) / DEG;
        const firstCol = Math.max(
          Math.ceil((radioLon - reachLonDeg - originLon) / cellSizeLonDeg - 0.5) - 1,
          tableFirstCol,
        );
        const lastCol = Math.min(
          Math.floor((radioLon + reachLonDeg - originLon) / cellSizeLonDeg - 0.5) + 1,
          tableLastCol,
        );
        const rowOffset = r * outWidth - colStart;
        const maskRowOffset = maskOffset + r * width;
        for (let col = firstCol; col <= lastCol; col++) {
          const hav = havLat + cosProduct * havLon[col];
          if (hav > havMax || hav <= havInner) continue;
          const cell = rowOffset + col;
          if (cellMask && cellMask[maskRowOffset + col] === 0) continue;
          const distanceM = Math.max(groundDistanceM(hav), MIN_DISTANCE_M);
          let signalDbm = baseDbm - pathLoss(distanceM);
          if (diffraction !== null) {
            const boxCell = (row - diffraction.rowStart) * diffraction.width + (col - diffraction.colStart);
            const nuSqrtLambda = diffraction.nuSqrtLambda[boxCell];
            // NaN (not computed) and -Infinity (no intermediate point) add nothing.
            if (nuSqrtLambda > Number.NEGATIVE_INFINITY) {
              signalDbm -=
                diffractionWeight * diffractionLossDb(nuSqrtLambda, wavelengthM, diffraction.distanceKm[boxCell]);
            }
          }
          if (isSector) {
            const cellLatRad = cellCentreLatRad[r];
            const dLonRad = deltaLonRad[col];
            const bearingDeg =
              Math.atan2(
                Math.sin(dLonRad) * cellCentreCosLat[r],
                cosRadioLat * Math.sin(cellLatRad) - sinRadioLat * cellCentreCosLat[r] * Math.cos(dLonRad),
              ) / DEG;
            const depressionDeg = Math.atan2(txHeightM - rxHeightM, distanceM) / DEG;
            signalDbm += sectorAntennaGainDb(bearingDeg - azimuthDeg, depressionDeg - downtiltDeg, pattern);
          }
          if (signalDbm < signalFloorDbm) continue;
          if (signalDbm > operatorSignal[cell]) operatorSignal[cell] = signalDbm;
          if (signalDbm > bestSignalDbm[cell]) {
            bestSignalDbm[cell] = signalDbm;
            servingTowerIndex[cell] = towerIndex;
          }
        }
      }
    }
  }
  options.onProgress?.(1);
  return {
    rowStart,
    rowEnd,
    width: outWidth,
    ...(colStart === 0 && colEnd === width ? {} : { colStart }),
    signalFloorDbm,
    bestSignalDbm,
    servingTowerIndex,
    bestSignalDbmByOperator,
  };
}

/**
 * Whether a mast (the radios of `first`'s group: same position and height) could still change a cell's best signal of
 * one of its operators: its signal without terrain, an upper bound (the diffraction loss and the sector pattern only
 * take away), reaches the floor and beats the operator's best so far. Cells where it cannot are left out of the
 * mast's diffraction grid: the result is the same, and a mast among nearer ones walks its radials only as far as it
 * matters. Radios are visited in order, so the bound compares with what earlier masts already gave.
 */
function couldServe(
  request: SignalCoverageRequest,
  first: number,
  ring: { innerM: number; outerM: number },
  bestSignalDbmByOperator: readonly Float32Array[],
  window: { colStart: number; colEnd: number; outWidth: number },
  cellMask: Uint8Array | undefined,
  maskOffset: number,
): (row: number, col: number, distanceM: number) => boolean {
  const { radios, grid, rowStart, signalFloorDbm } = request;
  const group: Array<{ baseDbm: number; reachM: number; pathLoss: (d: number) => number; signal: Float32Array }> = [];
  for (let r = first; r < radios.count; r++) {
    if (radios.lon[r] !== radios.lon[first] || radios.lat[r] !== radios.lat[first]) break;
    if (radios.heightM[r] !== radios.heightM[first]) break;
    if (!(radios.reachM[r] > 0)) continue;
    group.push({
      baseDbm: radios.eirpPerResourceElementDbm[r] + request.receiverAdjustmentDb,
      reachM: radios.reachM[r],
      pathLoss: createPathLossFunction(request.modelId, {
        ...request.environment,
        frequencyMHz: radios.frequencyMHz[r],
        txHeightM: radios.heightM[r],
      }),
      signal: bestSignalDbmByOperator[radios.operatorIndex[r]],
    });
  }
  return (row, col, distanceM) => {
    if (distanceM > ring.outerM || distanceM <= ring.innerM) return false;
    if (col < window.colStart || col >= window.colEnd) return false;
    if (cellMask && cellMask[maskOffset + (row - rowStart) * grid.width + col] === 0) return false;
    const cell = (row - rowStart) * window.outWidth + (col - window.colStart);
    const d = Math.max(distanceM, MIN_DISTANCE_M);
    for (const radio of group) {
      if (distanceM > radio.reachM) continue;
      const bound = radio.baseDbm - radio.pathLoss(d);
      if (bound >= signalFloorDbm && bound > radio.signal[cell]) return true;
    }
    return false;
  };
}

/** For each radio, the farthest reach among the radios of its mast at its height (consecutive in RadioArrays). */
function siteReaches(radios: RadioArrays): Float64Array {
  const reach = new Float64Array(radios.count);
  let start = 0;
  const same = (a: number, b: number) =>
    radios.lon[a] === radios.lon[b] && radios.lat[a] === radios.lat[b] && radios.heightM[a] === radios.heightM[b];
  for (let radio = 0; radio <= radios.count; radio++) {
    if (radio < radios.count && same(radio, start)) continue;
    let farthest = 0;
    for (let k = start; k < radio; k++) if (radios.reachM[k] > farthest) farthest = radios.reachM[k];
    reach.fill(farthest, start, radio);
    start = radio;
  }
  return reach;
}

/**
 * Haversine distance from hav = sin²(c/2): 2R asin(sqrt(hav)). Below x = 0.01 (127 km) the series
 * asin x = x (1 + x²/6 + 3x⁴/40) is exact to 1e-14 relative and several times cheaper than Math.asin.
 */
function groundDistanceM(hav: number): number {
  const x = Math.sqrt(hav);
  if (x >= 0.01) return 2 * EARTH_MEAN_RADIUS_M * Math.asin(x);
  const x2 = x * x;
  return 2 * EARTH_MEAN_RADIUS_M * x * (1 + x2 * (1 / 6 + x2 * (3 / 40)));
}

/** The bands of one run (any order, together covering every row once) joined into one whole-grid result. */
export function assembleSignalCoverage(
  bands: readonly SignalCoverageBand[],
  grid: Pick<GridGeometry, 'width' | 'height'>,
): SignalCoverageBand {
  const cellCount = grid.width * grid.height;
  const operatorCount = bands[0]?.bestSignalDbmByOperator.length ?? 0;
  const whole: SignalCoverageBand = {
    rowStart: 0,
    rowEnd: grid.height,
    width: grid.width,
    signalFloorDbm: bands[0]?.signalFloorDbm ?? Number.NEGATIVE_INFINITY,
    bestSignalDbm: new Float32Array(cellCount).fill(Number.NEGATIVE_INFINITY),
    servingTowerIndex: new Int32Array(cellCount).fill(-1),
    bestSignalDbmByOperator: Array.from({ length: operatorCount }, () =>
      new Float32Array(cellCount).fill(Number.NEGATIVE_INFINITY),
    ),
  };
  for (const band of bands) {
    const offset = band.rowStart * grid.width;
    whole.bestSignalDbm.set(band.bestSignalDbm, offset);
    whole.servingTowerIndex.set(band.servingTowerIndex, offset);
    band.bestSignalDbmByOperator.forEach((signal, k) => {
      whole.bestSignalDbmByOperator[k].set(signal, offset);
    });
  }
  return whole;
}
