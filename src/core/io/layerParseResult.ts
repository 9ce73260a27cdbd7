import type { Feature } from 'geojson';
import type { InputProblem } from '../model/tower';

/**
 * What a general layer reader returns (backbone lines, exclusion polygons, any GeoJSON features): the usable features
 * in WGS 84 longitude/latitude, plus every feature it could not use (`row` = 1-based feature number, or the table's
 * record number) and remarks (`row: 0` for the whole file). Property values are as the file typed them: text from
 * CSV and KML without a schema, numbers and booleans where the format says so.
 */
export interface LayerParseResult {
  features: Feature[];
  rejected: InputProblem[];
  warnings: InputProblem[];
}
