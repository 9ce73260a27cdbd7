import { EARTH_MEAN_RADIUS_M } from '../geo/haversineDistanceM';
import { createYieldClock, type LongCallOptions } from '../util/cooperativeLoop';
import type {
  CellsInReach,
  DiffractionGrid,
  DiffractionGridRequest,
  SiteSetup,
  TerrainGrid,
} from './computeDiffractionGrid';
import { sampleTerrainGridAt } from './sampleTerrainGrid';

const DEG = Math.PI / 180;

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

/** 2^28: cell numbers below it are packed under the distance in a sort key. */
const KEY_CELL_RANGE = 2 ** 28;
/** Distances in centimetres above this do not fit a sort key beside a cell number (2^53 / 2^28). */
const KEY_MAX_DISTANCE_CM = 2 ** 25;

/**
 * The sweep mode of computeDiffractionGrid (see there): fills `result` for the cells in reach.
 * Throws RangeError beyond 2^28 cells or a 335 km reach (the sort keys).
 */
export async function sweepDiffractionCells(
  request: DiffractionGridRequest,
  setup: SiteSetup,
  cells: CellsInReach,
  result: DiffractionGrid,
  options: LongCallOptions,
): Promise<void> {
  const { terrain, siteLon, siteLat, rxHeightM, reachM } = request;
  const { width, originLon, originLat, cellSizeLonDeg, cellSizeLatDeg, groundM } = terrain;
  const { siteX, siteY, txHeightAmslM: hts, stepM, bulgePerKm2: bulge } = setup;
  if (2 * cells.count >= KEY_CELL_RANGE || Math.round(reachM * 100) >= KEY_MAX_DISTANCE_CM) {
    throw new RangeError(
      `the sweep handles up to 2^27 cells and a reach of 335 km, got ${cells.count} and ${reachM} m`,
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
  // in its azimuth φ. Each cell has an entry in both radials' lists (counting sort), sorted by distance within each
  // list. What a radial reads and writes per entry sits in the list's order, so that a radial's walk stays in one
  // short stretch of memory.
  const count = cells.count;
  const lowerRadial = new Int32Array(count);
  const upperWeight = new Float64Array(count);
  const radialStart = new Int32Array(radialCount + 1);
  for (let k = 0; k < count; k++) {
    const col = cells.col[k];
    const row = cells.row[k];
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
  const entryDistanceKm = new Float64Array(2 * count);
  const entryReceiverM = new Float64Array(2 * count);
  const entryWeight = new Float64Array(2 * count);
  const lowerEntry = new Int32Array(count);
  const upperEntry = new Int32Array(count);
  const fill = radialStart.slice(0, radialCount);
  for (let k = 0; k < count; k++) {
    const receiverM = groundM[cells.row[k] * width + cells.col[k]] + rxHeightM;
    const distanceKey = Math.round(cells.distanceM[k] * 100) * KEY_CELL_RANGE;
    const lower = lowerRadial[k];
    const a = fill[lower]++;
    const b = fill[lower + 1 === radialCount ? 0 : lower + 1]++;
    keys[a] = distanceKey + a;
    keys[b] = distanceKey + b;
    entryDistanceKm[a] = entryDistanceKm[b] = cells.distanceM[k] / 1000;
    entryReceiverM[a] = entryReceiverM[b] = receiverM;
    entryWeight[a] = 1 - upperWeight[k];
    entryWeight[b] = upperWeight[k];
    lowerEntry[k] = a;
    upperEntry[k] = b;
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
    keys,
    entryDistanceKm,
    entryReceiverM,
    entryWeight,
    sampleDistanceKm,
    sampleInverseKm: sampleDistanceKm.map((t) => 1 / t),
    sampleBulgeSlope: sampleDistanceKm.map((t) => bulge * t),
    sampleBulgeM: sampleDistanceKm.map((t) => bulge * t * t),
    sampleHeightsM: new Float64Array(maxSamples),
    hullDistanceKm: new Float64Array(maxSamples),
    hullG: new Float64Array(maxSamples),
    hullSample: new Int32Array(maxSamples),
    entryTowardsTx: new Float64Array(2 * count),
    entryFromRx: new Float64Array(2 * count),
    entryNu: new Float64Array(2 * count),
  };
  const checkpoint = createYieldClock(options);
  for (let m = 0; m < radialCount; m++) {
    if ((m & 63) === 0) await checkpoint((0.9 * m) / radialCount);
    if (radialStart[m] === radialStart[m + 1]) continue;
    const angle = m * radialAngle;
    const xPerKm = (1000 * Math.sin(angle)) / (metresPerDegreeLon * cellSizeLonDeg);
    const yPerKm = (-1000 * Math.cos(angle)) / (metresPerDegreeLat * cellSizeLatDeg);
    walkRadial(walk, radialStart[m], radialStart[m + 1], xPerKm, yPerKm);
  }
  const { entryTowardsTx, entryFromRx, entryNu } = walk;

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
    const col = cells.col[k];
    const row = cells.row[k];
    const hrs = groundM[row * width + col] + rxHeightM;
    const q = hrs - bulge * d * d;
    const hasRadialPart = d - windowKm > stepKm;
    const a = lowerEntry[k];
    const b = upperEntry[k];
    let towardsTxMax = hasRadialPart ? entryTowardsTx[a] + entryTowardsTx[b] : Number.NEGATIVE_INFINITY;
    let fromRxMax = hasRadialPart ? entryFromRx[a] + entryFromRx[b] : Number.NEGATIVE_INFINITY;
    let nu = hasRadialPart ? entryNu[a] + entryNu[b] : Number.NEGATIVE_INFINITY;
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
  /** Per entry (a cell on one of its two radials, in the lists' order): d, h_rs and the radial's weight. */
  entryDistanceKm: Float64Array;
  entryReceiverM: Float64Array;
  entryWeight: Float64Array;
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
  /** Per entry, weighted: the radial's S_tim term, S_rim term and line-of-sight ν·√λ at the cell's d and h_rs. */
  entryTowardsTx: Float64Array;
  entryFromRx: Float64Array;
  entryNu: Float64Array;
}

/**
 * One radial, outwards: its samples every stepKm (added as the cells need them), the running S_tim term and the
 * upper hull; for each of its cells (keys[first..last), by distance) the weighted radial part of the cell's sums.
 * Synchronous and apart from the async caller, so that V8 optimises it as one hot loop.
 */
function walkRadial(walk: RadialWalk, first: number, last: number, xPerKm: number, yPerKm: number): void {
  const { terrain, siteX, siteY, hts, bulge, stepKm, windowKm, keys } = walk;
  const { entryDistanceKm, entryReceiverM, entryWeight, sampleHeightsM, hullDistanceKm, hullG, hullSample } = walk;
  const { sampleDistanceKm, sampleInverseKm, sampleBulgeSlope, sampleBulgeM } = walk;
  const sampleLimit = sampleDistanceKm.length;
  const { entryTowardsTx, entryFromRx, entryNu } = walk;
  const radialKeys = keys.subarray(first, last);
  radialKeys.sort();
  let samples = 0;
  let hullSize = 0;
  let bestTx = Number.NEGATIVE_INFINITY;
  let bestTxSample = 0;
  for (let n = 0; n < radialKeys.length; n++) {
    const key = radialKeys[n];
    const e = key - Math.floor(key / KEY_CELL_RANGE) * KEY_CELL_RANGE;
    const d = entryDistanceKm[e];
    const limitKm = d - windowKm;
    if (!(limitKm > stepKm)) continue;
    const weight = entryWeight[e];
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
    const hrs = entryReceiverM[e];
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
    entryTowardsTx[e] = weight * bestTx;
    entryFromRx[e] = weight * ((hullG[lo] - q) / (d - hullDistanceKm[lo]));
    entryNu[e] = weight * nu;
  }
}

/** ν·√λ of one point on a line of sight: (h_i + bulge_i − LOS height)·√(0.002·d/(d_i·(d − d_i))). */
function losNuSqrtLambda(di: number, hi: number, d: number, hts: number, hrs: number, bulge: number): number {
  const clearance = hi + bulge * di * (d - di) - (hts * (d - di) + hrs * di) / d;
  return clearance * Math.sqrt((0.002 * d) / (di * (d - di)));
}
