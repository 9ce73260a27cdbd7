import { EARTH_MEAN_RADIUS_M } from '../geo/haversineDistanceM';
import { isNodata, type PopulationGrid } from '../model/populationGrid';
import type { TowerArrays } from '../model/towerArrays';
import { createYieldClock, type LongCallOptions } from '../util/cooperativeLoop';

const DEG = Math.PI / 180;

export interface FixedRadiusCoverageRequest {
  grid: Pick<PopulationGrid, 'width' | 'height' | 'originLon' | 'originLat' | 'cellSizeLonDeg' | 'cellSizeLatDeg'>;
  towers: Pick<TowerArrays, 'count' | 'lon' | 'lat' | 'radiusM' | 'tenantBits'>;
  /** Reach for towers whose own radiusM is NaN, metres. */
  defaultRadiusM: number;
  /** Rows of the grid to compute, [rowStart, rowEnd): lets the worker pool split the grid into bands. */
  rowStart: number;
  rowEnd: number;
}

/**
 * Which operators cover each cell of a band of the grid: bit k of a cell is set when a tower with operator k among its
 * tenants lies within its reach of the cell's centre (haversine great-circle distance, Earth radius 6,371,008.8 m).
 *
 * Scans, per tower, only the rows and columns in reach (the exact longitude half-width per row comes from the haversine
 * formula solved for the longitude difference), so the cost is the number of cells actually covered, not cells x towers.
 */
export async function computeFixedRadiusCoverage(
  request: FixedRadiusCoverageRequest,
  options: LongCallOptions = {},
): Promise<Uint8Array> {
  const { grid, towers, defaultRadiusM, rowStart, rowEnd } = request;
  const { width, originLon, originLat, cellSizeLonDeg, cellSizeLatDeg } = grid;
  const bandRows = rowEnd - rowStart;
  const coveredBits = new Uint8Array(bandRows * width);
  const cellCentreLatRad = new Float64Array(bandRows);
  const cellCentreCosLat = new Float64Array(bandRows);
  for (let r = 0; r < bandRows; r++) {
    cellCentreLatRad[r] = (originLat - (rowStart + r + 0.5) * cellSizeLatDeg) * DEG;
    cellCentreCosLat[r] = Math.cos(cellCentreLatRad[r]);
  }
  const checkpoint = createYieldClock(options);

  for (let t = 0; t < towers.count; t++) {
    if ((t & 63) === 0) await checkpoint(t / towers.count);
    const radiusM = Number.isNaN(towers.radiusM[t]) ? defaultRadiusM : towers.radiusM[t];
    if (!(radiusM >= 0)) continue;
    const bits = towers.tenantBits[t];
    const towerLon = towers.lon[t];
    const towerLatRad = towers.lat[t] * DEG;
    const cosTowerLat = Math.cos(towerLatRad);
    const angularRadius = Math.min(radiusM / EARTH_MEAN_RADIUS_M, Math.PI);
    // Haversine: covered when hav(dLat) + cos(lat1) cos(lat2) hav(dLon) <= hav(angular radius).
    const sinHalf = Math.sin(angularRadius / 2);
    const havMax = sinHalf * sinHalf;
    const reachLatDeg = angularRadius / DEG;
    const towerLat = towers.lat[t];
    // Rows whose centre latitude lies within reach.
    let firstRow = Math.ceil((originLat - (towerLat + reachLatDeg)) / cellSizeLatDeg - 0.5);
    let lastRow = Math.floor((originLat - (towerLat - reachLatDeg)) / cellSizeLatDeg - 0.5);
    firstRow = Math.max(firstRow - 1, rowStart);
    lastRow = Math.min(lastRow + 1, rowEnd - 1);
    for (let row = firstRow; row <= lastRow; row++) {
      const r = row - rowStart;
      const sinHalfDLat = Math.sin((cellCentreLatRad[r] - towerLatRad) / 2);
      const remaining = havMax - sinHalfDLat * sinHalfDLat;
      if (remaining < 0) continue;
      const cosProduct = cosTowerLat * cellCentreCosLat[r];
      const ratio = cosProduct > 0 ? Math.sqrt(remaining / cosProduct) : 2;
      const reachLonDeg = ratio >= 1 ? 180 : (2 * Math.asin(ratio)) / DEG;
      let firstCol = Math.ceil((towerLon - reachLonDeg - originLon) / cellSizeLonDeg - 0.5) - 1;
      let lastCol = Math.floor((towerLon + reachLonDeg - originLon) / cellSizeLonDeg - 0.5) + 1;
      firstCol = Math.max(firstCol, 0);
      lastCol = Math.min(lastCol, width - 1);
      const rowOffset = r * width;
      for (let col = firstCol; col <= lastCol; col++) {
        const dLonRad = (originLon + (col + 0.5) * cellSizeLonDeg - towerLon) * DEG;
        const sinHalfDLon = Math.sin(dLonRad / 2);
        if (sinHalfDLat * sinHalfDLat + cosProduct * sinHalfDLon * sinHalfDLon <= havMax) {
          coveredBits[rowOffset + col] |= bits;
        }
      }
    }
  }
  options.onProgress?.(1);
  return coveredBits;
}

