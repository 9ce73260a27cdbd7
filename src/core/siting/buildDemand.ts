import { countTenantBits } from '../model/mastAttributes';
import type { PopulationGrid } from '../model/populationGrid';

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
  // One pass over the grid collects the demand cells (in a typed list that doubles when full), a second over those
  // cells alone fills their figures: no growing lists of numbers.
  const values = grid.values;
  const nodata = grid.nodata ?? Number.NaN;
  const byPeople = weighting === 'people';
  let cells = new Uint32Array(1024);
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    // Not populated, no data (NaN fails the test too) or outside the mask.
    if (!(value > 0) || value === nodata || (mask !== undefined && mask[i] === 0)) continue;
    const covered = coveredBits[i] & operatorBits;
    if (byPeople ? covered !== 0 : (operatorBits & ~covered) === 0) continue;
    if (count === cells.length) {
      const grown = new Uint32Array(cells.length * 2);
      grown.set(cells);
      cells = grown;
    }
    cells[count++] = i;
  }
  const cellIndex = cells.slice(0, count);
  const population = new Float64Array(count);
  const weight = new Float64Array(count);
  const gainingBitsOf = new Uint8Array(count);
  // Tenants gaining, by the bits that gain (operators are at most 8 bits).
  const gainingCount = new Uint8Array(256).map((_, bits) => countTenantBits(bits));
  let totalPopulation = 0;
  let totalWeight = 0;
  for (let d = 0; d < count; d++) {
    const i = cellIndex[d];
    const value = values[i];
    const gainingBits = byPeople ? operatorBits : operatorBits & ~coveredBits[i];
    const cellWeight = byPeople ? value : value * gainingCount[gainingBits & 255];
    population[d] = value;
    weight[d] = cellWeight;
    gainingBitsOf[d] = gainingBits;
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
