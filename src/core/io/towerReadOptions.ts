import type { CrsDefinition } from '../crs/crsDefinitions';
import type { LonLatPolygon } from '../geo/lonLatPolygon';
import type { ColumnMapping } from './applyColumnMapping';
import type { MastTypeChoice } from './classifyMastType';

/** How to read a tower file beyond what its content says; every option may be left out. */
export interface TowerReadOptions {
  /**
   * The header's names when the text's first record is only the second row of a header written over two rows (see
   * mergeTwoRowHeader): that record is read as the header with these names. Set by readTowerFile.
   */
  headerNames?: readonly string[];
  /** The user's column mapping (see applyColumnMapping); the automatic choice when absent. */
  columns?: ColumnMapping;
  /**
   * CRS of the coordinates: of the lon/lat columns of a table (then easting/northing), of a GeoJSON without a "crs"
   * member, of a shapefile without .prj. WGS 84 degrees when absent.
   */
  crs?: CrsDefinition | string;
  /** Province (or any area) polygons: points inside Vietnam but outside them are counted in the coordinate report. */
  areaPolygons?: readonly LonLatPolygon[];
  /** The area's name in messages. */
  areaName?: string;
  /** Keep rows whose position is outside Việt Nam (each with a warning) instead of rejecting them. */
  keepOutsideVietnam?: boolean;
  /**
   * Keep each row of one operator within a few metres of a mast listed before as a mast of its own, instead of
   * merging it into that mast as a further station (see STATION_ROW_MAX_DISTANCE_M): for a register whose positions
   * are approximate (many masts at a commune's centre).
   */
  keepStationRows?: boolean;
  /** The user's meaning of the categorical fields' words (keys by categoricalValueKey); proposals elsewhere. */
  valueMapping?: TowerValueMapping;
  /**
   * An operator account's import: a row that names no operator (no operator column, or an empty cell; a KML
   * placemark without one) is the account's own; the rows of other operators keep their cells as a problem row's do
   * (so the rows to fix show them whole once keepOwnOperatorTowers rejects them).
   */
  ownOperator?: string;
}

/** Value mappings of the categorical fields, like the column mapping: proposed automatically, edited by the user. */
export interface TowerValueMapping {
  /** Mast-type word -> class (or 'ground': A2b/A2c by height; 'unknown': left empty). */
  mast_type?: Record<string, MastTypeChoice>;
  /** Operator spelling -> operator name (a known name, or a spelling kept as written). */
  operator?: Record<string, string>;
}