export interface CoverageSummary {
  populationTotal: number;
  populationCovered: number;
  populationCoveredByOperator: Record<string, number>;
  areaCoveredKm2: number;
  /** Population in cells no operator covers. */
  populationUncovered: number;
  /** Area of all cells holding population data (inside the mask), km². */
  areaTotalKm2: number;
}

/** Masts that reach somewhere in a fixed-radius run: their own radius_m, or any when `defaultRadiusM` is a number. */
export function countMastsWithReach(towers: Pick<TowerArrays, 'count' | 'radiusM'>, defaultRadiusM: number): number {
  if (!Number.isNaN(defaultRadiusM)) return towers.count;
  let count = 0;
  for (let t = 0; t < towers.count; t++) if (!Number.isNaN(towers.radiusM[t])) count++;
  return count;
}

/** Area of one cell of a geographic grid on the sphere, km². */
export function cellAreaKm2(latNorthDeg: number, latSouthDeg: number, cellSizeLonDeg: number): number {
  const radiusKm = EARTH_MEAN_RADIUS_M / 1000;
  return (
    radiusKm * radiusKm * cellSizeLonDeg * DEG * Math.abs(Math.sin(latNorthDeg * DEG) - Math.sin(latSouthDeg * DEG))
  );
}

/**
 * Totals over the whole grid: cells that are nodata are skipped; with a mask, only cells whose mask is 1 count
 * (the mask marks cells whose centre is inside the boundary).
 */
export function summarizeCoverage(
  grid: PopulationGrid,
  coveredBits: Uint8Array,
  operatorNames: readonly string[],
  mask?: Uint8Array,
): CoverageSummary {
  const byOperator = new Float64Array(operatorNames.length);
  let total = 0;
  let covered = 0;
  let areaKm2 = 0;
  let areaTotalKm2 = 0;
  for (let row = 0; row < grid.height; row++) {
    const latNorth = grid.originLat - row * grid.cellSizeLatDeg;
    const rowAreaKm2 = cellAreaKm2(latNorth, latNorth - grid.cellSizeLatDeg, grid.cellSizeLonDeg);
    for (let col = 0; col < grid.width; col++) {
      const i = row * grid.width + col;
      const value = grid.values[i];
      if (isNodata(grid, value)) continue;
      if (mask && mask[i] === 0) continue;
      total += value;
      areaTotalKm2 += rowAreaKm2;
      const bits = coveredBits[i];
      if (bits === 0) continue;
      covered += value;
      areaKm2 += rowAreaKm2;
      for (let k = 0; k < operatorNames.length; k++) if (bits & (1 << k)) byOperator[k] += value;
    }
  }
  // Keyed by the file's own words: no inherited member (see util/ownProperty).
  const populationCoveredByOperator: Record<string, number> = Object.create(null);
  operatorNames.forEach((name, k) => {
    populationCoveredByOperator[name] = byOperator[k];
  });
  return {
    populationTotal: total,
    populationCovered: covered,
    populationCoveredByOperator,
    areaCoveredKm2: areaKm2,
    populationUncovered: total - covered,
    areaTotalKm2: areaTotalKm2,
  };
}
