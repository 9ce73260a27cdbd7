import type { GridGeometry } from '../geo/maskCellCentresInPolygons';
import type { Demand } from './buildDemand';
import type { CoverSets } from './coverSets';

/**
 * The demand cells the plan's sites reach, each credited to the first site (in plan order) reaching it, as the sites'
 * newly covered people are: what a site planned on predicted signal adds, where its prediction puts it (not a circle
 * of the lattice radius). The map draws these cells.
 */
export interface SiteReachCells {
  /** The plan's grid (the prediction's analysis grid on predicted signal). */
  grid: GridGeometry;
  /** Row-major cell indices in `grid`, ascending. */
  cellIndex: Uint32Array;
  /** For each cell, the index in the plan's sites of the first site reaching it. */
  siteIndex: Uint16Array;
}

/** The cells the sites `ordered` (candidate indices, the plan's order) reach, from their cover sets. */
export function siteReachCells(
  ordered: readonly number[],
  cover: CoverSets,
  demand: Pick<Demand, 'count' | 'cellIndex'>,
  grid: GridGeometry,
): SiteReachCells {
  const firstSite = new Int32Array(demand.count).fill(-1);
  let count = 0;
  ordered.forEach((candidate, site) => {
    for (let k = cover.candidateStarts[candidate]; k < cover.candidateStarts[candidate + 1]; k++) {
      const item = cover.candidateItems[k];
      for (let m = cover.itemDemandStarts[item]; m < cover.itemDemandStarts[item + 1]; m++) {
        const d = cover.itemDemand[m];
        if (firstSite[d] >= 0) continue;
        firstSite[d] = site;
        count++;
      }
    }
  });
  // Demand is in cell order, so the cells come out ascending.
  const cellIndex = new Uint32Array(count);
  const siteIndex = new Uint16Array(count);
  for (let d = 0, n = 0; d < demand.count; d++) {
    if (firstSite[d] < 0) continue;
    cellIndex[n] = demand.cellIndex[d];
    siteIndex[n] = firstSite[d];
    n++;
  }
  const { width, height, originLon, originLat, cellSizeLonDeg, cellSizeLatDeg } = grid;
  return { grid: { width, height, originLon, originLat, cellSizeLonDeg, cellSizeLatDeg }, cellIndex, siteIndex };
}
