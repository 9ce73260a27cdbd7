import { parseJsonText } from '../io/parseJsonText';
import { BoundaryFileError } from './boundaryFileError';
import type { LonLatPolygon } from './lonLatPolygon';
import { parseBoundaryGeoJson } from './parseBoundaryGeoJson';

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
  parseBoundaryGeoJson(text);
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const parsed = parseJsonText(body);
  if ('error' in parsed) throw new BoundaryFileError(`invalid JSON: ${parsed.error}`);
  const root = parsed.value as { type?: unknown; features?: unknown };
  const features = root.type === 'FeatureCollection' && Array.isArray(root.features) ? root.features : [root];
  const keys = nameProperty ? [nameProperty.toLowerCase()] : NAME_KEYS;
  const areas: NamedArea[] = [];
  features.forEach((feature, index) => {
    if (!isObject(feature) || feature.type !== 'Feature') return;
    const polygons: LonLatPolygon[] = [];
    collectPolygons(feature.geometry, polygons);
    if (polygons.length === 0) return;
    const properties = isObject(feature.properties) ? feature.properties : {};
    areas.push({ name: readName(properties, keys) ?? `#${index + 1}`, polygons });
  });
  if (areas.length === 0) throw new BoundaryFileError('no Feature with a Polygon or MultiPolygon in the areas file');
  return areas;
}

function collectPolygons(geometry: unknown, polygons: LonLatPolygon[]): void {
  if (!isObject(geometry)) return;
  if (geometry.type === 'Polygon') polygons.push(geometry.coordinates as LonLatPolygon);
  else if (geometry.type === 'MultiPolygon') polygons.push(...(geometry.coordinates as LonLatPolygon[]));
  else if (geometry.type === 'GeometryCollection' && Array.isArray(geometry.geometries)) {
    for (const part of geometry.geometries) collectPolygons(part, polygons);
  }
}

function readName(properties: Record<string, unknown>, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const found = Object.keys(properties).find((name) => name.toLowerCase() === key);
    const value = found === undefined ? undefined : properties[found];
    if ((typeof value === 'string' && value.trim() !== '') || typeof value === 'number') {
      return String(value).trim().normalize('NFC');
    }
  }
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
