import type { LonLatPolygon } from './lonLatPolygon';
import { type GridGeometry, maskCellCentresInPolygons } from './maskCellCentresInPolygons';

/**
 * For each cell (row-major), the index of the first area whose polygons contain the cell's centre, or -1. An area is
 * a list of polygons (a commune's MultiPolygon). Same centre rule as maskCellCentresInPolygons (one mask per area), so
 * the cost is areas x cells: label the population raster (1 km), then carry the labels to a finer analysis grid with
 * transferCellLabels, rather than labelling a 100 m grid directly.
 */
export function labelCellCentresInAreas(
  grid: GridGeometry,
  areas: ReadonlyArray<readonly LonLatPolygon[]>,
): Int32Array {
  const labels = new Int32Array(grid.width * grid.height).fill(-1);
  areas.forEach((polygons, area) => {
    const mask = maskCellCentresInPolygons(grid, polygons);
    for (let i = 0; i < mask.length; i++) if (mask[i] === 1 && labels[i] < 0) labels[i] = area;
  });
  return labels;
}

/**
 * Labels of a source grid carried to a target grid: each target cell takes the label of the source cell that contains
 * its centre (-1 outside the source). With an aligned analysis grid (makeAnalysisGrid) every target cell lies inside
 * one source cell, so it is the label of the population cell its people came from.
 */
export function transferCellLabels(labels: Int32Array, source: GridGeometry, target: GridGeometry): Int32Array {
  const result = new Int32Array(target.width * target.height).fill(-1);
  const sourceCols = new Int32Array(target.width);
  for (let c = 0; c < target.width; c++) {
    const lon = target.originLon + (c + 0.5) * target.cellSizeLonDeg;
    const col = Math.floor((lon - source.originLon) / source.cellSizeLonDeg);
    sourceCols[c] = col >= 0 && col < source.width ? col : -1;
  }
  for (let r = 0; r < target.height; r++) {
    const lat = target.originLat - (r + 0.5) * target.cellSizeLatDeg;
    const row = Math.floor((source.originLat - lat) / source.cellSizeLatDeg);
    if (row < 0 || row >= source.height) continue;
    for (let c = 0; c < target.width; c++) {
      if (sourceCols[c] >= 0) result[r * target.width + c] = labels[row * source.width + sourceCols[c]];
    }
  }
  return result;
}
