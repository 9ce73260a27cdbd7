import type { GridGeometry } from '../geo/maskCellCentresInPolygons';

/**
 * The grid row a mast is counted in: the row holding its latitude, clamped to the grid (a mast north or south of the
 * grid counts in the first or last row). Each mast has exactly one, so bands that partition the rows partition the
 * masts too.
 */
export function mastHomeRow(grid: Pick<GridGeometry, 'height' | 'originLat' | 'cellSizeLatDeg'>, lat: number): number {
  const row = Math.floor((grid.originLat - lat) / grid.cellSizeLatDeg);
  if (Number.isNaN(row)) return 0;
  return row < 0 ? 0 : row >= grid.height ? grid.height - 1 : row;
}
