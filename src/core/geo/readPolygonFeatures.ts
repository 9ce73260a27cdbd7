import { invalidJsonWorded, parseJsonText } from '../io/parseJsonText';
import { normalizeText } from '../util/normalizeText';
import { BoundaryFileError } from './boundaryFileError';
import type { LonLatPolygon } from './lonLatPolygon';
import { parseBoundaryGeoJson } from './parseBoundaryGeoJson';

/** A Feature of a polygon file that holds at least one polygon: its position, id, properties and polygons. */
export interface PolygonFeature {
  /** 0-based position in the file. */
  index: number;
  id: string | number | undefined;
  properties: Record<string, unknown>;
  polygons: LonLatPolygon[];
}

/**
 * The Features with polygons of a GeoJSON text (a FeatureCollection or a single Feature; GeometryCollections opened),
 * in file order. Every polygon is first checked as parseBoundaryGeoJson does, and its BoundaryFileError thrown.
 */
export function readPolygonFeatures(text: string): PolygonFeature[] {
  parseBoundaryGeoJson(text);
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const parsed = parseJsonText(body);
  if ('error' in parsed) {
    throw new BoundaryFileError(`invalid JSON: ${parsed.error}`, invalidJsonWorded(parsed));
  }
  const root = parsed.value as { type?: unknown; features?: unknown };
  const features = root.type === 'FeatureCollection' && Array.isArray(root.features) ? root.features : [root];
  const result: PolygonFeature[] = [];
  features.forEach((feature, index) => {
    if (!isObject(feature) || feature.type !== 'Feature') return;
    const polygons: LonLatPolygon[] = [];
    collectPolygons(feature.geometry, polygons);
    if (polygons.length === 0) return;
    const id = typeof feature.id === 'string' || typeof feature.id === 'number' ? feature.id : undefined;
    result.push({ index, id, properties: isObject(feature.properties) ? feature.properties : {}, polygons });
  });
  return result;
}

/** The first non-empty text or number among `keys` (property names compared without case), trimmed and NFC. */
export function readFirstProperty(properties: Record<string, unknown>, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const found = Object.keys(properties).find((name) => name.toLowerCase() === key);
    const value = found === undefined ? undefined : properties[found];
    if ((typeof value === 'string' && value.trim() !== '') || typeof value === 'number') {
      return normalizeText(String(value).trim(), 'NFC');
    }
  }
  return undefined;
}

function collectPolygons(geometry: unknown, polygons: LonLatPolygon[]): void {
  if (!isObject(geometry)) return;
  if (geometry.type === 'Polygon') polygons.push(geometry.coordinates as LonLatPolygon);
  else if (geometry.type === 'MultiPolygon') polygons.push(...(geometry.coordinates as LonLatPolygon[]));
  else if (geometry.type === 'GeometryCollection' && Array.isArray(geometry.geometries)) {
    for (const part of geometry.geometries) collectPolygons(part, polygons);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
