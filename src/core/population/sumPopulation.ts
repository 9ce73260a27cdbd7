import { isNodata, type PopulationGrid } from '../model/populationGrid';
import { assertMaskFitsGrid } from './assertMaskFitsGrid';

/**
 * Total of the grid's cells that hold data (not nodata, not NaN), only where `mask` is non-zero when given
 * (a mask is row-major like grid.values, e.g. from maskCellCentresInPolygons).
 * Summed in float64 with Neumaier compensation, so a national total of millions of fractional cells is exact to
 * well under one person.
 */
export function sumPopulation(grid: PopulationGrid, mask?: Uint8Array): number {
  assertMaskFitsGrid(grid, mask);
  const values = grid.values;
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < values.length; i++) {
    if (mask && mask[i] === 0) continue;
    const value = values[i];
    if (isNodata(grid, value)) continue;
    const total = sum + value;
    compensation += Math.abs(sum) >= Math.abs(value) ? sum - total + value : value - total + sum;
    sum = total;
  }
  return sum + compensation;
}
