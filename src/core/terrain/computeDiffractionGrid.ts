import { EARTH_MEAN_RADIUS_M } from '../geo/haversineDistanceM';
import type { GridGeometry } from '../geo/maskCellCentresInPolygons';
import { createYieldClock, type LongCallOptions } from '../util/cooperativeLoop';
import { bullingtonDiffraction, knifeEdgeLossJDb } from './bullingtonDiffraction';
import { sampleTerrainGridAt } from './sampleTerrainGrid';

const DEG = Math.PI / 180;
/** P.526's Earth radius for C_e = 1/(k·6371), km (bullingtonDiffraction's). */
const EARTH_RADIUS_KM = 6371;
/** At this frequency λ = 1 m, so bullingtonDiffraction's ν is ν·√λ. */
const UNIT_WAVELENGTH_FREQUENCY_MHZ = 299.792458;

/**
 * Sweep: arc between neighbouring radials at the reach, in steps s, for profiles of one point per step; finer profiles
 * (samplesPerStep m) take radials √min(m, 4) times closer, since their error is then the radials' sideways offset
 * from the cells' own lines. Measured on the Ba Vì DEM (see the bench): s/2 at m = 1, s/4 from m = 4.
 */
const RADIAL_SPACING_STEPS = 0.5;
/**
 * Sweep: the last profile points of each cell, over this many steps s before it (3·m points), are the cell's own, cut
 * exactly as the exact mode cuts them; the radials stand in for the rest. Near the receiver a radial strays farthest
 * from the cell's own line and ν is most sensitive to a metre of ground.
 */
const RECEIVER_WINDOW_STEPS = 3;
/**
 * Sweep, line of sight: besides the points giving S_tim and S_rim, ν is tried at this many hull vertices from the
 * S_rim one towards the S_tim one (the largest ν of a line of sight is usually on the hull between them).
 */
const LOS_HULL_VERTICES = 4;

/** An analysis grid with its ground. */
export interface TerrainGrid extends GridGeometry {
  /** Ground height at each cell centre, m AMSL, row-major. */
  groundM: Float32Array;
}

export interface DiffractionGridRequest {
  terrain: TerrainGrid;
  siteLon: number;
  siteLat: number;
  /** Antenna above ground at the site, m. */
  txHeightM: number;
  /** Terminal above ground at each cell, m. */
  rxHeightM: number;
  /** Effective Earth radius factor (4/3 in the standard atmosphere). */
  kFactor: number;
  /** Cells farther than this from the site (haversine, R = 6,371,008.8 m) are not computed, m. */
  reachM: number;
  /** Rows of the grid to compute, [rowStart, rowEnd), like computeSignalCoverage. */
  rowStart: number;
  rowEnd: number;
  /** 'exact': each cell's own profile (the oracle); 'sweep': radials from the site, O(log n) per cell. */
  mode: 'exact' | 'sweep';
  /**
   * Profile points per step s: N = ceil(samplesPerStep·d/s), and the sweep's radials are sampled every s/samplesPerStep.
   * 1 (the default) is the path-loss command's rule.
   */
  samplesPerStep?: number;
}

/** Per cell of the band of rows, row-major, `(rowEnd − rowStart) * width` cells. */
export interface DiffractionGrid {
  rowStart: number;
  rowEnd: number;
  width: number;
  /**
   * ν·√λ (λ in m): frequency-free, ν = value/√λ. -Infinity where the profile has no intermediate point (no
   * obstacle, no loss); NaN where not computed (beyond the reach).
   */
  nuSqrtLambda: Float32Array;
  /** d, km (for the 0.02·d term); NaN where not computed. */
  distanceKm: Float32Array;
  /** 1 where S_tim < S_tr (P.526 §4.5.1 line of sight), else 0 (and 0 where not computed). */
  lineOfSight: Uint8Array;
}

/**
 * P.526-15 §4.5.1 loss from a cell of a DiffractionGrid: L_uc = J(ν), ν = nuSqrtLambda/√λ, plus the correction
 * (1 − exp(−L_uc/6))·(10 + 0.02·d), dB. NaN for a cell that was not computed.
 */
