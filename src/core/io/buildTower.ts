import { VIETNAM_BOUNDS } from '../crs/detectCoordinateProblems';
import type { PointTransform } from '../crs/transformToWgs84';
import { OPERATORS } from '../model/operators';
import {
  MAST_TYPES,
  MAX_MAST_HEIGHT_M,
  MAX_TOWER_RADIUS_M,
  type MastType,
  MIN_TOWER_RADIUS_M,
  type Tower,
} from '../model/tower';
import { ownValue } from '../util/ownProperty';
import { categoricalValueKey, type MastTypeChoice, proposeMastType, resolveMastTypeChoice } from './classifyMastType';
import { parseDecimal } from './parseDecimal';
import { parseDegreesMinutesSeconds } from './parseDegreesMinutesSeconds';
import { parseRadioGenerations, type RadioGeneration } from './parseRadioGenerations';
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
  /** In English, for the command line and logs. */
  reason: string;
  /** What kind of problem, for messages in the UI's language (see describeInputProblem in the app). */
  code?: ProblemCode;
  /** The values the message names (the value found, limits). */
  params?: Record<string, string | number>;
}

/** Kinds of row problems the UI words in its own language; others are shown with their English reason. */
export type ProblemCode =
  | 'empty'
  | 'duplicateId'
  | 'notNumber'
  | 'excelError'
  | 'outOfRange'
  | 'projectedAsDegrees'
  | 'notPositionInCrs'
  | 'zeroPosition'
  | 'outsideVietnam'
  | 'swapped'
  | 'negative'
  | 'unknownOperator'
  | 'unknownMastType'
  | 'groundHeightUnknown'
  | 'tenantNumberInList'
  | 'unknownTenant'
  | 'badTenantCount'
  | 'implausibleSize'
  | 'zeroRadius'
  | 'badValue'
  | 'operatorDisagrees'
  | 'notTextOrNumber'
  | 'degreesBesideMetres';

export interface BuildTowerOptions {
  /** Whether "16,0544" is a number here (false in comma-separated files, where it cannot be one). */
  decimalComma: boolean;
  /**
   * When the coordinates are in a projected (or non-WGS 84) CRS: the lon field holds eastings, the lat field northings,
   * and this takes them to WGS 84. Absent: they are WGS 84 degrees. A row whose two values are degrees inside Việt Nam
   * is read as WGS 84 even then (files that mix VN-2000 and GPS rows); `crs` in the outcome says which.
   */
  toLonLat?: PointTransform;
  /** Keep rows whose position is outside Việt Nam (with a warning) instead of rejecting them. */
  keepOutsideVietnam?: boolean;
  /** The user's class for each mast-type word (keys by categoricalValueKey); the proposal where a word is absent. */
  mastTypeValues?: Readonly<Record<string, MastTypeChoice>>;
  /** The user's operator for each operator spelling (keys by categoricalValueKey); the known aliases elsewhere. */
  operatorValues?: Readonly<Record<string, string>>;
  /** Name of that CRS in messages. */
  crsName?: string;
  /**
   * The operator of a row whose file gives none (no operator column, or an empty cell): an operator account's own
   * list, which names no operator because every station is its own. Absent: an empty operator rejects the row.
   */
  defaultOperator?: string;
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
  /** Why the record cannot be used, in field order; empty when accepted. Only id, operator and position reject. */
  problems: FieldProblem[];
  /**
   * Accepted with a remark: unknown operator or tenant spellings kept as written, an optional field that did not parse
   * (left empty), a position kept outside Việt Nam on purpose.
   */
  warnings: FieldProblem[];
  /** How the position was read: WGS 84 degrees, or the projected CRS of the options. */
  crs: 'wgs84' | 'projected';
}

const KNOWN_OPERATOR_NAMES = OPERATORS.map((operator) => operator.name).join(', ');

/**
 * Check one record's values and build the Tower, collecting every problem rather than stopping at the first.
 * Only the id, the operator and the position can cost the row; any other field that does not parse is a warning and is
 * left empty. Repeated ids are the caller's business (see TowerCollector).
 */
