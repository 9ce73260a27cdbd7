import type { PopulationGrid } from '../model/populationGrid';
import type { LonLatPolygon } from './lonLatPolygon';

/** The part of a grid that says where its cells are. */
export type GridGeometry = Pick<
  PopulationGrid,
  'width' | 'height' | 'originLon' | 'originLat' | 'cellSizeLonDeg' | 'cellSizeLatDeg'
>;

/**
 * 1 for each cell (row-major, like grid.values) whose centre lies inside any of the polygons, else 0.
 *
 * Exact even-odd scanline fill: for each row, the crossings of every ring edge with the row's centre latitude are
 * sorted and the cells whose centre longitude falls between successive pairs are set. All rings of one polygon take
 * part in the even-odd count, so holes are cut out; polygons are then united. An edge counts for latitudes in
 * [its lower end, its upper end), so a vertex on a row's latitude is counted once. A centre exactly on an edge is
 * inside on the western side of a span, outside on the eastern. Cost is O(edges + crossings + cells filled).
 * Planar in degrees: edges are straight in lon/lat, and polygons crossing the antimeridian are not supported.
 */
export function maskCellCentresInPolygons(grid: GridGeometry, polygons: readonly LonLatPolygon[]): Uint8Array {
  const mask = new Uint8Array(grid.width * grid.height);
  for (const polygon of polygons) fillPolygon(grid, polygon, mask);
  return mask;
}

function fillPolygon(grid: GridGeometry, polygon: LonLatPolygon, mask: Uint8Array): void {
  const crossingRows: number[] = [];
  const crossingLons: number[] = [];
  for (const ring of polygon) {
    const count = ring.length;
    for (let i = 0; i < count; i++) {
      const [lon1, lat1] = ring[i];
      const [lon2, lat2] = ring[(i + 1) % count];
      if (lat1 === lat2) continue;
      const [firstRow, lastRow] = candidateRows(grid, Math.min(lat1, lat2), Math.max(lat1, lat2));
      for (let row = firstRow; row <= lastRow; row++) {
        const lat = centreLat(grid, row);
        if (lat1 <= lat !== lat2 <= lat) {
          crossingRows.push(row);
          crossingLons.push(lon1 + ((lat - lat1) * (lon2 - lon1)) / (lat2 - lat1));
        }
      }
    }
  }
  if (crossingRows.length === 0) return;

  // Bucket the crossings by row (counting sort), then sort each row's longitudes.
  const starts = new Int32Array(grid.height + 1);
  for (const row of crossingRows) starts[row + 1]++;
  for (let row = 0; row < grid.height; row++) starts[row + 1] += starts[row];
  const next = starts.slice(0, grid.height);
  const lons = new Float64Array(crossingRows.length);
  for (let i = 0; i < crossingRows.length; i++) lons[next[crossingRows[i]]++] = crossingLons[i];

  for (let row = 0; row < grid.height; row++) {
    const rowLons = lons.subarray(starts[row], starts[row + 1]);
    if (rowLons.length < 2) continue;
    rowLons.sort();
    const rowOffset = row * grid.width;
    for (let k = 0; k + 1 < rowLons.length; k += 2) {
      const firstCol = firstColumnAtOrEastOf(grid, rowLons[k]);
      const endCol = firstColumnAtOrEastOf(grid, rowLons[k + 1]);
      mask.fill(1, rowOffset + firstCol, rowOffset + endCol);
    }
  }
}

/** Rows whose centre latitude may lie in [southLat, northLat], with a row of slack for rounding; clamped. */
function candidateRows(grid: GridGeometry, southLat: number, northLat: number): [number, number] {
  const first = Math.floor((grid.originLat - northLat) / grid.cellSizeLatDeg - 0.5) - 1;
  const last = Math.ceil((grid.originLat - southLat) / grid.cellSizeLatDeg - 0.5) + 1;
  return [Math.max(0, first), Math.min(grid.height - 1, last)];
}

/** Smallest column whose centre longitude is >= lon, in [0, width]; checked against centreLon itself. */
function firstColumnAtOrEastOf(grid: GridGeometry, lon: number): number {
  let col = Math.ceil((lon - grid.originLon) / grid.cellSizeLonDeg - 0.5);
  col = Math.min(grid.width, Math.max(0, col));
  while (col > 0 && centreLon(grid, col - 1) >= lon) col--;
  while (col < grid.width && centreLon(grid, col) < lon) col++;
  return col;
}

// The same expressions as cellCenterLon/cellCenterLat in model/populationGrid (which want a whole grid), so a mask
// agrees bit for bit with code that tests cell centres one by one.
function centreLon(grid: GridGeometry, col: number): number {
  return grid.originLon + (col + 0.5) * grid.cellSizeLonDeg;
}

function centreLat(grid: GridGeometry, row: number): number {
  return grid.originLat - (row + 0.5) * grid.cellSizeLatDeg;
}