export function diffractionLossDb(nuSqrtLambda: number, wavelengthM: number, distanceKm: number): number {
  if (Number.isNaN(nuSqrtLambda)) return Number.NaN;
  const knifeEdgeLossDb = knifeEdgeLossJDb(nuSqrtLambda / Math.sqrt(wavelengthM));
  return knifeEdgeLossDb + (1 - Math.exp(-knifeEdgeLossDb / 6)) * (10 + 0.02 * distanceKm);
}

/**
 * Bullington diffraction (ITU-R P.526-15 §4.5.1, as bullingtonDiffraction) from one site to every cell of a band of
 * an analysis grid within the reach, frequency-free (ν·√λ), so one call serves every radio of a mast.
 *
 * Profiles: the straight lon/lat line from the site to the cell centre (not the great circle: over 10 km at 21°N the
 * two part by under a metre, a hundredth of a 100 m cell), N = ceil(d/s) steps, s the smaller side of a cell at the
 * grid's middle latitude, heights bilinear between the cell centres of `terrain.groundM` (clamped at its edges);
 * h_ts = ground at the site (bilinear) + txHeightM, h_rs = the cell's own ground + rxHeightM.
 *
 * With samplesPerStep m, N = ceil(m·d/s) (finer profiles: see the bench for why one may want them).
 *
 * 'exact' cuts each cell's profile and runs bullingtonDiffraction on it: O(m·d/s) per cell. This is the oracle.
 * 'sweep' walks radials from the site (straight lon/lat lines, s/2 apart at the reach, s/4 for m ≥ 4), a sample
 * every s/m, outwards. Along a radial it keeps, with the bulge written so that no term depends on the cell's d:
 *   S_tim(d) = max_i [(h_i − h_ts)/d_i − 500·C_e·d_i] + 500·C_e·d   (a running maximum), and
 *   S_rim(d) = max_i (g_i − q)/(d − d_i) − 500·C_e·d, g_i = h_i − 500·C_e·d_i², q = h_rs − 500·C_e·d²:
 * the steepest line from (d, q) back to the points (d_i, g_i), which touches their upper convex hull (kept by a
 * monotone chain as samples are added outwards) and is found by binary search on it: O(1) amortised per sample,
 * O(log n) per cell. Each cell is evaluated at its own d and h_rs on the two radials either side of it (samples more
 * than 3 steps s before it), the two maxima interpolated linearly in its azimuth, then the cell's own last profile
 * points over those 3·s (exactly where 'exact' puts them) are added to the maxima, and Bullington's ν_b follows.
 * On a line of sight ν_max is the largest ν of a few candidates: the points giving S_tim and S_rim and the hull
 * vertices between them (interpolated likewise), and the cell's own points. The true maximum may lie elsewhere, so
 * the sweep's ν_max can only be lower. Slopes of two radials and the cell's own points that no longer meet between
 * the ends (near grazing) give ν = 0. A cell's value depends only on the cell, not on the band it is computed in.
 * Cells within s of the site have no intermediate point in either mode: ν·√λ = -Infinity, line of sight.
 */
export async function computeDiffractionGrid(
  request: DiffractionGridRequest,
  options: LongCallOptions = {},
): Promise<DiffractionGrid> {
  const { terrain, rowStart, rowEnd } = request;
  const { width } = terrain;
  const bandCells = (rowEnd - rowStart) * width;
  const result: DiffractionGrid = {
    rowStart,
    rowEnd,
    width,
    nuSqrtLambda: new Float32Array(bandCells).fill(Number.NaN),
    distanceKm: new Float32Array(bandCells).fill(Number.NaN),
    lineOfSight: new Uint8Array(bandCells),
  };
  const setup = describeSite(request);
  const cells = cellsInReach(request, setup);
  for (let k = 0; k < cells.count; k++) result.distanceKm[cells.bandIndex[k]] = cells.distanceM[k] / 1000;
  if (request.mode === 'exact') await exactCells(request, setup, cells, result, options);
  else await sweepCells(request, setup, cells, result, options);
  options.onProgress?.(1);
  return result;
}

interface SiteSetup {
  /** The site in fractional cell coordinates (sampleTerrainGridAt's). */
  siteX: number;
  siteY: number;
  siteGroundM: number;
  /** h_ts, m AMSL. */
  txHeightAmslM: number;
  /** s, m. */
  stepM: number;
  /** 500·C_e, m/km². */
  bulgePerKm2: number;
}

