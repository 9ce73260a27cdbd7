import { parseJsonText } from '../io/parseJsonText';
import { BoundaryFileError } from './boundaryFileError';
import type { LonLatPolygon } from './lonLatPolygon';
import { parseBoundaryGeoJson } from './parseBoundaryGeoJson';

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
  parseBoundaryGeoJson(text); // validates every polygon, with its messages
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const parsed = parseJsonText(body);
  if ('error' in parsed) throw new BoundaryFileError(`invalid JSON: ${parsed.error}`);
  const root = parsed.value as { type?: unknown; features?: unknown };
  const features = root.type === 'FeatureCollection' && Array.isArray(root.features) ? root.features : [root];
  const byCode = new Map<string, Region>();
  features.forEach((feature, index) => {
    if (!isObject(feature) || feature.type !== 'Feature') return;
    const polygons: LonLatPolygon[] = [];
    collectPolygons(feature.geometry, polygons);
    if (polygons.length === 0) return;
    const properties = isObject(feature.properties) ? feature.properties : {};
    const fallback =
      typeof feature.id === 'string' || typeof feature.id === 'number' ? String(feature.id) : `#${index + 1}`;
    const code = readProperty(properties, CODE_KEYS) ?? fallback;
    const name = readProperty(properties, NAME_KEYS) ?? code;
    const region = byCode.get(code);
    if (region) region.polygons.push(...polygons);
    else byCode.set(code, { code, name, polygons });
  });
  if (byCode.size === 0) throw new BoundaryFileError('no Feature with a Polygon or MultiPolygon in the boundary file');
  return [...byCode.values()];
}

function collectPolygons(geometry: unknown, polygons: LonLatPolygon[]): void {
  if (!isObject(geometry)) return;
  if (geometry.type === 'Polygon') polygons.push(geometry.coordinates as LonLatPolygon);
  else if (geometry.type === 'MultiPolygon') polygons.push(...(geometry.coordinates as LonLatPolygon[]));
  else if (geometry.type === 'GeometryCollection' && Array.isArray(geometry.geometries)) {
    for (const part of geometry.geometries) collectPolygons(part, polygons);
  }
}

function readProperty(properties: Record<string, unknown>, keys: readonly string[]): string | undefined {
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
