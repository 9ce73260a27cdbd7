import type { PointTransform } from '../crs/transformToWgs84';
import { OPERATORS } from '../model/operators';
import { MAST_TYPES, type MastType, type Tower } from '../model/tower';
import { parseDecimal } from './parseDecimal';
import { readRadioTechnology } from './readRadioTechnology';
import { resolveOperatorName } from './resolveOperatorName';
import type { TowerField } from './towerFields';

/** One record's raw values as found in the file: strings from CSV, any JSON value from GeoJSON properties. */
export type RawTowerValues = Partial<Record<TowerField, unknown>>;

/** A second column naming the operator (`mcc_mnc` beside `operator`): checked against the first, never used instead. */
export interface OperatorCrossCheck {
  column: string;
  value: unknown;
}

export interface FieldProblem {
  field: TowerField;
  reason: string;
}

export interface BuildTowerOptions {
  /** Whether "16,0544" is a number here (false in comma-separated files, where it cannot be one). */
  decimalComma: boolean;
  /** Ids accepted so far with their record numbers; a repeated id is rejected. Not modified here. */
  acceptedRowById: ReadonlyMap<string, number>;
  /**
   * When the coordinates are in a projected (or non-WGS 84) CRS: the lon field holds eastings, the lat field northings,
   * and this takes them to WGS 84. Absent: they are WGS 84 degrees.
   */
  toLonLat?: PointTransform;
  /** Name of that CRS in messages. */
  crsName?: string;
  /**
   * Shares equal lists (tenants, azimuths, tilts, bands) between the towers of one file: a million-row table repeats a
   * few dozen of them. Shared lists are frozen; absent: every tower gets its own arrays.
   */
  lists?: ListInterner;
}

/** Equal lists as one frozen array, up to a bound (a file with ever-new lists stops sharing). */
export class ListInterner {
  private readonly lists = new Map<string, readonly unknown[]>();
  intern<T extends string | number>(list: T[]): T[] {
    if (list.length === 0) return list;
    const key = list.join('\u0001');
    const known = this.lists.get(key);
    if (known) return known as T[];
    if (this.lists.size >= 4096) return list;
    this.lists.set(key, Object.freeze(list));
    return list;
  }
}

export interface BuildTowerOutcome {
  /** The tower, or null when `problems` is not empty. */
  tower: Tower | null;
  /** Why the record cannot be used, in field order; empty when accepted. */
  problems: FieldProblem[];
  /** Accepted with a remark: unknown operator or tenant spellings kept as written. */
  warnings: FieldProblem[];
}

const KNOWN_OPERATOR_NAMES = OPERATORS.map((operator) => operator.name).join(', ');

