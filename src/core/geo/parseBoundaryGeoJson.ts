import { invalidJsonWorded, parseJsonText } from '../io/parseJsonText';
import { BoundaryFileError } from './boundaryFileError';
import { checkLonLatPosition } from './checkLonLatPosition';
import type { LonLatPolygon } from './lonLatPolygon';

/**
 * The polygons of a boundary file: Polygon, MultiPolygon, Feature, FeatureCollection or GeometryCollection, nested
 * in any way. Other geometries (points, lines) and features without geometry are ignored.
 * Throws BoundaryFileError for invalid JSON, malformed coordinates, coordinates that are not lon/lat degrees
 * (a projected VN-2000 file, say), or when no polygon is found; the common ones with a code (invalidJson, noPolygon,
 * notGeoJson, noRings, shortRing, notPosition, notDegrees) for the UI's words.
 */
export function parseBoundaryGeoJson(text: string): LonLatPolygon[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const parsed = parseJsonText(body);
  if ('error' in parsed) {
    throw new BoundaryFileError(`invalid JSON: ${parsed.error}`, invalidJsonWorded(parsed));
  }
  const polygons: LonLatPolygon[] = [];
  const ignoredTypes = new Map<string, number>();
  collect(parsed.value, polygons, ignoredTypes);
  if (polygons.length === 0) {
    const found = [...ignoredTypes].map(([type, count]) => `${type} x${count}`).join(', ');
    throw new BoundaryFileError(`no Polygon or MultiPolygon in the boundary file (found: ${found || 'nothing'})`, {
      code: 'noPolygon',
      params: { found },
    });
  }
  return polygons;
}

function collect(value: unknown, polygons: LonLatPolygon[], ignoredTypes: Map<string, number>): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const found = Array.isArray(value) ? 'a list' : typeof value;
    throw new BoundaryFileError(`not GeoJSON: expected an object, found ${found}`, {
      code: 'notGeoJson',
      params: { found: Array.isArray(value) ? 'list' : typeof value },
    });
  }
  const object = value as Record<string, unknown>;
  switch (object.type) {
    case 'FeatureCollection':
      if (!Array.isArray(object.features)) {
        throw new BoundaryFileError('FeatureCollection has no "features" list', { code: 'noFeaturesList' });
      }
      for (const feature of object.features) collect(feature, polygons, ignoredTypes);
      return;
    case 'Feature':
      if (object.geometry !== null && object.geometry !== undefined) collect(object.geometry, polygons, ignoredTypes);
      return;
    case 'GeometryCollection':
      if (!Array.isArray(object.geometries)) {
        throw new BoundaryFileError('GeometryCollection has no "geometries" list', { code: 'noGeometriesList' });
      }
      for (const geometry of object.geometries) collect(geometry, polygons, ignoredTypes);
      return;
    case 'Polygon':
      polygons.push(checkPolygon(object.coordinates));
      return;
    case 'MultiPolygon':
      if (!Array.isArray(object.coordinates)) {
        throw new BoundaryFileError('MultiPolygon has no coordinates list', { code: 'noCoordinatesList' });
      }
      for (const polygon of object.coordinates) polygons.push(checkPolygon(polygon));
      return;
    default: {
      const type = typeof object.type === 'string' ? object.type : '(no type)';
      ignoredTypes.set(type, (ignoredTypes.get(type) ?? 0) + 1);
    }
  }
}

function checkPolygon(coordinates: unknown): LonLatPolygon {
  if (!Array.isArray(coordinates) || coordinates.length === 0) {
    throw new BoundaryFileError('a Polygon has no rings', { code: 'noRings' });
  }
  for (const ring of coordinates) {
    if (!Array.isArray(ring) || ring.length < 3) {
      throw new BoundaryFileError('a polygon ring has fewer than 3 positions', { code: 'shortRing' });
    }
    for (const position of ring) checkLonLatPosition(position, 'polygon', 'reproject the boundary to EPSG:4326');
  }
  return coordinates as LonLatPolygon;
}
