import type { Feature, Geometry } from 'geojson';
import { type CrsDefinition, CrsError, resolveCrs } from '../crs/crsDefinitions';
import { createToWgs84, transformCoordinates } from '../crs/transformToWgs84';
import type { InputProblem } from '../model/tower';
import { LayerFileError } from './layerFileError';
import type { LayerParseResult } from './layerParseResult';
import { invalidJsonWorded, parseJsonText } from './parseJsonText';
import { nonFiniteWarning } from './parseTowersGeoJson';
import { cleanGeometry, describeGeometryProblem } from './validateGeometry';

export interface LayerReadOptions {
  /** CRS of the coordinates when the file does not say (a GeoJSON "crs" member or a shapefile .prj does). */
  crs?: CrsDefinition | string;
}

/**
 * Features of GeoJSON text: a FeatureCollection, a single Feature, or a bare geometry (one feature without
 * properties). Each feature is kept (coordinates taken to WGS 84) or rejected with its number and reason; a null
 * geometry is reported as such. Throws LayerFileError for invalid JSON or JSON that is not GeoJSON.
 */
export function parseLayerGeoJson(text: string, options: LayerReadOptions = {}): LayerParseResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const parsed = parseJsonText(body, { nonFiniteAsNull: true });
  if ('error' in parsed) throw new LayerFileError(`invalid JSON: ${parsed.error}`, invalidJsonWorded(parsed));
  const value = parsed.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const found = Array.isArray(value) ? 'list' : value === null ? 'null' : typeof value;
    throw new LayerFileError(`not GeoJSON: the file holds ${found === 'list' ? 'a list' : found}`, {
      code: 'notGeoJson',
      params: { found },
    });
  }
  const object = value as Record<string, unknown>;
  const warnings: InputProblem[] = [];
  if (parsed.nonFinite) warnings.push({ row: 0, ...nonFiniteWarning(parsed.nonFinite) });
  const crs = crsOf(object, options, warnings);
  let items: unknown[];
  if (object.type === 'FeatureCollection') {
    if (!Array.isArray(object.features))
      throw new LayerFileError('FeatureCollection has no "features" list', { code: 'noFeaturesList' });
    items = object.features;
  } else if (object.type === 'Feature') items = [object];
  else if (typeof object.type === 'string' && describeGeometryProblem(object, false) === null) {
    items = [{ type: 'Feature', geometry: object, properties: {} }];
  } else {
    const type = JSON.stringify(object.type ?? null);
    throw new LayerFileError(`not GeoJSON: type ${type} is not a Feature, FeatureCollection or geometry`, {
      code: 'notGeoJsonType',
      params: { type },
    });
  }
  return featuresToLayer(items, crs, warnings);
}

/**
 * A property nested deeper than this is left out with a warning: the attribute table, the copy to the page and
 * IndexedDB all walk it recursively, and a 600 KB file can nest 100,000 levels.
 */
const MAX_PROPERTY_DEPTH = 32;

