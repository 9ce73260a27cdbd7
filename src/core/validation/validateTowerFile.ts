import type { TowerParseResult } from '../io/towerParseResult';
import { OPERATORS } from '../model/operators';
import type { PopulationGrid } from '../model/populationGrid';
import { type InputProblem, towerTenantCount } from '../model/tower';
import { countPopulatedCells } from '../population/countPopulatedCells';
import { sumPopulation } from '../population/sumPopulation';
import type { ValidationReport } from './validationReport';

export interface ValidationPopulation {
  grid: PopulationGrid;
  /** Cells to count (row-major, non-zero = inside), e.g. a province from maskCellCentresInPolygons; all when absent. */
  mask?: Uint8Array;
}

/** The validation report of a parsed tower file, with the population figures when a raster is given. */
export function validateTowerFile(parsed: TowerParseResult, population?: ValidationPopulation): ValidationReport {
  // Keyed by the file's own words: no inherited member (see util/ownProperty).
  const towersByOperator: Record<string, number> = Object.create(null);
  let sharedMasts = 0;
  for (const tower of parsed.towers) {
    towersByOperator[tower.operator] = (towersByOperator[tower.operator] ?? 0) + 1;
    if (towerTenantCount(tower) >= 2) sharedMasts++;
  }
  const report: ValidationReport = {
    accepted: parsed.towers.length,
    rejected: parsed.rejected.map(plainProblem),
    warnings: parsed.warnings.map(plainProblem),
    towers_by_operator: sortByOperator(towersByOperator),
    shared_masts: sharedMasts,
  };
  if (population) {
    report.population_total = sumPopulation(population.grid, population.mask);
    report.population_cells = countPopulatedCells(population.grid, population.mask);
  }
  return report;
}

/** A problem as the command line prints it: row, line, field and reason (codes are for the UI's language). */
function plainProblem({ row, line, field, reason }: InputProblem): InputProblem {
  return {
    row,
    ...(line === undefined ? {} : { line }),
    ...(field === undefined ? {} : { field }),
    reason,
  };
}

/** Known operators in OPERATORS order, then the unknown spellings alphabetically: stable output for diffs. */
function sortByOperator(counts: Record<string, number>): Record<string, number> {
  const knownOrder = OPERATORS.map((operator) => operator.name);
  const rank = (name: string) => {
    const index = knownOrder.indexOf(name);
    return index < 0 ? knownOrder.length : index;
  };
  const names = Object.keys(counts).sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(names.map((name) => [name, counts[name]]));
}
