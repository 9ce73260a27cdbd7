/**
 * A north-up population raster in geographic coordinates (EPSG:4326).
 * Cell (col, row) covers lon [originLon + col*cellSizeLonDeg, +cellSizeLonDeg) and
 * lat (originLat - (row+1)*cellSizeLatDeg, originLat - row*cellSizeLatDeg]; row 0 is the northern edge.
 * Cells equal to `nodata` (or NaN) hold no population.
 */
export interface PopulationGrid {
  width: number;
  height: number;
  /** Longitude of the western edge of column 0, degrees. */
  originLon: number;
  /** Latitude of the northern edge of row 0, degrees. */
  originLat: number;
  cellSizeLonDeg: number;
  cellSizeLatDeg: number;
  nodata: number | null;
  values: Float32Array;
}

export function cellCenterLon(grid: PopulationGrid, col: number): number {
  return grid.originLon + (col + 0.5) * grid.cellSizeLonDeg;
}

export function cellCenterLat(grid: PopulationGrid, row: number): number {
  return grid.originLat - (row + 0.5) * grid.cellSizeLatDeg;
}

export function isNodata(grid: PopulationGrid, value: number): boolean {
  return Number.isNaN(value) || (grid.nodata !== null && value === grid.nodata);
}