/** Check one record's values and build the Tower, collecting every problem rather than stopping at the first. */
export function buildTower(
  values: RawTowerValues,
  options: BuildTowerOptions,
  operatorCrossChecks: readonly OperatorCrossCheck[] = [],
): BuildTowerOutcome {
  const problems: FieldProblem[] = [];
  const warnings: FieldProblem[] = [];
  const fail = (field: TowerField, reason: string) => {
    problems.push({ field, reason });
  };

  const id = readText(values.id, 'id', fail);
  if (id === '') fail('id', 'id is empty');
  else if (id !== null && options.acceptedRowById.has(id)) {
    fail('id', `id '${id}' duplicates the tower accepted at row ${options.acceptedRowById.get(id)}`);
  }

  const operatorText = readText(values.operator, 'operator', fail);
  let operator: string | null = null;
  if (operatorText === '') fail('operator', 'operator is empty');
  else if (operatorText !== null) {
    const resolved = resolveOperatorName(operatorText);
    operator = resolved.name;
    if (!resolved.known) {
      warnings.push({
        field: 'operator',
        reason: `unknown operator '${resolved.name}', kept as written (known: ${KNOWN_OPERATOR_NAMES})`,
      });
    }
    for (const check of operatorCrossChecks) {
      if (typeof check.value !== 'string' && typeof check.value !== 'number') continue;
      const other = resolveOperatorName(String(check.value));
      if (resolved.known && other.known && other.name !== resolved.name) {
        warnings.push({
          field: 'operator',
          reason: `operator '${operatorText}' (${resolved.name}) disagrees with ${check.column} '${String(check.value).trim()}' (${other.name})`,
        });
      }
    }
  }

  let lon: number | null;
  let lat: number | null;
  if (options.toLonLat) {
    [lon, lat] = readProjected(values, options.toLonLat, options.crsName ?? 'the CRS', options.decimalComma, fail);
  } else {
    lon = readCoordinate(values.lon, 'lon', 180, options.decimalComma, fail);
    lat = readCoordinate(values.lat, 'lat', 90, options.decimalComma, fail);
    if (lat === null && lon !== null) addSwapHint(problems, values.lat, lon, options.decimalComma);
  }
  const heightM = readOptionalNonNegative(values.height_m, 'height_m', options.decimalComma, fail);
  const radiusM = readOptionalNonNegative(values.radius_m, 'radius_m', options.decimalComma, fail);
  const mastType = readMastType(values.mast_type, fail);
  const azimuthsDeg = readAngleList(values.azimuth_deg, 'azimuth_deg', 0, 360, options.decimalComma, fail);
  const tiltsDeg = readAngleList(values.tilt_deg, 'tilt_deg', -90, 90, options.decimalComma, fail);
  const bands = readBandList(values.band);

  const tenants: string[] = operator === null ? [] : [operator];
  for (const spelling of readTenantList(values.tenants, fail)) {
    const resolved = resolveOperatorName(spelling);
    // The owner's own unknown spelling has been reported once already, as the operator.
    if (!resolved.known && resolved.name !== operator) {
      warnings.push({ field: 'tenants', reason: `unknown tenant '${resolved.name}', kept as written` });
    }
    if (!tenants.includes(resolved.name)) tenants.push(resolved.name);
  }
  const technology = readRadioTechnology(values, tenants, options.decimalComma, fail, (field, reason) => {
    warnings.push({ field, reason });
  });

  if (problems.length > 0 || id === null || operator === null || lon === null || lat === null) {
    return { tower: null, problems, warnings: [] };
  }
  const share = <T extends string | number>(list: T[]) => options.lists?.intern(list) ?? list;
  const tower: Tower = { id, operator, lon, lat, heightM, radiusM, mastType, tenants: share(tenants) };
  // Only when the file has them: records from files without these columns keep their old shape.
  if (azimuthsDeg.length > 0) tower.azimuthsDeg = share(azimuthsDeg);
  if (tiltsDeg.length > 0) tower.tiltsDeg = share(tiltsDeg);
  if (bands.length > 0) tower.bands = share(bands);
  Object.assign(tower, technology);
  return { tower, problems, warnings };
}

type Fail = (field: TowerField, reason: string) => void;

/** Trimmed text of an identifier-like value; '' when absent; null (with a problem) for objects and booleans. */
function readText(value: unknown, field: TowerField, fail: Fail): string | null {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  fail(field, `${field} must be text or a number, found ${describe(value)}`);
  return null;
}

/** A number from a JSON number or a decimal string; undefined when absent or blank; null when unreadable. */
function readNumber(value: unknown, field: TowerField, decimalComma: boolean, fail: Fail): number | null | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return value;
    fail(field, `${field} is not a finite number`);
    return null;
  }
  if (typeof value !== 'string') {
    fail(field, `${field} is not a number: found ${describe(value)}`);
    return null;
  }
  if (value.trim() === '') return undefined;
  const parsed = parseDecimal(value, decimalComma);
  if (parsed === null) {
    const hint =
      !decimalComma && /^\s*[+-]?\d+,\d+\s*$/.test(value)
        ? ' (a decimal comma is only read in files separated by ; or tab)'
        : '';
    fail(field, `${field} is not a number: '${value.trim()}'${hint}`);
  }
  return parsed;
}

function readCoordinate(
  value: unknown,
  field: 'lon' | 'lat',
  limit: number,
  decimalComma: boolean,
  fail: Fail,
): number | null {
  const parsed = readNumber(value, field, decimalComma, fail);
  if (parsed === undefined) {
    fail(field, `${field} is empty`);
    return null;
  }
  if (parsed === null) return null;
  if (parsed < -limit || parsed > limit) {
    const hint =
      Math.abs(parsed) > 1000 ? ' (metres of a projected CRS such as VN-2000? give the CRS, e.g. vn2000:107.75)' : '';
    fail(field, `${field} ${parsed} is outside [-${limit}, ${limit}]${hint}`);
    return null;
  }
  return parsed;
}