function describeSite(request: DiffractionGridRequest): SiteSetup {
  const { terrain, siteLon, siteLat } = request;
  const siteX = (siteLon - terrain.originLon) / terrain.cellSizeLonDeg - 0.5;
  const siteY = (terrain.originLat - siteLat) / terrain.cellSizeLatDeg - 0.5;
  const siteGroundM = sampleTerrainGridAt(terrain, siteX, siteY);
  const midLatDeg = terrain.originLat - (terrain.height * terrain.cellSizeLatDeg) / 2;
  const cellWidthM = terrain.cellSizeLonDeg * DEG * EARTH_MEAN_RADIUS_M * Math.cos(midLatDeg * DEG);
  const cellHeightM = terrain.cellSizeLatDeg * DEG * EARTH_MEAN_RADIUS_M;
  return {
    siteX,
    siteY,
    siteGroundM,
    txHeightAmslM: siteGroundM + request.txHeightM,
    stepM: Math.min(cellWidthM, cellHeightM),
    bulgePerKm2: 500 / (request.kFactor * EARTH_RADIUS_KM),
  };
}

/** The band's cells within the reach: their index in the band and haversine distance, in row-major order. */
interface CellsInReach {
  count: number;
  bandIndex: Int32Array;
  distanceM: Float64Array;
}

function cellsInReach(request: DiffractionGridRequest, setup: SiteSetup): CellsInReach {
  const { terrain, siteLon, siteLat, reachM, rowStart, rowEnd } = request;
  const { width, originLon, originLat, cellSizeLonDeg, cellSizeLatDeg } = terrain;
  const reachLatDeg = reachM / EARTH_MEAN_RADIUS_M / DEG;
  const farLatRad = Math.min(89.9, Math.abs(siteLat) + reachLatDeg) * DEG;
  const reachLonDeg = Math.min(180, reachLatDeg / Math.cos(farLatRad));
  const firstRow = Math.max(rowStart, Math.floor(setup.siteY - reachLatDeg / cellSizeLatDeg) - 1);
  const lastRow = Math.min(rowEnd - 1, Math.ceil(setup.siteY + reachLatDeg / cellSizeLatDeg) + 1);
  const firstCol = Math.max(0, Math.floor(setup.siteX - reachLonDeg / cellSizeLonDeg) - 1);
  const lastCol = Math.min(width - 1, Math.ceil(setup.siteX + reachLonDeg / cellSizeLonDeg) + 1);
  const capacity = Math.max(0, lastRow - firstRow + 1) * Math.max(0, lastCol - firstCol + 1);
  const bandIndex = new Int32Array(capacity);
  const distanceM = new Float64Array(capacity);
  const siteLatRad = siteLat * DEG;
  const cosSiteLat = Math.cos(siteLatRad);
  let count = 0;
  for (let row = firstRow; row <= lastRow; row++) {
    const latRad = (originLat - (row + 0.5) * cellSizeLatDeg) * DEG;
    const sinHalfDLat = Math.sin((latRad - siteLatRad) / 2);
    const cosProduct = cosSiteLat * Math.cos(latRad);
    for (let col = firstCol; col <= lastCol; col++) {
      const sinHalfDLon = Math.sin(((originLon + (col + 0.5) * cellSizeLonDeg - siteLon) * DEG) / 2);
      const hav = sinHalfDLat * sinHalfDLat + cosProduct * sinHalfDLon * sinHalfDLon;
      const d = 2 * EARTH_MEAN_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(hav)));
      if (d > reachM) continue;
      bandIndex[count] = (row - rowStart) * width + col;
      distanceM[count] = d;
      count++;
    }
  }
  return { count, bandIndex, distanceM };
}

