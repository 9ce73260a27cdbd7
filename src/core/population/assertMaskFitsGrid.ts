import type { PopulationGrid } from '../model/populationGrid';

/** A mask from another grid is a programming error, not bad input: throw rather than sum the wrong cells. */
export function assertMaskFitsGrid(grid: PopulationGrid, mask: Uint8Array | undefined): void {
  if (mask && mask.length !== grid.values.length) {
    throw new RangeError(`mask has ${mask.length} cells, the grid ${grid.values.length}`);
  }
}
