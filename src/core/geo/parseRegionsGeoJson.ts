import { BoundaryFileError } from './boundaryFileError';
import type { LonLatPolygon } from './lonLatPolygon';
import { readFirstProperty, readPolygonFeatures } from './readPolygonFeatures';

/** A named area of a boundary file (a province): the polygons of its features. */
export interface Region {
  code: string;
  name: string;
  polygons: LonLatPolygon[];
}

/** Property names read for a feature's code and name, most specific first (compared without case). */
const CODE_KEYS = ['code', 'ma_tinh', 'province_code', 'shapeiso', 'iso', 'gid'];
const NAME_KEYS = ['name', 'ten_tinh', 'ten', 'shapename', 'province', 'name_1', 'name_en'];

/**
 * The regions of a boundary file (a FeatureCollection or a single Feature of Polygons/MultiPolygons), one per code in
 * the order first seen; features sharing a code are united. A feature with no code property gets its Feature id, else
 * its 1-based number ("#3"); with no name property its code is its name. Features without polygons are skipped.
 * Throws BoundaryFileError as parseBoundaryGeoJson does (invalid JSON, coordinates not in degrees, no polygon).
 */
export function parseRegionsGeoJson(text: string): Region[] {
  const byCode = new Map<string, Region>();
  for (const feature of readPolygonFeatures(text)) {
    const fallback = feature.id === undefined ? `#${feature.index + 1}` : String(feature.id);
    const code = readFirstProperty(feature.properties, CODE_KEYS) ?? fallback;
    const name = readFirstProperty(feature.properties, NAME_KEYS) ?? code;
    const region = byCode.get(code);
    if (region) region.polygons.push(...feature.polygons);
    else byCode.set(code, { code, name, polygons: feature.polygons });
  }
  if (byCode.size === 0) throw new BoundaryFileError('no Feature with a Polygon or MultiPolygon in the boundary file');
  return [...byCode.values()];
}
