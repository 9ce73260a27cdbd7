import type { InputProblem } from '../model/tower';

/** What `cosite validate` prints: plain JSON, keys in snake_case like the other outputs. */
export interface ValidationReport {
  /** Towers read. */
  accepted: number;
  /** One entry per record that could not be used. */
  rejected: InputProblem[];
  /** Accepted records with a remark, and file-level remarks (`row: 0`). */
  warnings: InputProblem[];
  /** Towers per owner, canonical operator names (or a file's own spelling when unknown); only owners present. */
  towers_by_operator: Record<string, number>;
  /** Towers with two or more tenants. */
  shared_masts: number;
  /** Population of the raster's cells (inside the boundary when one is given); only when a raster is given. */
  population_total?: number;
  /** Cells with population above zero counted in population_total. */
  population_cells?: number;
}
