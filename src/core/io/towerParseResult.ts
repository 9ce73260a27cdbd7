import type { CoordinateProblemReport } from '../crs/detectCoordinateProblems';
import type { InputProblem, Tower } from '../model/tower';

/**
 * What a tower file reader returns: the usable towers plus every row it could not use.
 * Every non-empty record of the file is in `towers`, in `rejected` (one entry per rejected record) or merged into its
 * site as a further sector (`sectorRowsMerged`) or station (`stationRowsMerged`);
 * `warnings` concern accepted records (unknown operator, unknown tenant) or the file as a whole (`row: 0`, e.g. unused
 * columns).
 */
export interface TowerParseResult {
  towers: Tower[];
  /** The record number (`InputProblem.row`) of each tower, in the same order; absent when the reader does not say. */
  towerRows?: number[];
  /** The file line of each tower (a spreadsheet's row number), in the same order; absent when the file has no lines. */
  towerLines?: number[];
  rejected: InputProblem[];
  warnings: InputProblem[];
  /**
   * The file's coordinates as a whole (projected values, swapped lat/lon, points outside Vietnam or the area), with
   * counts and example rows; present when the reader checked them and found something.
   */
  coordinateReport?: CoordinateProblemReport;
  /** Rows read as WGS 84 degrees and rows read in the file's projected CRS (files may mix GPS and VN-2000 rows). */
  crsCounts?: { wgs84: number; projected: number };
  /** Rows of a cell list merged into the site they are a further sector of (same id, operator and position). */
  sectorRowsMerged?: number;
  /**
   * Rows with another id merged into a mast of the same operator listed before, within STATION_ROW_MAX_DISTANCE_M:
   * further stations (technologies, cells) of one site.
   */
  stationRowsMerged?: number;
  /** Distinct words of the categorical fields over the whole file, most frequent first (for the value mapping). */
  categoricalValues?: { operator: CategoricalValueCount[]; mast_type: CategoricalValueCount[] };
  /** The raw records of rows rejected or warned about (tables only), to write a file a person can fix and import. */
  problemRecords?: { header: string[]; rows: { row: number; values: string[] }[] };
}

export interface CategoricalValueCount {
  /** categoricalValueKey of the word: what value mappings are keyed by. */
  key: string;
  /** The word as first written in the file. */
  value: string;
  count: number;
}
