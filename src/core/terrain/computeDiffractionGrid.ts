import { EARTH_MEAN_RADIUS_M } from '../geo/haversineDistanceM';
import type { GridGeometry } from '../geo/maskCellCentresInPolygons';
import { createYieldClock, type LongCallOptions } from '../util/cooperativeLoop';
import { bullingtonDiffraction, knifeEdgeLossJDb } from './bullingtonDiffraction';
import { sampleTerrainGridAt } from './sampleTerrainGrid';
import { sweepDiffractionCells } from './sweepDiffractionCells';

const DEG = Math.PI / 180;
/** P.526's Earth radius for C_e = 1/(k·6371), km (bullingtonDiffraction's). */
const EARTH_RADIUS_KM = 6371;
/** At this frequency λ = 1 m, so bullingtonDiffraction's ν is ν·√λ. */
const UNIT_WAVELENGTH_FREQUENCY_MHZ = 299.792458;

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
  /**
   * The result's extent: 'band' (default) every cell of the band's rows; 'reach' only the box of the band's cells
   * around the site that the reach can touch (rows rowStart..rowEnd and columns colStart..colStart + width of the
   * result), which is what a coverage run over many masts wants: a whole band per mast would be allocated per mast.
   */
  extent?: 'band' | 'reach';
  /**
   * Only the cells for which this returns true are computed (others stay NaN), in-process callers only (a function
   * does not cross to a worker). The coverage engine passes "could this mast still be the best server here?", so
   * that a mast among denser ones walks its radials only as far as it can matter.
   */
  cellFilter?: (row: number, col: number, distanceM: number) => boolean;
}

