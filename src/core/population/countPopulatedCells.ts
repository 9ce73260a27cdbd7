import { isNodata, type PopulationGrid } from '../model/populationGrid';
import { assertMaskFitsGrid } from './assertMaskFitsGrid';

/** Number of cells holding a population above zero (not nodata, not NaN), only where `mask` is non-zero when given. */
export function countPopulatedCells(grid: PopulationGrid, mask?: Uint8Array): number {
  assertMaskFitsGrid(grid, mask);
  const values = grid.values;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    if (mask && mask[i] === 0) continue;
    const value = values[i];
    if (value > 0 && !isNodata(grid, value)) count++;
  }
  return count;
}
