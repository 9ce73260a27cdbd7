import { BoundaryFileError } from './boundaryFileError';
import type { LonLatPolygon } from './lonLatPolygon';
import { readFirstProperty, readPolygonFeatures } from './readPolygonFeatures';

/** One area of an areas file (a commune): its name and polygons. */
export interface NamedArea {
  name: string;
  polygons: LonLatPolygon[];
}

/** Property names tried for an area's name when none is given, in order (compared without case). */
const NAME_KEYS = ['name', 'commune_vn', 'ten_xa', 'commune', 'ten', 'name_3', 'shapename', 'name_vi', 'name_en'];

/**
 * One area per Feature with polygons, in file order (for per-commune figures). The name is the `nameProperty` of the
 * feature when given, else the first of NAME_KEYS present, else its 1-based number ("#3"). Every polygon is checked
 * as parseBoundaryGeoJson does (and its BoundaryFileError thrown).
 */
export function parseAreasGeoJson(text: string, nameProperty?: string): NamedArea[] {
  const keys = nameProperty ? [nameProperty.toLowerCase()] : NAME_KEYS;
  const areas = readPolygonFeatures(text).map((feature) => ({
    name: readFirstProperty(feature.properties, keys) ?? `#${feature.index + 1}`,
    polygons: feature.polygons,
  }));
  if (areas.length === 0) throw new BoundaryFileError('no Feature with a Polygon or MultiPolygon in the areas file');
  return areas;
}