/** Whether a value holds objects or lists more than `limit` levels down (walked without recursion). */
function nestsDeeperThan(value: unknown, limit: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const stack: [object, number][] = [[value, 1]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [item, depth] = next;
    if (depth > limit) return true;
    for (const child of Object.values(item)) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
  return false;
}

/** Validate (and reproject) GeoJSON-like features; shared by the GeoJSON, KML and shapefile readers. */
export function featuresToLayer(
  items: readonly unknown[],
  crs: CrsDefinition | null,
  warnings: InputProblem[] = [],
): LayerParseResult {
  const features: Feature[] = [];
  const rejected: InputProblem[] = [];
  const toWgs84 = crs && crs.code !== 'EPSG:4326' ? createToWgs84(crs) : null;
  items.forEach((item, index) => {
    const row = index + 1;
    if (typeof item !== 'object' || item === null || (item as { type?: unknown }).type !== 'Feature') {
      const found = describe(item);
      rejected.push({ row, reason: `not a GeoJSON Feature (found ${found})`, code: 'notFeature', params: { found } });
      return;
    }
    const feature = item as Feature & { properties?: unknown };
    const problem = describeGeometryProblem(feature.geometry, toWgs84 === null);
    if (problem) {
      rejected.push({ row, field: 'geometry', reason: problem, ...geometryProblemCode(problem) });
      return;
    }
    let geometry = cleanGeometry(feature.geometry as Geometry);
    if (toWgs84) {
      try {
        geometry = reprojectGeometry(geometry, toWgs84);
      } catch (error) {
        rejected.push({ row, field: 'geometry', reason: `${(error as Error).message} from ${crs?.code}` });
        return;
      }
    }
    let properties =
      typeof feature.properties === 'object' && feature.properties !== null && !Array.isArray(feature.properties)
        ? (feature.properties as Record<string, unknown>)
        : {};
    for (const [key, value] of Object.entries(properties)) {
      if (!nestsDeeperThan(value, MAX_PROPERTY_DEPTH)) continue;
      properties = { ...properties, [key]: null };
      warnings.push({
        row,
        field: key,
        reason: `property "${key}" nests more than ${MAX_PROPERTY_DEPTH} levels deep: left out`,
        code: 'nestedTooDeep',
        params: { property: key, max: MAX_PROPERTY_DEPTH },
      });
    }
    const out: Feature = { type: 'Feature', geometry, properties };
    if (typeof feature.id === 'string' || typeof feature.id === 'number') out.id = feature.id;
    features.push(out);
  });
  return { features, rejected, warnings };
}

export function reprojectGeometry(geometry: Geometry, toWgs84: ReturnType<typeof createToWgs84>): Geometry {
  if (geometry.type === 'GeometryCollection') {
    return { type: 'GeometryCollection', geometries: geometry.geometries.map((g) => reprojectGeometry(g, toWgs84)) };
  }
  return { ...geometry, coordinates: transformCoordinates(geometry.coordinates, toWgs84) } as Geometry;
}

/** The CRS of a GeoJSON object: its legacy "crs" member when it names one we know, else the option, else WGS 84. */
function crsOf(
  object: Record<string, unknown>,
  options: LayerReadOptions,
  warnings: InputProblem[],
): CrsDefinition | null {
  const explicit =
    options.crs === undefined ? null : typeof options.crs === 'string' ? resolveCrs(options.crs) : options.crs;
  const member = object.crs as { properties?: { name?: unknown } } | undefined;
  const name = member?.properties?.name;
  if (typeof name !== 'string') return explicit;
  const code = /EPSG:{1,2}(\d+)$/i.exec(name)?.[1] ?? (/CRS84$/i.test(name) ? '4326' : null);
  if (code === null) {
    warnings.push({
      row: 0,
      reason: `the file names CRS '${name}', which is not understood; coordinates read as ${explicit?.code ?? 'EPSG:4326'}`,
      code: 'crsNotUnderstood',
      params: { name, crs: explicit?.code ?? 'EPSG:4326' },
    });
    return explicit;
  }
  try {
    const declared = resolveCrs(code);
    if (explicit && explicit.code !== declared.code) {
      warnings.push({
        row: 0,
        reason: `the file declares ${declared.code}; used instead of ${explicit.code}`,
        code: 'crsDeclared',
        params: { crs: declared.code, given: explicit.code },
      });
    }
    return declared;
  } catch (error) {
    if (!(error instanceof CrsError)) throw error;
    throw new LayerFileError(`the file's coordinates are in EPSG:${code}, which is not supported (${error.message})`, {
      code: 'crsNotSupported',
      params: { crs: `EPSG:${code}` },
    });
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return `an object of type '${String((value as { type?: unknown }).type)}'`;
  return `a ${typeof value}`;
}

/**
 * A geometry problem's code for the UI's wording (describeGeometryProblem words it in English): no geometry, a position
 * whose coordinates are not numbers, one that is not longitude/latitude degrees, else any other shape problem with
 * the English as its detail.
 */
function geometryProblemCode(problem: string): { code: string; params?: Record<string, string | number> } {
  if (problem === 'feature has no geometry (null)') return { code: 'noGeometry' };
  const notNumbers = /^(?:GeometryCollection member \d+: )?position (.*) has coordinates that are not numbers$/.exec(
    problem,
  );
  if (notNumbers) return { code: 'positionNotNumbers', params: { position: notNumbers[1] } };
  const notDegrees =
    /^(?:GeometryCollection member \d+: )?position (\[.*\]) is not longitude\/latitude( \(metres)?/.exec(problem);
  if (notDegrees)
    return { code: 'positionNotDegrees', params: { position: notDegrees[1], projected: notDegrees[2] ? 1 : 0 } };
  return { code: 'badGeometry', params: { detail: problem } };
}
