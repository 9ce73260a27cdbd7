import type { CoordinateProblemReport } from '../crs/detectCoordinateProblems';
import type { InputProblem, Tower } from '../model/tower';

/**
 * What a tower file reader returns: the usable towers plus every row it could not use.
 * Every non-empty record of the file is either in `towers` or in `rejected` (one problem per rejected record);
 * `warnings` concern accepted records (unknown operator, unknown tenant) or the file as a whole (`row: 0`, e.g. unused
 * columns).
 */
export interface TowerParseResult {
  towers: Tower[];
  rejected: InputProblem[];
  warnings: InputProblem[];
  /**
   * The file's coordinates as a whole (projected values, swapped lat/lon, points outside Vietnam or the area), with
   * counts and example rows; present when the reader checked them and found something.
   */
  coordinateReport?: CoordinateProblemReport;
}
