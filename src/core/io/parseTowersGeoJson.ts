import type { InputProblem, Tower } from '../model/tower';
import { buildTower, type OperatorCrossCheck, type RawTowerValues } from './buildTower';
import { parseJsonText } from './parseJsonText';
import { resolveTowerColumns } from './resolveTowerColumns';
import { normalizeColumnName, type TowerField } from './towerFields';
import { TowerFileError } from './towerFileError';
import type { TowerParseResult } from './towerParseResult';

/**
 * Read towers from GeoJSON text: a FeatureCollection or a single Feature of Points (lon, lat).
 * Properties are matched like CSV columns (`id`, `site_id`, `name`, `operator`, `height_m`, ...); the Feature's own
 * `id` member is used when no id property is present. `row` is the 1-based feature number.
 * Throws TowerFileError for invalid JSON or JSON that is not a Feature or FeatureCollection.
 */
export function parseTowersGeoJson(text: string): TowerParseResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const parsed = parseJsonText(body);
  if ('error' in parsed) throw new TowerFileError(`invalid JSON: ${parsed.error}`);
  const features = featuresOf(parsed.value);

  const towers: Tower[] = [];
  const rejected: InputProblem[] = [];
  const warnings: InputProblem[] = [];
  const acceptedRowById = new Map<string, number>();
  features.forEach((feature, index) => {
    const row = index + 1;
    const geometryProblem = describeGeometryProblem(feature);
    if (geometryProblem) {
      rejected.push({ row, field: geometryProblem.field, reason: geometryProblem.reason });
      return;
    }
    const { values, operatorCrossChecks } = rawValues(feature as PointFeature);
    const outcome = buildTower(values, { decimalComma: true, acceptedRowById }, operatorCrossChecks);
    if (outcome.tower) {
      towers.push(outcome.tower);
      acceptedRowById.set(outcome.tower.id, row);
      for (const warning of outcome.warnings) warnings.push({ row, ...warning });
    } else {
      rejected.push({
        row,
        field: outcome.problems[0].field,
        reason: outcome.problems.map((p) => p.reason).join('; '),
      });
    }
  });
  return { towers, rejected, warnings };
}

interface PointFeature {
  id?: unknown;
  properties?: Record<string, unknown> | null;
  geometry: { type: 'Point'; coordinates: unknown[] };
}

function featuresOf(value: unknown): unknown[] {
  if (!isObject(value)) throw new TowerFileError(`not GeoJSON: the file holds ${describeJson(value)}, not an object`);
  if (value.type === 'FeatureCollection') {
    if (!Array.isArray(value.features)) throw new TowerFileError('FeatureCollection has no "features" list');
    return value.features;
  }
  if (value.type === 'Feature') return [value];
  const type = typeof value.type === 'string' ? `'${value.type}'` : 'no type';
  throw new TowerFileError(`GeoJSON with ${type} is not a Feature or FeatureCollection of tower points`);
}

function describeGeometryProblem(feature: unknown): { field?: TowerField; reason: string } | null {
  if (!isObject(feature) || feature.type !== 'Feature') {
    return { reason: `not a GeoJSON Feature (found ${describeJson(feature)})` };
  }
  const geometry = feature.geometry;
  if (geometry === null || geometry === undefined) return { reason: 'feature has no geometry (null)' };
  if (!isObject(geometry)) return { reason: `feature geometry is ${describeJson(geometry)}, not a Point` };
  if (geometry.type !== 'Point') {
    return { reason: `feature geometry is a ${String(geometry.type)}, not a Point` };
  }
  const coordinates = geometry.coordinates;
  if (!Array.isArray(coordinates) || coordinates.length < 2) {
    return { field: 'lon', reason: 'Point has no [lon, lat] coordinates' };
  }
  if (typeof coordinates[0] !== 'number' || typeof coordinates[1] !== 'number') {
    return { field: 'lon', reason: `Point coordinates must be numbers, found ${JSON.stringify(coordinates)}` };
  }
  return null;
}

/** Property names that are ids by name; others (`name`, `site`, `ten_tram`) give way to the Feature's `id`. */
const EXPLICIT_ID_NAMES = ['id', 'site_id', 'siteid', 'site_code', 'ma_tram'];

function rawValues(feature: PointFeature): { values: RawTowerValues; operatorCrossChecks: OperatorCrossCheck[] } {
  const properties = isObject(feature.properties) ? feature.properties : {};
  const keys = Object.keys(properties);
  const columns = resolveTowerColumns(keys);
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