export function buildTower(
  values: RawTowerValues,
  options: BuildTowerOptions,
  operatorCrossChecks: readonly OperatorCrossCheck[] = [],
): BuildTowerOutcome {
  const problems: FieldProblem[] = [];
  const warnings: FieldProblem[] = [];
  const fail: Fail = (field, reason, code, params) => {
    problems.push(problem(field, reason, code, params));
  };
  const warn: Fail = (field, reason, code, params) => {
    warnings.push(problem(field, reason, code, params));
  };

  const id = readText(values.id, 'id', fail);
  if (id === '') fail('id', 'id is empty', 'empty', { field: 'id' });

  const written = readText(values.operator, 'operator', fail);
  const operatorText = written === '' && options.defaultOperator !== undefined ? options.defaultOperator : written;
  let operator: string | null = null;
  if (operatorText === '') fail('operator', 'operator is empty', 'empty', { field: 'operator' });
  else if (operatorText !== null) {
    const resolved = resolveOperator(operatorText, options.operatorValues);
    operator = resolved.name;
    if (!resolved.known) {
      warn(
        'operator',
        `unknown operator '${resolved.name}', kept as written (known: ${KNOWN_OPERATOR_NAMES})`,
        'unknownOperator',
        { value: resolved.name },
      );
    }
    for (const check of operatorCrossChecks) {
      if (typeof check.value !== 'string' && typeof check.value !== 'number') continue;
      const other = resolveOperatorName(String(check.value));
      if (resolved.known && other.known && other.name !== resolved.name) {
        warn(
          'operator',
          `operator '${operatorText}' (${resolved.name}) disagrees with ${check.column} '${String(check.value).trim()}' (${other.name})`,
          'operatorDisagrees',
          {
            value: operatorText,
            operator: resolved.name,
            column: check.column,
            other: String(check.value).trim(),
            otherOperator: other.name,
          },
        );
      }
    }
  }

  const position = readPosition(values, options, fail, warn);
  const heightM = readOptionalNonNegative(values.height_m, 'height_m', options.decimalComma, warn);
  const radiusM = readOptionalNonNegative(values.radius_m, 'radius_m', options.decimalComma, warn);
  const mastType = readMastType(values.mast_type, heightM, options.mastTypeValues, warn);
  const azimuthsDeg = readAngleList(values.azimuth_deg, 'azimuth_deg', 0, 360, options.decimalComma, warn);
  const tiltsDeg = readAngleList(values.tilt_deg, 'tilt_deg', -90, 90, options.decimalComma, warn);
  const bands = readBandList(values.band);

  const tenants: string[] = operator === null ? [] : [operator];
  const tenantValue = readTenants(values.tenants, warn);
  for (const spelling of tenantValue.names) {
    const resolved = resolveOperator(spelling, options.operatorValues);
    // The owner's own unknown spelling has been reported once already, as the operator.
    if (!resolved.known && resolved.name !== operator) {
      warn('tenants', `unknown tenant '${resolved.name}', kept as written`, 'unknownTenant', { value: resolved.name });
    }
    if (!tenants.includes(resolved.name)) tenants.push(resolved.name);
  }
  const technology = readRadioTechnology(
    values,
    tenants,
    options.decimalComma,
    warn,
    warn,
    readGenerations(values.technology, warn),
  );

  if (problems.length > 0 || id === null || operator === null || position === null) {
    return { tower: null, problems, warnings: [], crs: position?.crs ?? 'wgs84' };
  }
  const share = <T extends string | number>(list: T[]) => options.lists?.intern(list) ?? list;
  const tower: Tower = {
    id,
    operator,
    lon: position.lon,
    lat: position.lat,
    heightM,
    radiusM,
    mastType,
    tenants: share(tenants),
  };
  // Only when the file has them: records from files without these columns keep their old shape.
  if (azimuthsDeg.length > 0) tower.azimuthsDeg = share(azimuthsDeg);
  if (tiltsDeg.length > 0) tower.tiltsDeg = share(tiltsDeg);
  if (bands.length > 0) tower.bands = share(bands);
  if (tenantValue.count !== null) tower.tenantCount = Math.max(tenantValue.count, tenants.length);
  Object.assign(tower, technology);
  return { tower, problems, warnings, crs: position.crs };
}

