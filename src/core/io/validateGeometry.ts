import type { Geometry } from 'geojson';

const POSITION_COUNTS: Record<string, number> = {
  Point: 0,
  MultiPoint: 1,
  LineString: 1,
  MultiLineString: 2,
  Polygon: 2,
  MultiPolygon: 3,
};

/** GeometryCollections nested deeper than this are refused (the specification advises against nesting them at all). */
const MAX_COLLECTION_DEPTH = 16;
const DEEP_COLLECTIONS = `GeometryCollections nested more than ${MAX_COLLECTION_DEPTH} deep`;

/**
 * Why a value is not a usable GeoJSON geometry, or null when it is one. `degrees` also checks that every position is a
 * longitude/latitude (|lon| <= 180, |lat| <= 90). Lines need 2 positions, polygon rings 4. A hostile nesting (a
 * "position" of 100,000 nested lists, collections in collections) is described, never recursed into without end.
 */
export function describeGeometryProblem(geometry: unknown, degrees: boolean, collectionDepth = 0): string | null {
  if (geometry === null || geometry === undefined) return 'feature has no geometry (null)';
  if (typeof geometry !== 'object' || Array.isArray(geometry)) return `geometry is ${typeof geometry}, not an object`;
  const { type, coordinates, geometries } = geometry as { type?: unknown; coordinates?: unknown; geometries?: unknown };
  if (type === 'GeometryCollection') {
    if (!Array.isArray(geometries)) return 'GeometryCollection has no "geometries" list';
    if (collectionDepth >= MAX_COLLECTION_DEPTH) return DEEP_COLLECTIONS;
    for (const [index, child] of geometries.entries()) {
      const problem = describeGeometryProblem(child, degrees, collectionDepth + 1);
      if (problem === DEEP_COLLECTIONS) return problem;
      if (problem) return `GeometryCollection member ${index + 1}: ${problem}`;
    }
    return null;
  }
  if (typeof type !== 'string' || !(type in POSITION_COUNTS)) return `unknown geometry type ${JSON.stringify(type)}`;
  return describeNesting(coordinates, POSITION_COUNTS[type], type, degrees);
}

function describeNesting(value: unknown, depth: number, type: string, degrees: boolean): string | null {
  if (depth === 0) return describePosition(value, degrees);
  if (!Array.isArray(value)) return `${type} coordinates are not nested lists`;
  const minimum = minimumLength(type, depth);
  if (value.length < minimum) {
    return `${type} has ${value.length === 0 ? 'no' : 'too few'} positions (${value.length}, at least ${minimum})`;
  }
  for (const child of value) {
    const problem = describeNesting(child, depth - 1, type, degrees);
    if (problem) return problem;
  }
  return null;
}

function minimumLength(type: string, depth: number): number {
  if (depth !== 1) return type.startsWith('Multi') || depth > 2 ? 0 : 1;
  if (type === 'LineString' || type === 'MultiLineString') return 2;
  if (type === 'Polygon' || type === 'MultiPolygon') return 4;
  return 0;
}

function describePosition(value: unknown, degrees: boolean): string | null {
  if (!Array.isArray(value) || value.length < 2) return `position ${preview(value)} is not [x, y]`;
  const [x, y] = value;
  // Every element (x, y and any height or measure after them) a finite number: nothing else is kept in a position.
  if (!value.every((element) => typeof element === 'number' && Number.isFinite(element))) {
    return `position ${preview(value)} has coordinates that are not numbers`;
  }
  if (degrees && (Math.abs(x) > 180 || Math.abs(y) > 90)) {
    const hint = Math.abs(x) > 1000 || Math.abs(y) > 1000 ? ' (metres of a projected CRS? give the CRS)' : '';
    return `position [${x}, ${y}] is not longitude/latitude${hint}`;
  }
  return null;
}

/** A value as JSON, cut to 60 characters; a value too deep to write is named as such. */
function preview(value: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    return Array.isArray(value) ? '[…] (nested too deeply to show)' : '{…} (nested too deeply to show)';
  }
  if (text === undefined) return String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * A valid geometry (describeGeometryProblem gave null) rebuilt from its type and coordinates (or members) alone:
 * foreign members (GeoJSON section 6.1) are left behind, so nothing a file nests beside them travels further.
 */
export function cleanGeometry(geometry: Geometry): Geometry {
  if (geometry.type === 'GeometryCollection') {
    return { type: 'GeometryCollection', geometries: geometry.geometries.map(cleanGeometry) };
  }
  return { type: geometry.type, coordinates: geometry.coordinates } as Geometry;
}

export function isGeometry(value: unknown): value is Geometry {
  return describeGeometryProblem(value, false) === null;
}