/** Easting (lon field) and northing (lat field) in a projected CRS, taken to WGS 84 degrees. */
function readProjected(
  values: RawTowerValues,
  toLonLat: PointTransform,
  crsName: string,
  decimalComma: boolean,
  fail: Fail,
): [number | null, number | null] {
  const easting = readNumber(values.lon, 'lon', decimalComma, fail);
  const northing = readNumber(values.lat, 'lat', decimalComma, fail);
  if (easting === undefined) fail('lon', 'lon (easting) is empty');
  if (northing === undefined) fail('lat', 'lat (northing) is empty');
  if (typeof easting !== 'number' || typeof northing !== 'number') return [null, null];
  const lonLat = toLonLat(easting, northing);
  if (lonLat === null || Math.abs(lonLat[0]) > 180) {
    fail('lon', `easting ${easting}, northing ${northing} is not a position in ${crsName}`);
    return [null, null];
  }
  return lonLat;
}

/** Vietnamese files sometimes swap the columns: lat 105.8 with lon 21.0. Say so instead of only "out of range". */
function addSwapHint(problems: FieldProblem[], latValue: unknown, lon: number, decimalComma: boolean): void {
  const lat = typeof latValue === 'number' ? latValue : parseDecimal(String(latValue ?? ''), decimalComma);
  const problem = problems.find((p) => p.field === 'lat');
  if (problem && lat !== null && Math.abs(lat) <= 180 && Math.abs(lon) <= 90) {
    problem.reason += ' (are lon and lat swapped?)';
  }
}

function readOptionalNonNegative(
  value: unknown,
  field: 'height_m' | 'radius_m',
  decimalComma: boolean,
  fail: Fail,
): number | null {
  const parsed = readNumber(value, field, decimalComma, fail);
  if (parsed === undefined || parsed === null) return null;
  if (parsed < 0) {
    fail(field, `${field} is negative: ${parsed}`);
    return null;
  }
  return parsed;
}

function readMastType(value: unknown, fail: Fail): MastType | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') {
    fail('mast_type', `mast_type must be one of ${MAST_TYPES.join(', ')}, found ${describe(value)}`);
    return null;
  }
  const trimmed = value.trim();
  if (trimmed === '') return null;
  const mastType = MAST_TYPES.find((type) => type.toLowerCase() === trimmed.toLowerCase());
  if (!mastType) fail('mast_type', `mast_type '${trimmed}' is not one of ${MAST_TYPES.join(', ')}`);
  return mastType ?? null;
}

/** Angles from a number, a JSON array or a text list ("0/120/240", "0;120;240"); each within [min, max]. */
function readAngleList(
  value: unknown,
  field: 'azimuth_deg' | 'tilt_deg',
  min: number,
  max: number,
  decimalComma: boolean,
  fail: Fail,
): number[] {
  if (value === undefined || value === null) return [];
  let items: unknown[];
  if (typeof value === 'number') items = [value];
  else if (Array.isArray(value)) items = value;
  else if (typeof value === 'string') {
    // A comma separates the list only where it cannot be a decimal comma.
    items = value.split(decimalComma ? /[/;|\s]+/ : /[/;|,\s]+/).filter((item) => item.trim() !== '');
  } else {
    fail(field, `${field} must be a number or a list of numbers, found ${describe(value)}`);
    return [];
  }
  const angles: number[] = [];
  for (const item of items) {
    const angle = typeof item === 'number' ? item : parseDecimal(String(item), decimalComma);
    if (angle === null || !Number.isFinite(angle)) {
      fail(field, `${field} is not a number or list of numbers: '${String(value).trim()}'`);
      return [];
    }
    if (angle < min || angle > max) {
      fail(field, `${field} ${angle} is outside [${min}, ${max}]`);
      return [];
    }
    angles.push(angle);
  }
  return angles;
}

/** Band labels from a number, a JSON array or a text list ("1800/2100", "B3;n78"), trimmed, as written. */
function readBandList(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) ? value.map(String) : String(value).split(/[/;|,]/);
  return items.map((item) => item.trim()).filter((item) => item !== '');
}

/** Tenant spellings from a JSON array or a text list separated by ';', '|' or ','. */
function readTenantList(value: unknown, fail: Fail): string[] {
  if (value === undefined || value === null) return [];
  const items = typeof value === 'string' ? value.split(/[;|,]/) : Array.isArray(value) ? value : null;
  if (items === null || items.some((item) => typeof item !== 'string' && typeof item !== 'number')) {
    fail('tenants', `tenants must be a list of operator names, found ${describe(value)}`);
    return [];
  }
  return (items as (string | number)[]).map((item) => String(item).trim()).filter((item) => item !== '');
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${JSON.stringify(value)}`;
}