function problem(
  field: TowerField,
  reason: string,
  code?: ProblemCode,
  params?: Record<string, string | number>,
): FieldProblem {
  const entry: FieldProblem = { field, reason };
  if (code) entry.code = code;
  if (params) entry.params = params;
  return entry;
}

/** The operator a spelling names: the user's value mapping first, then the known names, aliases and MCC-MNC codes. */
function resolveOperator(
  spelling: string,
  mapping: Readonly<Record<string, string>> | undefined,
): { name: string; known: boolean } {
  const mapped = ownValue(mapping, categoricalValueKey(spelling));
  if (mapped !== undefined && mapped.trim() !== '') {
    const resolved = resolveOperatorName(mapped);
    // A name the user chose on purpose is not an unknown spelling to warn about.
    return { name: resolved.name, known: true };
  }
  return resolveOperatorName(spelling);
}

const inVietnam = (lon: number, lat: number) =>
  lon >= VIETNAM_BOUNDS.west &&
  lon <= VIETNAM_BOUNDS.east &&
  lat >= VIETNAM_BOUNDS.south &&
  lat <= VIETNAM_BOUNDS.north;

/**
 * The row's position in WGS 84, checked: (0, 0), swapped pairs and points outside Việt Nam cost the row (outside is
 * kept with a warning when the user asked to keep such rows). In a projected file, a pair of degrees inside Việt Nam
 * is read as WGS 84.
 */
function readPosition(
  values: RawTowerValues,
  options: BuildTowerOptions,
  fail: Fail,
  warn: Fail,
): { lon: number; lat: number; crs: 'wgs84' | 'projected' } | null {
  let lon: number | null;
  let lat: number | null;
  let crs: 'wgs84' | 'projected' = 'wgs84';
  const typo = degreesBesideMetres(values, options.decimalComma);
  if (typo) {
    fail(
      typo.field,
      `${typo.field} ${typo.value} beside ${typo.other} ${typo.otherValue} in degrees: a typing error (metres and degrees do not mix in one row)?`,
      'degreesBesideMetres',
      { field: typo.field, value: typo.value, other: typo.other, otherValue: typo.otherValue },
    );
    return null;
  }
  if (options.toLonLat) {
    const x = readNumber(values.lon, 'lon', options.decimalComma, fail);
    const y = readNumber(values.lat, 'lat', options.decimalComma, fail);
    if (x === undefined) fail('lon', 'lon (easting) is empty', 'empty', { field: 'lon' });
    if (y === undefined) fail('lat', 'lat (northing) is empty', 'empty', { field: 'lat' });
    if (typeof x !== 'number' || typeof y !== 'number') return null;
    if (x === 0 && y === 0) {
      fail('lon', 'position (0, 0) is not a real position (empty coordinates written as zeros?)', 'zeroPosition');
      return null;
    }
    if (inVietnam(y, x)) {
      fail('lon', `lon ${x}, lat ${y} are degrees in the wrong order: lon and lat swapped?`, 'swapped', {
        lon: x,
        lat: y,
      });
      return null;
    }
    if (inVietnam(x, y)) {
      [lon, lat] = [x, y];
    } else {
      crs = 'projected';
      [lon, lat] = readProjected(x, y, options.toLonLat, options.crsName ?? 'the CRS', fail);
    }
  } else {
    const swapped = swappedPair(values, options.decimalComma);
    if (swapped) {
      fail('lat', `lat ${swapped.lat} is outside [-90, 90] (are lon and lat swapped?)`, 'swapped', swapped);
      return null;
    }
    lon = readCoordinate(values.lon, 'lon', 180, options.decimalComma, fail);
    lat = readCoordinate(values.lat, 'lat', 90, options.decimalComma, fail);
  }
  if (lon === null || lat === null) return null;
  if (lon === 0 && lat === 0) {
    fail('lon', 'position (0, 0) is not a real position (empty coordinates written as zeros?)', 'zeroPosition');
    return null;
  }
  if (!inVietnam(lon, lat)) {
    const at = { lon: round6(lon), lat: round6(lat) };
    if (inVietnam(lat, lon)) {
      fail('lon', `lon ${at.lon}, lat ${at.lat} is outside Việt Nam: lon and lat swapped?`, 'swapped', at);
      return null;
    }
    if (options.keepOutsideVietnam) {
      warn('lon', `lon ${at.lon}, lat ${at.lat} is outside Việt Nam (kept on request)`, 'outsideVietnam', at);
    } else {
      fail('lon', `lon ${at.lon}, lat ${at.lat} is outside Việt Nam`, 'outsideVietnam', at);
      return null;
    }
  }
  return { lon, lat, crs };
}

