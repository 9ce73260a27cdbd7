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
  const cells: number[] = [];
  const population: number[] = [];
  const weight: number[] = [];
  const gaining: number[] = [];
  let totalPopulation = 0;
  let totalWeight = 0;
  for (let i = 0; i < grid.values.length; i++) {
    if (mask && mask[i] === 0) continue;
    const value = grid.values[i];
    if (isNodata(grid, value) || !(value > 0)) continue;
    const covered = coveredBits[i] & operatorBits;
    let gainingBits: number;
    let cellWeight: number;
    if (weighting === 'people') {
      if (covered !== 0) continue;
      gainingBits = operatorBits;
      cellWeight = value;
    } else {
      gainingBits = operatorBits & ~covered;
      if (gainingBits === 0) continue;
      cellWeight = value * countTenantBits(gainingBits);
    }
    cells.push(i);
    population.push(value);
    weight.push(cellWeight);
    gaining.push(gainingBits);
    totalPopulation += value;
    totalWeight += cellWeight;
  }
  return {
    count: cells.length,
    cellIndex: Uint32Array.from(cells),
    population: Float64Array.from(population),
    weight: Float64Array.from(weight),
    gainingBits: Uint8Array.from(gaining),
    totalPopulation,
    totalWeight,
  };
}