/** Per cell of the result's box, row-major: rows [rowStart, rowEnd), columns [colStart, colStart + width). */
export interface DiffractionGrid {
  rowStart: number;
  rowEnd: number;
  /** First column of the box (0 for the 'band' extent). */
  colStart: number;
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
 * The sweep is in sweepDiffractionCells.ts; it throws RangeError beyond 2^28 cells in reach or a 335 km reach.
 * Cells within s of the site have no intermediate point in either mode: ν·√λ = -Infinity, line of sight.
 */
export async function computeDiffractionGrid(
  request: DiffractionGridRequest,
  options: LongCallOptions = {},
): Promise<DiffractionGrid> {
  const setup = describeSite(request);
  const box = reachBox(request, setup);
  const out =
    request.extent === 'reach'
      ? {
          rowStart: Math.min(box.firstRow, request.rowEnd),
          rowEnd: Math.max(box.lastRow + 1, Math.min(box.firstRow, request.rowEnd)),
          colStart: box.firstCol,
          width: Math.max(0, box.lastCol - box.firstCol + 1),
        }
      : { rowStart: request.rowStart, rowEnd: request.rowEnd, colStart: 0, width: request.terrain.width };
  const outCells = (out.rowEnd - out.rowStart) * out.width;
  const result: DiffractionGrid = {
    ...out,
    nuSqrtLambda: new Float32Array(outCells).fill(Number.NaN),
    distanceKm: new Float32Array(outCells).fill(Number.NaN),
    lineOfSight: new Uint8Array(outCells),
  };
  const cells = cellsInReach(request, box, out);
  for (let k = 0; k < cells.count; k++) result.distanceKm[cells.bandIndex[k]] = cells.distanceM[k] / 1000;
  if (cells.count === 0) return result;
  if (request.mode === 'exact') await exactCells(request, setup, cells, result, options);
  else await sweepDiffractionCells(request, setup, cells, result, options);
  options.onProgress?.(1);
  return result;
}

/** What both modes derive from the site (shared with sweepDiffractionCells; not part of the API). */
export interface SiteSetup {
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

/**
 * The band's cells within the reach: their index in the band and haversine distance, in row-major order (shared with
 * sweepDiffractionCells; not part of the API).
 */
export interface CellsInReach {
  count: number;
  /** Index of the cell in the result's box. */
  bandIndex: Int32Array;
  /** The cell's row and column in the grid. */
  row: Int32Array;
  col: Int32Array;
  distanceM: Float64Array;
}

interface ReachBox {
  firstRow: number;
  lastRow: number;
  firstCol: number;
  lastCol: number;
}

/** The band's rows and the grid's columns that the reach can touch (a cell of slack each side). */
function reachBox(request: DiffractionGridRequest, setup: SiteSetup): ReachBox {
  const { terrain, siteLat, reachM, rowStart, rowEnd } = request;
  const { width, cellSizeLonDeg, cellSizeLatDeg } = terrain;
  const reachLatDeg = reachM / EARTH_MEAN_RADIUS_M / DEG;
  const farLatRad = Math.min(89.9, Math.abs(siteLat) + reachLatDeg) * DEG;
  const reachLonDeg = Math.min(180, reachLatDeg / Math.cos(farLatRad));
  return {
    firstRow: Math.max(rowStart, Math.floor(setup.siteY - reachLatDeg / cellSizeLatDeg) - 1),
    lastRow: Math.min(rowEnd - 1, Math.ceil(setup.siteY + reachLatDeg / cellSizeLatDeg) + 1),
    firstCol: Math.max(0, Math.floor(setup.siteX - reachLonDeg / cellSizeLonDeg) - 1),
    lastCol: Math.min(width - 1, Math.ceil(setup.siteX + reachLonDeg / cellSizeLonDeg) + 1),
  };
}

function cellsInReach(
  request: DiffractionGridRequest,
  box: ReachBox,
  out: { rowStart: number; colStart: number; width: number },
): CellsInReach {
  const { terrain, siteLon, siteLat, reachM, cellFilter } = request;
  const { originLon, originLat, cellSizeLonDeg, cellSizeLatDeg } = terrain;
  const { firstRow, lastRow, firstCol, lastCol } = box;
  const capacity = Math.max(0, lastRow - firstRow + 1) * Math.max(0, lastCol - firstCol + 1);
  const bandIndex = new Int32Array(capacity);
  const rows = new Int32Array(capacity);
  const cols = new Int32Array(capacity);
  const distanceM = new Float64Array(capacity);
  const siteLatRad = siteLat * DEG;
  const cosSiteLat = Math.cos(siteLatRad);
  // sin(Δλ/2) depends on the column alone: once per column, not per cell (the same values, so the same distances).
  const sinHalfDLonByCol = new Float64Array(Math.max(0, lastCol - firstCol + 1));
  for (let col = firstCol; col <= lastCol; col++) {
    sinHalfDLonByCol[col - firstCol] = Math.sin(((originLon + (col + 0.5) * cellSizeLonDeg - siteLon) * DEG) / 2);
  }
  // The distance grows with hav: a cell whose hav is clearly above the reach's is beyond it, without its asin.
  const sinHalfReach = Math.sin(Math.min(reachM / (2 * EARTH_MEAN_RADIUS_M), Math.PI / 2));
  const havBeyond = Number.isFinite(reachM) ? sinHalfReach * sinHalfReach * (1 + 1e-9) : Number.POSITIVE_INFINITY;
  let count = 0;
  for (let row = firstRow; row <= lastRow; row++) {
    const latRad = (originLat - (row + 0.5) * cellSizeLatDeg) * DEG;
    const sinHalfDLat = Math.sin((latRad - siteLatRad) / 2);
    const cosProduct = cosSiteLat * Math.cos(latRad);
    for (let col = firstCol; col <= lastCol; col++) {
      const sinHalfDLon = sinHalfDLonByCol[col - firstCol];
      const hav = sinHalfDLat * sinHalfDLat + cosProduct * sinHalfDLon * sinHalfDLon;
      if (hav > havBeyond) continue;
      const d = 2 * EARTH_MEAN_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(hav)));
      if (d > reachM) continue;
      if (cellFilter && !cellFilter(row, col, d)) continue;
      bandIndex[count] = (row - out.rowStart) * out.width + (col - out.colStart);
      rows[count] = row;
      cols[count] = col;
      distanceM[count] = d;
      count++;
    }
  }
  return { count, bandIndex, row: rows, col: cols, distanceM };
}

/** Each cell's own profile through bullingtonDiffraction (λ = 1 m, so its ν is ν·√λ). */
async function exactCells(
  request: DiffractionGridRequest,
  setup: SiteSetup,
  cells: CellsInReach,
  result: DiffractionGrid,
  options: LongCallOptions,
): Promise<void> {
  const { terrain, rxHeightM, kFactor } = request;
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
    const col = cells.col[k];
    const row = cells.row[k];
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
