import { type CrsDefinition, CrsError, resolveCrs } from '../crs/crsDefinitions';
import { detectCoordinateProblems, type RawCoordinate } from '../crs/detectCoordinateProblems';
import { createToWgs84 } from '../crs/transformToWgs84';
import type { WordedMessage } from '../model/wordedMessage';
import { applyColumnMapping, type ColumnMapping } from './applyColumnMapping';
import { buildTower, type OperatorCrossCheck, type RawTowerValues } from './buildTower';
import { invalidJsonWorded, parseJsonText } from './parseJsonText';
import { TowerCollector } from './towerCollector';
import { normalizeColumnName, type TowerField } from './towerFields';
import { TowerFileError } from './towerFileError';
import type { TowerParseResult } from './towerParseResult';
import type { TowerReadOptions } from './towerReadOptions';

/**
 * Read towers from GeoJSON text: a FeatureCollection or a single Feature of Points (lon, lat).
 * Properties are matched like CSV columns (`id`, `site_id`, `name`, `operator`, `height_m`, ...); the Feature's own
 * `id` member is used when no id property is present. `row` is the 1-based feature number.
 * Throws TowerFileError for invalid JSON or JSON that is not a Feature or FeatureCollection.
 */
export function parseTowersGeoJson(text: string, options: TowerReadOptions = {}): TowerParseResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const parsed = parseJsonText(body, { nonFiniteAsNull: true });
  if ('error' in parsed) throw new TowerFileError(`invalid JSON: ${parsed.error}`, invalidJsonWorded(parsed));
  const features = featuresOf(parsed.value);
  const declared = declaredCrs(parsed.value);
  const result = towersFromFeatures(features, { ...options, crs: declared ?? options.crs });
  if (parsed.nonFinite) result.warnings.unshift({ row: 0, ...nonFiniteWarning(parsed.nonFinite) });
  return result;
}

/** The file-level note when bare NaN/Infinity values were read as null (JSON has no such numbers). */
export function nonFiniteWarning(count: number): WordedMessage {
  return {
    reason: `the file holds ${count} NaN or Infinity value(s), which JSON does not allow: read as empty (their features are rejected when they are coordinates)`,
    code: 'nonFinite',
    params: { count },
  };
}

/**
 * Towers from GeoJSON-like Point features (GeoJSON, KML and shapefile readers share this). Coordinates come from the
 * geometry, in `options.crs` (WGS 84 when absent); attributes from properties, matched like CSV columns or as
 * `options.columns` maps them. `row` is the 1-based feature number.
 */
export function towersFromFeatures(features: readonly unknown[], options: TowerReadOptions = {}): TowerParseResult {
  const crs: CrsDefinition =
    options.crs === undefined
      ? resolveCrs('EPSG:4326')
      : typeof options.crs === 'string'
        ? resolveCrs(options.crs)
        : options.crs;
  const toLonLat = crs.code === 'EPSG:4326' ? undefined : createToWgs84(crs);
  const collector = new TowerCollector(undefined, options.keepStationRows);
  const coordinates: RawCoordinate[] = [];
  features.forEach((feature, index) => {
    const row = index + 1;
    const geometryProblem = describeGeometryProblem(feature);
    if (geometryProblem) {
      const { reason, field, code, params } = geometryProblem;
      collector.reject(row, undefined, reason, field, undefined, code, params);
      return;
    }
    const { values, operatorCrossChecks } = rawValues(feature as PointFeature, options.columns);
    coordinates.push({ row, x: values.lon as number, y: values.lat as number });
    const outcome = buildTower(
      values,
      {
        decimalComma: true,
        toLonLat,
        crsName: crs.code,
        keepOutsideVietnam: options.keepOutsideVietnam,
        mastTypeValues: options.valueMapping?.mast_type,
        operatorValues: options.valueMapping?.operator,
        defaultOperator: options.ownOperator,
      },
      operatorCrossChecks,
    );
    collector.add(outcome, values, row);
  });
  const result = collector.result();
  const report = detectCoordinateProblems(coordinates, {
    crs,
    areaPolygons: options.areaPolygons,
    areaName: options.areaName,
  });
  if (report.messages.length > 0) result.coordinateReport = report;
  return result;
}

/** The CRS a legacy GeoJSON "crs" member names ("urn:ogc:def:crs:EPSG::3405"), when it names one. */
function declaredCrs(value: unknown): CrsDefinition | undefined {
  const name = (value as { crs?: { properties?: { name?: unknown } } })?.crs?.properties?.name;
  if (typeof name !== 'string') return undefined;
  if (/CRS84$/i.test(name)) return resolveCrs('EPSG:4326');
  const code = /EPSG:{1,2}(\d+)$/i.exec(name)?.[1];
  if (!code) {
    throw new TowerFileError(`the file names CRS '${name}', which is not understood`, {
      code: 'crsNameUnknown',
      params: { name },
    });
  }
  try {
    return resolveCrs(code);
  } catch (error) {
    if (error instanceof CrsError) {
      throw new TowerFileError(`the file's coordinates are in ${error.message}`, {
        code: 'fileRefused',
        params: { kind: 'crs', detail: error.message },
      });
    }
    throw error;
  }
}