/**
 * One coordinate in metres beside the other in degrees of Việt Nam ("1081.1502; 16.0755": a digit typed twice): no
 * coordinate system writes a row that way, so it is a typing error, not VN-2000 metres.
 */
function degreesBesideMetres(
  values: RawTowerValues,
  decimalComma: boolean,
): { field: 'lon' | 'lat'; value: number; other: 'lon' | 'lat'; otherValue: number } | null {
  const number = (value: unknown) =>
    typeof value === 'number' ? value : typeof value === 'string' ? parseDecimal(value, decimalComma) : null;
  const lon = number(values.lon);
  const lat = number(values.lat);
  if (lon === null || lat === null) return null;
  if (Math.abs(lon) > 1000 && lat >= 7 && lat <= 24) return { field: 'lon', value: lon, other: 'lat', otherValue: lat };
  if (Math.abs(lat) > 1000 && lon >= 101 && lon <= 118) {
    return { field: 'lat', value: lat, other: 'lon', otherValue: lon };
  }
  return null;
}

/** Vietnamese files sometimes swap the columns: lat 108.2 with lon 16.05. Say so instead of only "out of range". */
function swappedPair(values: RawTowerValues, decimalComma: boolean): { lon: number; lat: number } | null {
  const number = (value: unknown) =>
    typeof value === 'number' ? value : typeof value === 'string' ? parseDecimal(value, decimalComma) : null;
  const lon = number(values.lon);
  const lat = number(values.lat);
  if (lon === null || lat === null || Math.abs(lat) <= 90) return null;
  return inVietnam(lat, lon) ? { lon, lat } : null;
}

const round6 = (value: number) => Math.round(value * 1e6) / 1e6;

type Fail = (field: TowerField, reason: string, code?: ProblemCode, params?: Record<string, string | number>) => void;

/** Trimmed text of an identifier-like value; '' when absent; null (with a problem) for objects and booleans. */
function readText(value: unknown, field: TowerField, fail: Fail): string | null {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  fail(field, `${field} must be text or a number, found ${describe(value)}`, 'notTextOrNumber', {
    field,
    found: describe(value),
  });
  return null;
}

/** Excel's error values, as a cell or its CSV holds them. */
const EXCEL_ERROR = /^#(N\/A|VALUE!|REF!|DIV\/0!|NUM!|NAME\?|NULL!|SPILL!|CALC!|GETTING_DATA)$/;

/** A number from a JSON number or a decimal string; undefined when absent or blank; null when unreadable. */
function readNumber(value: unknown, field: TowerField, decimalComma: boolean, fail: Fail): number | null | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return value;
    fail(field, `${field} is not a finite number`, 'notNumber', { field, value: String(value) });
    return null;
  }
  if (typeof value !== 'string') {
    fail(field, `${field} is not a number: found ${describe(value)}`, 'notNumber', { field, value: describe(value) });
    return null;
  }
  if (value.trim() === '') return undefined;
  const parsed = parseDecimal(value, decimalComma);
  if (parsed === null && EXCEL_ERROR.test(value.trim())) {
    // A formula's error as Excel writes it (a VLOOKUP that found nothing: #N/A), in a workbook or its CSV.
    fail(field, `${field} holds the Excel error ${value.trim()} (its formula gives no value)`, 'excelError', {
      field,
      value: value.trim(),
    });
  } else if (parsed === null) {
    const hint =
      !decimalComma && /^\s*[+-]?\d+,\d+\s*$/.test(value)
        ? ' (a decimal comma is only read in files separated by ; or tab)'
        : '';
    fail(field, `${field} is not a number: '${value.trim()}'${hint}`, 'notNumber', { field, value: value.trim() });
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
  // Degrees, minutes and seconds as station lists write them (108°14'45.6"E), else a decimal number.
  const dms = typeof value === 'string' ? parseDegreesMinutesSeconds(value) : null;
  const parsed = dms ?? readNumber(value, field, decimalComma, fail);
  if (parsed === undefined) {
    fail(field, `${field} is empty`, 'empty', { field });
    return null;
  }
  if (parsed === null) return null;
  if (parsed < -limit || parsed > limit) {
    if (Math.abs(parsed) > 1000) {
      fail(
        field,
        `${field} ${parsed} is outside [-${limit}, ${limit}] (metres of a projected CRS such as VN-2000? give the CRS, e.g. vn2000:107.75)`,
        'projectedAsDegrees',
        { field, value: parsed },
      );
    } else {
      fail(field, `${field} ${parsed} is outside [-${limit}, ${limit}]`, 'outOfRange', {
        field,
        value: parsed,
        min: -limit,
        max: limit,
      });
    }
    return null;
  }
  return parsed;
}