/** Each cell's own profile through bullingtonDiffraction (λ = 1 m, so its ν is ν·√λ). */
async function exactCells(
  request: DiffractionGridRequest,
  setup: SiteSetup,
  cells: CellsInReach,
  result: DiffractionGrid,
  options: LongCallOptions,
): Promise<void> {
  const { terrain, rxHeightM, kFactor, rowStart } = request;
  const { width } = terrain;
  const { siteX, siteY, siteGroundM, txHeightAmslM, stepM } = setup;
  const density = request.samplesPerStep ?? 1;
  let capacity = 2;
  let distancesKm = new Float64Array(capacity);
  let heightsM = new Float64Array(capacity);
  const checkpoint = createYieldClock(options);
  for (let k = 0; k < cells.count; k++) {
    if ((k & 255) === 0) await checkpoint(k / cells.count);
    const cell = cells.bandIndex[k];
    const dM = cells.distanceM[k];
    const intervals = Math.ceil((dM * density) / stepM);
    if (intervals < 2) {
      result.nuSqrtLambda[cell] = Number.NEGATIVE_INFINITY;
      result.lineOfSight[cell] = 1;
      continue;
    }
    if (intervals + 1 > capacity) {
      capacity = 2 * (intervals + 1);
      distancesKm = new Float64Array(capacity);
      heightsM = new Float64Array(capacity);
    }
    const col = cell % width;
    const row = rowStart + (cell - col) / width;
    const dKm = dM / 1000;
    const dx = col - siteX;
    const dy = row - siteY;
    for (let i = 0; i <= intervals; i++) {
      const t = i / intervals;
      distancesKm[i] = dKm * t;
      heightsM[i] = sampleTerrainGridAt(terrain, siteX + dx * t, siteY + dy * t);
    }
    distancesKm[intervals] = dKm;
    heightsM[0] = siteGroundM;
    const cellGroundM = terrain.groundM[row * width + col];
    heightsM[intervals] = cellGroundM;
    const diffraction = bullingtonDiffraction({
      distancesKm: distancesKm.subarray(0, intervals + 1),
      heightsM: heightsM.subarray(0, intervals + 1),
      txHeightAmslM,
      rxHeightAmslM: cellGroundM + rxHeightM,
      frequencyMHz: UNIT_WAVELENGTH_FREQUENCY_MHZ,
      kFactor,
    });
    result.nuSqrtLambda[cell] = diffraction.nu;
    result.lineOfSight[cell] = diffraction.lineOfSight ? 1 : 0;
  }
}

/** 2^28: cell numbers below it are packed under the distance in a sort key. */
const KEY_CELL_RANGE = 2 ** 28;
/** Distances in centimetres above this do not fit a sort key beside a cell number (2^53 / 2^28). */
const KEY_MAX_DISTANCE_CM = 2 ** 25;

