import type { LonLatPolygon } from '../geo/lonLatPolygon';
import { type GridGeometry, maskCellCentresInPolygons } from '../geo/maskCellCentresInPolygons';

/** Most provinces a label raster holds (labels are bytes, 0 meaning none). */
export const MAX_LABELLED_PROVINCES = 255;

export interface ProvinceLabels {
  /** Per cell (row-major): 0 when the centre is in no province, else 1 + the index of the first province holding it. */
  labels: Uint8Array;
  /** Cells whose centre lies in two or more provinces (each counted in the first). */
  overlapCells: number;
}

/**
 * The province label raster, built once per grid and boundary set: one maskCellCentresInPolygons per province (the
 * same cell-centre rule as every other population figure), written into one byte per cell.
 */
export function buildProvinceLabels(
  grid: GridGeometry,
  provinces: ReadonlyArray<readonly LonLatPolygon[]>,
): ProvinceLabels {
  const labels = createProvinceLabels(grid, provinces.length);
  let overlapCells = 0;
  provinces.forEach((polygons, index) => {
    overlapCells += labelProvince(grid, polygons, index, labels);
  });
  return { labels, overlapCells };
}

/** An empty label raster for `provinceCount` provinces; throws RangeError beyond MAX_LABELLED_PROVINCES. */
export function createProvinceLabels(grid: GridGeometry, provinceCount: number): Uint8Array {
  if (provinceCount > MAX_LABELLED_PROVINCES) {
    throw new RangeError(`at most ${MAX_LABELLED_PROVINCES} provinces, got ${provinceCount}`);
  }
  return new Uint8Array(grid.width * grid.height);
}

/**
 * Writes province `index` into the labels where no earlier province holds the cell; returns the cells it found
 * already taken (overlaps). Callers label provinces in index order, one call each (and may yield in between).
 */
export function labelProvince(
  grid: GridGeometry,
  polygons: readonly LonLatPolygon[],
  index: number,
  labels: Uint8Array,
): number {
  const mask = maskCellCentresInPolygons(grid, polygons);
  // Only the rows the province's latitudes span can hold a 1 (one row of slack each way for rounding).
  let north = Number.NEGATIVE_INFINITY;
  let south = Number.POSITIVE_INFINITY;
  for (const polygon of polygons) {
    for (const [, lat] of polygon[0] ?? []) {
      if (lat > north) north = lat;
      if (lat < south) south = lat;
    }
  }
  if (!(north >= south)) return 0;
  const firstRow = Math.max(0, Math.floor((grid.originLat - north) / grid.cellSizeLatDeg) - 1);
  const lastRow = Math.min(grid.height - 1, Math.ceil((grid.originLat - south) / grid.cellSizeLatDeg) + 1);
  const label = index + 1;
  let overlaps = 0;
  for (let i = firstRow * grid.width; i < (lastRow + 1) * grid.width; i++) {
    if (mask[i] === 0) continue;
    if (labels[i] === 0) labels[i] = label;
    else overlaps++;
  }
  return overlaps;
}