interface PointFeature {
  id?: unknown;
  properties?: Record<string, unknown> | null;
  geometry: { type: 'Point'; coordinates: unknown[] };
}

function featuresOf(value: unknown): unknown[] {
  if (!isObject(value)) {
    const found = value === null ? 'null' : Array.isArray(value) ? 'list' : typeof value;
    throw new TowerFileError(`not GeoJSON: the file holds ${describeJson(value)}, not an object`, {
      code: 'notGeoJson',
      params: { found },
    });
  }
  if (value.type === 'FeatureCollection') {
    if (!Array.isArray(value.features)) {
      throw new TowerFileError('FeatureCollection has no "features" list', { code: 'noFeaturesList' });
    }
    return value.features;
  }
  if (value.type === 'Feature') return [value];
  const type = typeof value.type === 'string' ? `'${value.type}'` : 'no type';
  throw new TowerFileError(`GeoJSON with ${type} is not a Feature or FeatureCollection of tower points`, {
    code: 'notTowerGeoJson',
    params: typeof value.type === 'string' ? { type: value.type } : {},
  });
}

/** Why a feature is not a tower point (worded: `notFeature`, `noGeometry`, `notPoint`, `noCoordinates`). */
function describeGeometryProblem(feature: unknown): ({ field?: TowerField } & WordedMessage) | null {
  if (!isObject(feature) || feature.type !== 'Feature') {
    const found = describeJson(feature);
    return { reason: `not a GeoJSON Feature (found ${found})`, code: 'notFeature', params: { found } };
  }
  const geometry = feature.geometry;
  if (geometry === null || geometry === undefined) {
    return { reason: 'feature has no geometry (null)', code: 'noGeometry' };
  }
  if (!isObject(geometry)) {
    const found = describeJson(geometry);
    return { reason: `feature geometry is ${found}, not a Point`, code: 'notPoint', params: { found } };
  }
  if (geometry.type !== 'Point') {
    const type = String(geometry.type);
    return {
      reason: `feature geometry is a ${type}, not a Point`,
      code: 'notPoint',
      params: { found: `a ${type}`, type },
    };
  }
  const coordinates = geometry.coordinates;
  if (!Array.isArray(coordinates) || coordinates.length < 2) {
    return { field: 'lon', reason: 'Point has no [lon, lat] coordinates', code: 'noCoordinates' };
  }
  if (typeof coordinates[0] !== 'number' || typeof coordinates[1] !== 'number') {
    const found = JSON.stringify(coordinates).slice(0, 80);
    return {
      field: 'lon',
      reason: `Point coordinates must be numbers, found ${JSON.stringify(coordinates)}`,
      code: 'noCoordinates',
      params: { found },
    };
  }
  return null;
}

/** Property names that are ids by name; others (`name`, `site`, `ten_tram`) give way to the Feature's `id`. */
const EXPLICIT_ID_NAMES = ['id', 'site_id', 'siteid', 'site_code', 'ma_tram'];

function rawValues(
  feature: PointFeature,
  mapping: ColumnMapping | undefined,
): { values: RawTowerValues; operatorCrossChecks: OperatorCrossCheck[] } {
  const properties = isObject(feature.properties) ? feature.properties : {};
  const keys = Object.keys(properties);
  // Coordinates come from the geometry: a mapping of lon/lat to properties does not apply here.
  // Properties vary from feature to feature: mapped names this feature lacks are left out, not errors.
  const { lon: _lon, lat: _lat, ...attributeMapping } = mapping ?? {};
  const normalizedKeys = keys.map(normalizeColumnName);
  const present = Object.fromEntries(
    Object.entries(attributeMapping).filter(
      ([, target]) =>
        typeof target !== 'string' || keys.includes(target) || normalizedKeys.includes(normalizeColumnName(target)),
    ),
  ) as ColumnMapping;
  const columns = applyColumnMapping(keys, present);
  const values: RawTowerValues = {};
  for (const [field, index] of Object.entries(columns.indexByField) as [TowerField, number][]) {
    values[field] = properties[keys[index]];
  }
  // A name-like property ("name", "site") loses to the Feature's own id member, which is an id by definition.
  const idKey = columns.indexByField.id === undefined ? undefined : keys[columns.indexByField.id];
  const idIsExplicit = idKey !== undefined && EXPLICIT_ID_NAMES.includes(normalizeColumnName(idKey));
  if (!idIsExplicit && (typeof feature.id === 'string' || typeof feature.id === 'number')) values.id = feature.id;
  // Coordinates come from the geometry, never from properties.
  values.lon = feature.geometry.coordinates[0];
  values.lat = feature.geometry.coordinates[1];
  const operatorCrossChecks = (columns.alternateIndicesByField.operator ?? []).map((index) => ({
    column: keys[index],
    value: properties[keys[index]],
  }));
  return { values, operatorCrossChecks };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return `an object of type '${String((value as { type?: unknown }).type)}'`;
  return `a ${typeof value}`;
}