/** The radial sweep (see computeDiffractionGrid). */
async function sweepCells(
  request: DiffractionGridRequest,
  setup: SiteSetup,
  cells: CellsInReach,
  result: DiffractionGrid,
  options: LongCallOptions,
): Promise<void> {
  const { terrain, siteLon, siteLat, rxHeightM, reachM, rowStart } = request;
  const { width, originLon, originLat, cellSizeLonDeg, cellSizeLatDeg, groundM } = terrain;
  const { siteX, siteY, txHeightAmslM: hts, stepM, bulgePerKm2: bulge } = setup;
  if (cells.count >= KEY_CELL_RANGE || Math.round(reachM * 100) >= KEY_MAX_DISTANCE_CM) {
    throw new RangeError(
      `the sweep handles up to 2^28 cells and a reach of 335 km, got ${cells.count} and ${reachM} m`,
    );
  }
  // Radials in the plane tangent at the site (east, north metres); a lon/lat straight line is straight in it.
  const metresPerDegreeLat = DEG * EARTH_MEAN_RADIUS_M;
  const metresPerDegreeLon = metresPerDegreeLat * Math.cos(siteLat * DEG);
  const density = request.samplesPerStep ?? 1;
  const radialSpacingM = (stepM * RADIAL_SPACING_STEPS) / Math.sqrt(Math.min(density, 4));
  const radialCount = Math.max(8, Math.ceil((2 * Math.PI * reachM) / radialSpacingM));
  const radialAngle = (2 * Math.PI) / radialCount;

  // Each cell lies between two radials, floor(φ/Δθ) and the next; what it takes from them is interpolated linearly
  // in its azimuth φ. Cells go to both radials' lists (counting sort), sorted by distance within each list.
  const count = cells.count;
  const lowerRadial = new Int32Array(count);
  const upperWeight = new Float64Array(count);
  const radialStart = new Int32Array(radialCount + 1);
  for (let k = 0; k < count; k++) {
    const cell = cells.bandIndex[k];
    const col = cell % width;
    const row = rowStart + (cell - col) / width;
    const eastM = (originLon + (col + 0.5) * cellSizeLonDeg - siteLon) * metresPerDegreeLon;
    const northM = (originLat - (row + 0.5) * cellSizeLatDeg - siteLat) * metresPerDegreeLat;
    let azimuth = Math.atan2(eastM, northM);
    if (azimuth < 0) azimuth += 2 * Math.PI;
    const position = azimuth / radialAngle;
    let lower = Math.floor(position);
    upperWeight[k] = position - lower;
    if (lower >= radialCount) lower -= radialCount;
    lowerRadial[k] = lower;
    radialStart[lower + 1]++;
    radialStart[lower + 1 === radialCount ? 1 : lower + 2]++;
  }
  for (let m = 0; m < radialCount; m++) radialStart[m + 1] += radialStart[m];
  const keys = new Float64Array(2 * count);
  const fill = radialStart.slice(0, radialCount);
  for (let k = 0; k < count; k++) {
    const key = Math.round(cells.distanceM[k] * 100) * KEY_CELL_RANGE + k;
    const lower = lowerRadial[k];
    keys[fill[lower]++] = key;
    keys[fill[lower + 1 === radialCount ? 0 : lower + 1]++] = key;
  }

  const stepKm = stepM / density / 1000;
  const windowPoints = Math.round(RECEIVER_WINDOW_STEPS * density);
  // Radial samples stop where the cell's own points begin (RECEIVER_WINDOW_STEPS), half a step before. The limit
  // depends on d alone, so a cell's value does not depend on which other cells the band holds.
  const windowKm = (windowPoints + 0.5) * stepKm;
  const maxSamples = Math.ceil(reachM / 1000 / stepKm) + 2;
  const sampleDistanceKm = new Float64Array(maxSamples).map((_, j) => j * stepKm);
  const walk: RadialWalk = {
    terrain,
    siteX,
    siteY,
    hts,
    bulge,
    stepKm,
    windowKm,
    rxHeightM,
    rowStart,
    bandIndex: cells.bandIndex,
    distanceM: cells.distanceM,
    lowerRadial,
    upperWeight,
    keys,
    sampleDistanceKm,
    sampleInverseKm: sampleDistanceKm.map((t) => 1 / t),
    sampleBulgeSlope: sampleDistanceKm.map((t) => bulge * t),
    sampleBulgeM: sampleDistanceKm.map((t) => bulge * t * t),
    sampleHeightsM: new Float64Array(maxSamples),
    hullDistanceKm: new Float64Array(maxSamples),
    hullG: new Float64Array(maxSamples),
    hullSample: new Int32Array(maxSamples),
    towardsTxSum: new Float64Array(count),
    fromRxSum: new Float64Array(count),
    losNuSum: new Float64Array(count),
  };
  const checkpoint = createYieldClock(options);
  for (let m = 0; m < radialCount; m++) {
    if ((m & 63) === 0) await checkpoint((0.9 * m) / radialCount);
    if (radialStart[m] === radialStart[m + 1]) continue;
    const angle = m * radialAngle;
    const xPerKm = (1000 * Math.sin(angle)) / (metresPerDegreeLon * cellSizeLonDeg);
    const yPerKm = (-1000 * Math.cos(angle)) / (metresPerDegreeLat * cellSizeLatDeg);
    walkRadial(walk, m, radialStart[m], radialStart[m + 1], xPerKm, yPerKm);
  }
  const { towardsTxSum, fromRxSum, losNuSum } = walk;

  // Each cell: its own last profile points, exactly as the exact mode cuts them, then Bullington.
  for (let k = 0; k < count; k++) {
    if ((k & 1023) === 0) await checkpoint(0.9 + (0.1 * k) / count);
    const cell = cells.bandIndex[k];
    const dM = cells.distanceM[k];
    const d = dM / 1000;
    const intervals = Math.ceil((dM * density) / stepM);
    if (intervals < 2) {
      result.nuSqrtLambda[cell] = Number.NEGATIVE_INFINITY;
      result.lineOfSight[cell] = 1;
      continue;
    }
    const col = cell % width;
    const row = rowStart + (cell - col) / width;
    const hrs = groundM[row * width + col] + rxHeightM;
    const q = hrs - bulge * d * d;
    const hasRadialPart = d - windowKm > stepKm;
    let towardsTxMax = hasRadialPart ? towardsTxSum[k] : Number.NEGATIVE_INFINITY;
    let fromRxMax = hasRadialPart ? fromRxSum[k] : Number.NEGATIVE_INFINITY;
    let nu = hasRadialPart ? losNuSum[k] : Number.NEGATIVE_INFINITY;
    const dx = col - siteX;
    const dy = row - siteY;
    for (let i = hasRadialPart ? Math.max(1, intervals - windowPoints) : 1; i < intervals; i++) {
      const fraction = i / intervals;
      const t = d * fraction;
      const h = sampleTerrainGridAt(terrain, siteX + dx * fraction, siteY + dy * fraction);
      const towardsTx = (h - hts) / t - bulge * t;
      if (towardsTx > towardsTxMax) towardsTxMax = towardsTx;
      const fromRx = (h - bulge * t * t - q) / (d - t);
      if (fromRx > fromRxMax) fromRxMax = fromRx;
      const own = losNuSqrtLambda(t, h, d, hts, hrs, bulge);
      if (own > nu) nu = own;
    }
    const slopeToObstacle = towardsTxMax + bulge * d;
    if (slopeToObstacle < (hrs - hts) / d) {
      result.nuSqrtLambda[cell] = nu;
      result.lineOfSight[cell] = 1;
    } else {
      const slopeFromReceiver = fromRxMax - bulge * d;
      const db = (hrs - hts + slopeFromReceiver * d) / (slopeToObstacle + slopeFromReceiver);
      // Slopes taken from two radials and the cell's own points can disagree near grazing so that the two lines
      // no longer meet between the ends (exact profiles always do); ν is then the grazing 0.
      result.nuSqrtLambda[cell] =
        db > 0 && db < d
          ? (hts + slopeToObstacle * db - (hts * (d - db) + hrs * db) / d) * Math.sqrt((0.002 * d) / (db * (d - db)))
          : 0;
    }
  }
}