/** Easting (lon field) and northing (lat field) in a projected CRS, taken to WGS 84 degrees. */
function readProjected(
  easting: number,
  northing: number,
  toLonLat: PointTransform,
  crsName: string,
  fail: Fail,
): [number | null, number | null] {
  const lonLat = toLonLat(easting, northing);
  if (lonLat === null || Math.abs(lonLat[0]) > 180) {
    fail('lon', `easting ${easting}, northing ${northing} is not a position in ${crsName}`, 'notPositionInCrs', {
      crs: crsName,
    });
    return [null, null];
  }
  return lonLat;
}

/**
 * Height and reach: up to the bound; past it a warning, left empty. A height of 0 is kept; a reach of 0 ("not known"
 * in many files) is read as empty with a warning.
 */
const FIELD_MAX: Record<'height_m' | 'radius_m', number> = {
  height_m: MAX_MAST_HEIGHT_M,
  radius_m: MAX_TOWER_RADIUS_M,
};

function readOptionalNonNegative(
  value: unknown,
  field: 'height_m' | 'radius_m',
  decimalComma: boolean,
  fail: Fail,
): number | null {
  // Sheets often write the unit in the cell ("33,5 m", "2500m"): a metre sign after the number is the field's unit.
  const unitless = typeof value === 'string' ? value.replace(/^\s*([+-]?[\d.,]+)\s*m\s*$/i, '$1') : value;
  // Thousands marks as the file's own convention writes them: "1.200" in a file with decimal commas (Vietnamese
  // spreadsheets) and "1,200" in one with decimal points are 1200, not 1.2.
  const text = typeof unitless === 'string' ? withoutThousandsMarks(unitless, decimalComma) : unitless;
  const parsed = readNumber(text, field, decimalComma, fail);
  if (parsed === undefined || parsed === null) return null;
  if (parsed < 0) {
    fail(field, `${field} is negative: ${parsed}; left empty`, 'negative', { field, value: parsed });
    return null;
  }
  // A reach of 0 is how files say "not known": read as empty (the default radius applies), said once per row, so
  // that a column of zeros does not quietly make every mast cover nothing.
  if (field === 'radius_m' && parsed === 0) {
    fail(field, 'radius_m 0 read as not known: the default radius applies', 'zeroRadius', { field, value: 0 });
    return null;
  }
  const min = field === 'radius_m' && parsed > 0 ? MIN_TOWER_RADIUS_M : 0;
  if (parsed > FIELD_MAX[field] || parsed < min) {
    fail(field, `${field} ${parsed} is not between ${min} and ${FIELD_MAX[field]} m; left empty`, 'implausibleSize', {
      field,
      value: parsed,
      min,
      max: FIELD_MAX[field],
    });
    return null;
  }
  return parsed;
}

/** The generations a technology cell names; null (a warning when the cell has words) when it names none. */
function readGenerations(value: unknown, warn: Fail): Set<RadioGeneration> | null {
  if (value === undefined || value === null) return null;
  const text = String(value).trim();
  if (text === '') return null;
  const generations = parseRadioGenerations(text);
  if (generations === null) {
    warn('technology', `technology '${text}' names no generation (2G, 3G, 4G, 5G); left empty`, 'badValue', {
      field: 'technology',
      value: text,
    });
  }
  return generations;
}

