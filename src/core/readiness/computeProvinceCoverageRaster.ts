import { SIGNAL_GAP_MIN_PEOPLE_PER_KM2 } from '../coverage/signalImagePixels';
import { EARTH_MEAN_RADIUS_M } from '../geo/haversineDistanceM';
import type { LongCallOptions } from '../util/cooperativeLoop';

const DEG = Math.PI / 180;

import { readinessCoverageBits } from './computeReadinessBand';
import type { PreparedReadiness } from './prepareReadiness';
import { readinessBandRequests } from './readinessBandRequests';

/** What a cell of a province's coverage raster holds (ProvinceCoverageRaster.classes). */
export const PROVINCE_COVERAGE_CLASS = {
  /** Outside the province, or no population data. */
  outside: 0,
  /**
   * No mast reaches it with 4G or 5G and people live here densely: at least SIGNAL_GAP_MIN_PEOPLE_PER_KM2 per km²
   * (the coverage tab's rule for painting a gap).
   */
  uncoveredPeople: 1,
  /** Reached by 4G, not by 5G. */
  only4g: 2,
  /** Reached by 5G (with or without 4G). */
  with5g: 3,
  /** Nobody lives here (fewer than 1 person) and no mast reaches it. */
  uncoveredEmpty: 4,
  /** No mast reaches it and people live here, but fewer than SIGNAL_GAP_MIN_PEOPLE_PER_KM2 per km² (scattered). */
  uncoveredFew: 5,
} as const;

/** One province's cells of the national grid, by coverage class: what the ministry's drill-down map draws. */
export interface ProvinceCoverageRaster {
  code: string;
  /** Columns and rows of the province's bounding box of cells. */
  width: number;
  height: number;
  /** Outer edges of the box, degrees: [west, south, east, north]. */
  bounds: [number, number, number, number];
  /** Row-major from the north-west cell: PROVINCE_COVERAGE_CLASS per cell. */
  classes: Uint8Array;
  /** The province's people (cells whose centre is in it), and those within reach of 4G, of 5G, of neither. */
  populationTotal: number;
  populationCovered4g: number;
  populationCovered5g: number;
  /** People in the cells of each class, indexed by PROVINCE_COVERAGE_CLASS (0: outside, always 0). */
  populationByClass: number[];
}

/**
 * The coverage of one province (index `provinceIndex` of the prepared run) cell by cell, by the readiness figures' own
 * definitions (computeNationalReadiness): a cell is the province's when its centre is in the province (the label
 * raster); it is covered by 4G (5G) when its centre lies within the 4G (5G) reach of a mast running it, whatever the
 * mast's province. So the raster's sums equal the province's population_total and population_covered_4g/5g.
 * Only the province's rows are scanned, with the masts that reach them.
 */
export async function computeProvinceCoverageRaster(
  prepared: PreparedReadiness,
  provinceIndex: number,
  options: LongCallOptions = {},
): Promise<ProvinceCoverageRaster> {
  const { grid, labels, context } = prepared;
  const province = context.provinces[provinceIndex];
  if (!province) throw new RangeError(`no province at index ${provinceIndex}`);
  const label = provinceIndex + 1;
  let rowMin = grid.height;
  let rowMax = -1;
  let colMin = grid.width;
  let colMax = -1;
  for (let row = 0; row < grid.height; row++) {
    const offset = row * grid.width;
    for (let col = 0; col < grid.width; col++) {
      if (labels[offset + col] !== label) continue;
      if (row < rowMin) rowMin = row;
      if (row > rowMax) rowMax = row;
      if (col < colMin) colMin = col;
      if (col > colMax) colMax = col;
    }
  }
  if (rowMax < 0) {
    return {
      code: province.code,
      width: 0,
      height: 0,
      bounds: [0, 0, 0, 0],
      classes: new Uint8Array(0),
      populationTotal: 0,
      populationCovered4g: 0,
      populationCovered5g: 0,
      populationByClass: [0, 0, 0, 0, 0, 0],
    };
  }
  const [request] = readinessBandRequests(prepared, 1, { rowStart: rowMin, rowEnd: rowMax + 1 });
  const { bits4g, bits5g } = await readinessCoverageBits(request, options);
  const width = colMax - colMin + 1;
  const height = rowMax - rowMin + 1;
  const classes = new Uint8Array(width * height);
  // People per cell at SIGNAL_GAP_MIN_PEOPLE_PER_KM2, row by row (a cell's area shrinks with cos(latitude)).
  const denseMin = new Float64Array(height);
  for (let r = 0; r < height; r++) {
    const latDeg = grid.originLat - (rowMin + r + 0.5) * grid.cellSizeLatDeg;
    const cellKm2 =
      ((grid.cellSizeLatDeg * DEG * EARTH_MEAN_RADIUS_M) / 1000) *
      ((grid.cellSizeLonDeg * DEG * EARTH_MEAN_RADIUS_M * Math.cos(latDeg * DEG)) / 1000);
    denseMin[r] = SIGNAL_GAP_MIN_PEOPLE_PER_KM2 * cellKm2;
  }
  let populationTotal = 0;
  let populationCovered4g = 0;
  let populationCovered5g = 0;
  const populationByClass = [0, 0, 0, 0, 0, 0];
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      const band = r * grid.width + colMin + c;
      const cell = (rowMin + r) * grid.width + colMin + c;
      if (labels[cell] !== label) continue;
      const value = grid.values[cell];
      if (Number.isNaN(value) || (grid.nodata !== null && value === grid.nodata)) continue;
      populationTotal += value;
      if (bits4g[band] !== 0) populationCovered4g += value;
      if (bits5g[band] !== 0) populationCovered5g += value;
      const kind =
        bits5g[band] !== 0
          ? PROVINCE_COVERAGE_CLASS.with5g
          : bits4g[band] !== 0
            ? PROVINCE_COVERAGE_CLASS.only4g
            : value < 1
              ? PROVINCE_COVERAGE_CLASS.uncoveredEmpty
              : value >= denseMin[r]
                ? PROVINCE_COVERAGE_CLASS.uncoveredPeople
                : PROVINCE_COVERAGE_CLASS.uncoveredFew;
      classes[r * width + c] = kind;
      populationByClass[kind] += value;
    }
  }
  return {
    code: province.code,
    width,
    height,
    bounds: [
      grid.originLon + colMin * grid.cellSizeLonDeg,
      grid.originLat - (rowMax + 1) * grid.cellSizeLatDeg,
      grid.originLon + (colMax + 1) * grid.cellSizeLonDeg,
      grid.originLat - rowMin * grid.cellSizeLatDeg,
    ],
    classes,
    populationTotal,
    populationCovered4g,
    populationCovered5g,
    populationByClass,
  };
}