/** What walkRadial reads and writes: the sweep's inputs, its per-radial buffers and its per-cell sums. */
interface RadialWalk {
  terrain: TerrainGrid;
  siteX: number;
  siteY: number;
  hts: number;
  bulge: number;
  stepKm: number;
  windowKm: number;
  rxHeightM: number;
  rowStart: number;
  bandIndex: Int32Array;
  distanceM: Float64Array;
  lowerRadial: Int32Array;
  upperWeight: Float64Array;
  keys: Float64Array;
  /** Per sample index j along any radial: d_j = j·step, 1/d_j, 500·C_e·d_j and 500·C_e·d_j². */
  sampleDistanceKm: Float64Array;
  sampleInverseKm: Float64Array;
  sampleBulgeSlope: Float64Array;
  sampleBulgeM: Float64Array;
  sampleHeightsM: Float64Array;
  hullDistanceKm: Float64Array;
  hullG: Float64Array;
  hullSample: Int32Array;
  towardsTxSum: Float64Array;
  fromRxSum: Float64Array;
  losNuSum: Float64Array;
}

/**
 * One radial, outwards: its samples every stepKm (added as the cells need them), the running S_tim term and the
 * upper hull; for each of its cells (keys[first..last), by distance) the weighted radial part of the cell's sums.
 * Synchronous and apart from the async caller, so that V8 optimises it as one hot loop.
 */
