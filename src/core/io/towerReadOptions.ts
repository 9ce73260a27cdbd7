import type { CrsDefinition } from '../crs/crsDefinitions';
import type { LonLatPolygon } from '../geo/lonLatPolygon';
import type { ColumnMapping } from './applyColumnMapping';

/** How to read a tower file beyond what its content says; every option may be left out. */
export interface TowerReadOptions {
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
}
