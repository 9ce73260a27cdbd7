import { countTenantBits } from '../model/mastAttributes';
import { isNodata, type PopulationGrid } from '../model/populationGrid';

/**
 * How a demand cell is weighted:
 * - `people`: cells that none of the chosen operators covers, weighted by their population (a pure gap);
 * - `people_x_operators`: cells that at least one chosen operator does not cover, weighted by population x the number
 *   of chosen operators that lack it, so a shared site filling the gaps of several operators at once is worth more.
 */
export type DemandWeighting = 'people' | 'people_x_operators';

export interface BuildDemandRequest {
  grid: PopulationGrid;
  /** Operator bits per cell for the whole grid (computeFixedRadiusCoverage), for the technology planned. */
  coveredBits: Uint8Array;
  /** Bits of the chosen operators (bit k = operatorNames[k] of the tower arrays the coverage came from). */
  operatorBits: number;
  /** Cells that count (centre inside the boundary); all when absent. */
  mask?: Uint8Array;
  weighting: DemandWeighting;
}

/** Demand cells, parallel arrays in row-major cell order. */
export interface Demand {
  count: number;
  /** Row-major index of the cell in the grid. */
  cellIndex: Uint32Array;
  population: Float64Array;
  weight: Float64Array;
  /** Chosen operators that would gain the cell (bits as in coveredBits). */
  gainingBits: Uint8Array;
  totalPopulation: number;
  totalWeight: number;
}

/** The cells a new shared site could add: populated (> 0, not nodata), inside the mask, and a gap per the weighting. */
export function buildDemand(request: BuildDemandRequest): Demand {
  const { grid, coveredBits, operatorBits, mask, weighting } = request;
  // Two passes over the grid: count the demand cells, then fill typed arrays (no growing lists of numbers).
  const weightOf = (value: number, gainingBits: number) =>
    weighting === 'people' ? value : value * countTenantBits(gainingBits);
  const isDemand = (i: number): boolean => {
    if (mask && mask[i] === 0) return false;
    const value = grid.values[i];
    if (isNodata(grid, value) || !(value > 0)) return false;
    const covered = coveredBits[i] & operatorBits;
    return weighting === 'people' ? covered === 0 : (operatorBits & ~covered) !== 0;
  };
  let count = 0;
  for (let i = 0; i < grid.values.length; i++) if (isDemand(i)) count++;
  const cellIndex = new Uint32Array(count);
  const population = new Float64Array(count);
  const weight = new Float64Array(count);
  const gainingBitsOf = new Uint8Array(count);
  let totalPopulation = 0;
  let totalWeight = 0;
  let d = 0;
  for (let i = 0; i < grid.values.length; i++) {
    if (!isDemand(i)) continue;
    const value = grid.values[i];
    const gainingBits = weighting === 'people' ? operatorBits : operatorBits & ~(coveredBits[i] & operatorBits);
    const cellWeight = weightOf(value, gainingBits);
    cellIndex[d] = i;
    population[d] = value;
    weight[d] = cellWeight;
    gainingBitsOf[d] = gainingBits;
    d++;
    totalPopulation += value;
    totalWeight += cellWeight;
  }
  return {
    count,
    cellIndex,
    population,
    weight,
    gainingBits: gainingBitsOf,
    totalPopulation,
    totalWeight,
  };
}