function walkRadial(walk: RadialWalk, m: number, first: number, last: number, xPerKm: number, yPerKm: number): void {
  const { terrain, siteX, siteY, hts, bulge, stepKm, windowKm, rxHeightM, rowStart, bandIndex, distanceM } = walk;
  const { lowerRadial, upperWeight, keys, sampleHeightsM, hullDistanceKm, hullG, hullSample } = walk;
  const { sampleDistanceKm, sampleInverseKm, sampleBulgeSlope, sampleBulgeM } = walk;
  const sampleLimit = sampleDistanceKm.length;
  const { towardsTxSum, fromRxSum, losNuSum } = walk;
  const width = terrain.width;
  const radialKeys = keys.subarray(first, last);
  radialKeys.sort();
  let samples = 0;
  let hullSize = 0;
  let bestTx = Number.NEGATIVE_INFINITY;
  let bestTxSample = 0;
  for (let n = 0; n < radialKeys.length; n++) {
    const key = radialKeys[n];
    const k = key - Math.floor(key / KEY_CELL_RANGE) * KEY_CELL_RANGE;
    const d = distanceM[k] / 1000;
    const limitKm = d - windowKm;
    if (!(limitKm > stepKm)) continue;
    const weight = lowerRadial[k] === m ? 1 - upperWeight[k] : upperWeight[k];
    // Add the radial samples that are intermediate points for this cell (and so for every farther one).
    while (samples + 1 < sampleLimit && sampleDistanceKm[samples + 1] < limitKm) {
      const j = ++samples;
      const t = sampleDistanceKm[j];
      const h = sampleTerrainGridAt(terrain, siteX + t * xPerKm, siteY + t * yPerKm);
      sampleHeightsM[j] = h;
      const towardsTx = (h - hts) * sampleInverseKm[j] - sampleBulgeSlope[j];
      if (towardsTx > bestTx) {
        bestTx = towardsTx;
        bestTxSample = j;
      }
      const g = h - sampleBulgeM[j];
      while (hullSize >= 2) {
        const t0 = hullDistanceKm[hullSize - 2];
        const g0 = hullG[hullSize - 2];
        const cross = (hullDistanceKm[hullSize - 1] - t0) * (g - g0) - (hullG[hullSize - 1] - g0) * (t - t0);
        if (cross < 0) break;
        hullSize--;
      }
      hullDistanceKm[hullSize] = t;
      hullG[hullSize] = g;
      hullSample[hullSize] = j;
      hullSize++;
    }
    const cell = bandIndex[k];
    const col = cell % width;
    const hrs = terrain.groundM[(rowStart + (cell - col) / width) * width + col] + rxHeightM;
    const q = hrs - bulge * d * d;
    // The hull vertex seen steepest from (d, q): f rises then falls along the hull.
    let lo = 0;
    let hi = hullSize - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      // (g_mid − q)/(d − d_mid) < (g_next − q)/(d − d_next), both distances to the receiver positive.
      if ((hullG[mid] - q) * (d - hullDistanceKm[mid + 1]) < (hullG[mid + 1] - q) * (d - hullDistanceKm[mid])) {
        lo = mid + 1;
      } else hi = mid;
    }
    // Line of sight: ν at the point giving S_tim, and at the hull vertices from the one giving S_rim back towards
    // it (both are hull vertices; the largest ν usually lies on the hull between them), at most LOS_HULL_VERTICES.
    const txSideKm = bestTxSample * stepKm;
    let nu = losNuSqrtLambda(txSideKm, sampleHeightsM[bestTxSample], d, hts, hrs, bulge);
    const towardsTx = hullDistanceKm[lo] > txSideKm ? -1 : 1;
    for (let v = lo, tried = 0; tried < LOS_HULL_VERTICES && v >= 0 && v < hullSize; v += towardsTx, tried++) {
      if (tried > 0 && (hullDistanceKm[v] - txSideKm) * towardsTx >= 0) break;
      const candidate = losNuSqrtLambda(hullDistanceKm[v], sampleHeightsM[hullSample[v]], d, hts, hrs, bulge);
      if (candidate > nu) nu = candidate;
    }
    towardsTxSum[k] += weight * bestTx;
    fromRxSum[k] += weight * ((hullG[lo] - q) / (d - hullDistanceKm[lo]));
    losNuSum[k] += weight * nu;
  }
}

/** ν·√λ of one point on a line of sight: (h_i + bulge_i − LOS height)·√(0.002·d/(d_i·(d − d_i))). */
function losNuSqrtLambda(di: number, hi: number, d: number, hts: number, hrs: number, bulge: number): number {
  const clearance = hi + bulge * di * (d - di) - (hts * (d - di) + hrs * di) / d;
  return clearance * Math.sqrt((0.002 * d) / (di * (d - di)));
}
