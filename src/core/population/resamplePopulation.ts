import type { GridGeometry } from '../geo/maskCellCentresInPolygons';
import { isNodata, type PopulationGrid } from '../model/populationGrid';
import { assertMaskFitsGrid } from './assertMaskFitsGrid';

const DEG = Math.PI / 180;

/** Population on an analysis grid: float64 so totals are kept to rounding; NaN where no source cell has data. */
export interface ResampledPopulation extends GridGeometry {
  values: Float64Array;
}

/**
 * Population moved from its raster to another geographic grid, conserving totals: each source cell's people are
 * shared among the target cells it overlaps in proportion to the overlapping area on the sphere (east-west by
 * longitude, north-south by the difference of sin(latitude)), i.e. as if spread evenly over the source cell.
 * Every source cell that lies inside the target grid thus hands out exactly its value (to float64 rounding); parts
 * outside the target grid are lost. Nodata source cells, and those whose `sourceMask` is 0 (say, centre outside the
 * province), give nothing; a target cell that overlaps no source cell with data is NaN. Overlaps are computed in
 * source-cell units with cut points snapped to whole cells within 1e-9, so an aligned grid (makeAnalysisGrid) has no
 * sliver overlaps. Weights are separable (longitude x latitude), so the cost is about one multiply per target cell
 * and overlapping source cell.
 */
export function resamplePopulation(
  source: PopulationGrid,
  target: GridGeometry,
  sourceMask?: Uint8Array,
): ResampledPopulation {
  assertMaskFitsGrid(source, sourceMask);
  const columns = overlapWeights(
    target.width,
    (c) => (target.originLon + c * target.cellSizeLonDeg - source.originLon) / source.cellSizeLonDeg,
    source.width,
    (from, to) => to - from,
  );
  // Rows: source-cell units counted southwards from the source's northern edge; area share by sin(latitude).
  const sourceLatAt = (u: number) => source.originLat - u * source.cellSizeLatDeg;
  const rows = overlapWeights(
    target.height,
    (r) => (source.originLat - (target.originLat - r * target.cellSizeLatDeg)) / source.cellSizeLatDeg,
    source.height,
    (from, to, cell) =>
      (Math.sin(sourceLatAt(from) * DEG) - Math.sin(sourceLatAt(to) * DEG)) /
      (Math.sin(sourceLatAt(cell) * DEG) - Math.sin(sourceLatAt(cell + 1) * DEG)),
  );

  const values = new Float64Array(target.width * target.height).fill(Number.NaN);
  for (let r = 0; r < target.height; r++) {
    for (let rowEntry = rows.start[r]; rowEntry < rows.start[r + 1]; rowEntry++) {
      const sourceRow = rows.cell[rowEntry];
      const rowWeight = rows.weight[rowEntry];
      const sourceRowOffset = sourceRow * source.width;
      const targetRowOffset = r * target.width;
      for (let c = 0; c < target.width; c++) {
        for (let colEntry = columns.start[c]; colEntry < columns.start[c + 1]; colEntry++) {
          const sourceIndex = sourceRowOffset + columns.cell[colEntry];
          if (sourceMask && sourceMask[sourceIndex] === 0) continue;
          const value = source.values[sourceIndex];
          if (isNodata(source, value)) continue;
          const targetIndex = targetRowOffset + c;
          const share = value * rowWeight * columns.weight[colEntry];
          values[targetIndex] = Number.isNaN(values[targetIndex]) ? share : values[targetIndex] + share;
        }
      }
    }
  }
  return {
    width: target.width,
    height: target.height,
    originLon: target.originLon,
    originLat: target.originLat,
    cellSizeLonDeg: target.cellSizeLonDeg,
    cellSizeLatDeg: target.cellSizeLatDeg,
    values,
  };
}

/** Per target index, the source cells it overlaps and the share of each source cell it takes (CSR lists). */
function overlapWeights(
  targetCount: number,
  edgeInSourceUnits: (targetEdge: number) => number,
  sourceCount: number,
  share: (from: number, to: number, sourceCell: number) => number,
) {
  const start = new Int32Array(targetCount + 1);
  const cell: number[] = [];
  const weight: number[] = [];
  const snap = (u: number) => (Math.abs(u - Math.round(u)) < 1e-9 ? Math.round(u) : u);
  for (let t = 0; t < targetCount; t++) {
    const from = Math.max(snap(edgeInSourceUnits(t)), 0);
    const to = Math.min(snap(edgeInSourceUnits(t + 1)), sourceCount);
    for (let s = Math.floor(from); s < to; s++) {
      const overlapFrom = Math.max(from, s);
      const overlapTo = Math.min(to, s + 1);
      if (overlapTo <= overlapFrom) continue;
      cell.push(s);
      weight.push(share(overlapFrom, overlapTo, s));
    }
    start[t + 1] = cell.length;
  }
  return { start, cell: Int32Array.from(cell), weight: Float64Array.from(weight) };
}