/** "1.200" (decimal commas) or "1,200" (decimal points) as "1200"; other text as it is. */
function withoutThousandsMarks(text: string, decimalComma: boolean): string {
  const trimmed = text.trim();
  if (decimalComma && /^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$/.test(trimmed)) return trimmed.replace(/\./g, '');
  if (!decimalComma && /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(trimmed)) return trimmed.replace(/,/g, '');
  return text;
}

/** The mast class: the user's value mapping, else the word list (see proposeMastType); unclear words are warnings. */
function readMastType(
  value: unknown,
  heightM: number | null,
  mapping: Readonly<Record<string, MastTypeChoice>> | undefined,
  warn: Fail,
): MastType | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' && typeof value !== 'number') {
    warn('mast_type', `mast_type is ${describe(value)}, not a word; left empty`, 'badValue', {
      field: 'mast_type',
      value: describe(value),
    });
    return null;
  }
  const text = String(value).trim();
  if (text === '') return null;
  const key = categoricalValueKey(text);
  const choice = ownValue(mapping, key) ?? proposeMastType(text)?.choice;
  if (choice === undefined) {
    warn(
      'mast_type',
      `mast_type '${text}' is not recognised (${MAST_TYPES.join(', ')}, or words such as 'cột tự đứng', 'trên nhà'); left empty`,
      'unknownMastType',
      { value: text },
    );
    return null;
  }
  const resolved = resolveMastTypeChoice(choice, heightM);
  if (resolved.note) warn('mast_type', `mast_type '${text}': ${resolved.note}`, 'groundHeightUnknown', { value: text });
  return resolved.mastType;
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
    fail(field, `${field} must be a number or a list of numbers, found ${describe(value)}; left empty`, 'badValue', {
      field,
      value: describe(value),
    });
    return [];
  }
  const angles: number[] = [];
  for (const item of items) {
    const angle = typeof item === 'number' ? item : parseDecimal(String(item), decimalComma);
    if (angle === null || !Number.isFinite(angle)) {
      fail(field, `${field} is not a number or list of numbers: '${String(value).trim()}'; left empty`, 'notNumber', {
        field,
        value: String(value).trim(),
      });
      return [];
    }
    if (angle < min || angle > max) {
      fail(field, `${field} ${angle} is outside [${min}, ${max}]; left empty`, 'outOfRange', {
        field,
        value: angle,
        min,
        max,
      });
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

/**
 * The tenants field: a list of operator names or codes ("Viettel; VNPT", ["452-04", "45202"]) or a count of operators
 * on the mast (a bare number: 3, "3"), never an operator code. Numbers inside a list are not operators either.
 */
function readTenants(value: unknown, warn: Fail): { names: string[]; count: number | null } {
  const none = { names: [], count: null };
  if (value === undefined || value === null) return none;
  const countText = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : null;
  // A full MCC-MNC code written without its hyphen (45201) is an operator, not a count.
  if (countText !== null && /^\d+([.,]0+)?$/.test(countText) && !resolveOperatorName(countText).known) {
    const count = Number.parseInt(countText, 10);
    if (count < 1 || count > 8) {
      warn('tenants', `tenants count ${count} is not between 1 and 8; left empty`, 'badTenantCount', {
        value: countText,
      });
      return none;
    }
    return { names: [], count };
  }
  if (typeof value === 'string' && value.trim() === '') return none;
  const items = typeof value === 'string' ? value.split(/[;|,]/) : Array.isArray(value) ? value : null;
  if (items === null || items.some((item) => typeof item !== 'string' && typeof item !== 'number')) {
    warn(
      'tenants',
      `tenants must be a list of operator names or a count, found ${describe(value)}; left empty`,
      'badValue',
      {
        field: 'tenants',
        value: describe(value),
      },
    );
    return none;
  }
  const names: string[] = [];
  for (const item of items as (string | number)[]) {
    const text = String(item).trim();
    if (text === '') continue;
    if (/^\d{1,3}$/.test(text)) {
      warn(
        'tenants',
        `'${text}' in tenants is a number, not an operator (codes are written 452-04 or 45204); ignored`,
        'tenantNumberInList',
        { value: text },
      );
      continue;
    }
    names.push(text);
  }
  return { names, count: null };
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${JSON.stringify(value)}`;
}
