import { type CrsDefinition, isVn2000Projected, resolveCrs } from '../crs/crsDefinitions';
import { findOperator } from '../model/operators';
import { MAST_TYPES } from '../model/tower';
import type { WordedMessage } from '../model/wordedMessage';
import type { ColumnMapping } from './applyColumnMapping';
import { parseDecimal } from './parseDecimal';
import { parseDegreesMinutesSeconds } from './parseDegreesMinutesSeconds';
import {
  normalizeColumnName,
  REQUIRED_TOWER_FIELDS,
  TOWER_FIELD_COLUMN_NAMES,
  TOWER_FIELDS,
  type TowerField,
} from './towerFields';

export interface ColumnProposal {
  field: TowerField;
  /** 0-based column index. */
  column: number;
  /** The column's header as written. */
  name: string;
  /** 0..1: 1 for a known spelling, ~0.7 for a header containing one, ~0.5 when only the values suggest it. */
  confidence: number;
  /** Why, for the dialog: "header is a known name for lon" (English; `code` and `params` for the UI's words). */
  reason: string;
  code?: string;
  params?: Record<string, string | number>;
}

export interface ColumnMappingProposal {
  /** Field to header name: what the user edits and readers take (`columns` option, CLI --columns). */
  mapping: ColumnMapping;
  /** One entry per mapped field, with confidence and reason, in field order. */
  proposals: ColumnProposal[];
  /** Required fields (id, operator, lon, lat) no column was found for. */
  missing: TowerField[];
  /** Headers mapped to no field. */
  unusedColumns: string[];
  /** Remarks: survey X/Y order, projected values (worded for the UI). */
  notes: WordedMessage[];
}

export interface ProposeColumnMappingOptions {
  /** First data rows (cells as text or numbers), to check and complete the guess from values. */
  sampleRows?: readonly (readonly unknown[])[];
  /** CRS the user chose: with a VN-2000 grid, X/Y headers mean northing/easting. */
  crs?: CrsDefinition | string;
}

/**
 * Propose which column holds each tower field, from English and Vietnamese headers with or without diacritics
 * ("Tên trạm", "Site name", "Kinh độ", "Vĩ độ", "Lat", "Long", "Độ cao cột", "Loại cột", "Nhà mạng", "MNC", ...) and,
 * for headers it does not know, from sample values (coordinates in Vietnam's range, operator names or MCC-MNC codes,
 * mast classes). Pure; the preview dialog shows the result and passes the edited mapping to the reader.
 */
export function proposeColumnMapping(
  headers: readonly string[],
  options: ProposeColumnMappingOptions = {},
): ColumnMappingProposal {
  const crs = typeof options.crs === 'string' ? resolveCrs(options.crs) : options.crs;
  const normalized = headers.map(normalizeColumnName);
  const columnValues = headers.map((_, column) => (options.sampleRows ?? []).map((row) => row[column]));
  const candidates: ColumnProposal[] = [];
  headers.forEach((header, column) => {
    for (const field of TOWER_FIELDS) {
      const scored = scoreHeader(field, normalized[column]) ?? scoreValues(field, columnValues[column]);
      if (scored) candidates.push({ field, column, name: header, ...scored });
    }
  });
  // Greedy: the most confident pairs first, each field and each column used once; required fields win ties.
  candidates.sort(
    (a, b) =>
      b.confidence - a.confidence ||
      Number(REQUIRED_TOWER_FIELDS.includes(b.field)) - Number(REQUIRED_TOWER_FIELDS.includes(a.field)) ||
      TOWER_FIELDS.indexOf(a.field) - TOWER_FIELDS.indexOf(b.field),
  );
  const byField = new Map<TowerField, ColumnProposal>();
  const usedColumns = new Set<number>();
  for (const candidate of candidates) {
    if (byField.has(candidate.field) || usedColumns.has(candidate.column)) continue;
    byField.set(candidate.field, candidate);
    usedColumns.add(candidate.column);
  }
  const notes: WordedMessage[] = [];
  orderSurveyColumns(byField, normalized, columnValues, crs, notes);
  const proposals = TOWER_FIELDS.flatMap((field) => {
    const proposal = byField.get(field);
    return proposal ? [proposal] : [];
  });
  const mapping: ColumnMapping = {};
  for (const proposal of proposals) mapping[proposal.field] = proposal.name;
  return {
    mapping,
    proposals,
    missing: REQUIRED_TOWER_FIELDS.filter((field) => !byField.has(field)),
    unusedColumns: headers.filter((_, column) => ![...byField.values()].some((p) => p.column === column)),
    notes,
  };
}

type Score = { confidence: number } & WordedMessage;

function scoreHeader(field: TowerField, name: string): Score | null {
  const spellings = TOWER_FIELD_COLUMN_NAMES[field];
  const rank = spellings.indexOf(name);
  if (rank >= 0) {
    return {
      confidence: Math.max(0.85, 1 - rank * 0.01),
      reason: `header is a known name for ${field}`,
      code: 'knownName',
      params: { field },
    };
  }
  // A header containing a known spelling as whole words: "vi_do_wgs84", "site_name_vn", "chieu_cao_cot_anten_m".
  const words = `_${name}_`;
  const contained = spellings.find((spelling) => spelling.length >= 3 && words.includes(`_${spelling}_`));
  if (contained) {
    return {
      confidence: 0.7,
      reason: `header contains '${contained}', a name for ${field}`,
      code: 'containsName',
      params: { spelling: contained, field },
    };
  }
  return null;
}

function scoreValues(field: TowerField, values: readonly unknown[]): Score | null {
  const present = values.filter((value) => value !== undefined && value !== null && String(value).trim() !== '');
  if (present.length === 0) return null;
  const share = (test: (value: unknown) => boolean) => present.filter(test).length / present.length;
  const number = (value: unknown) =>
    typeof value === 'number'
      ? value
      : (parseDecimal(String(value), true) ?? parseDegreesMinutesSeconds(String(value)));
  const inRange = (low: number, high: number) => (value: unknown) => {
    const parsed = number(value);
    return parsed !== null && parsed >= low && parsed <= high;
  };
  switch (field) {
    case 'lon':
      if (share(inRange(102, 118)) >= 0.9)
        return { confidence: 0.5, reason: "values are longitudes in Vietnam's range", code: 'valuesLon' };
      return null;
    case 'lat':
      if (share(inRange(6, 23.5)) >= 0.9) {
        return { confidence: 0.5, reason: "values are latitudes in Vietnam's range", code: 'valuesLat' };
      }
      return null;
    case 'operator':
      if (share((value) => findOperator(String(value)) !== null) >= 0.8) {
        return { confidence: 0.6, reason: 'values are operator names or MCC-MNC codes', code: 'valuesOperator' };
      }
      return null;
    case 'mast_type':
      if (
        share((value) => MAST_TYPES.some((type) => type.toLowerCase() === String(value).trim().toLowerCase())) >= 0.8
      ) {
        return { confidence: 0.6, reason: 'values are mast classes (A1, A2a, A2b, A2c)', code: 'valuesMastType' };
      }
      return null;
    default:
      return null;
  }
}

/**
 * Vietnamese survey tables write X = northing and Y = easting. With a VN-2000 grid chosen, columns named X and Y are
 * taken that way round; whatever the CRS, values that show it (the lon column holding ~1-2.6 million, the lat column
 * ~0.1-0.9 million) swap them too.
 */
function orderSurveyColumns(
  byField: Map<TowerField, ColumnProposal>,
  normalized: readonly string[],
  columnValues: readonly (readonly unknown[])[],
  crs: CrsDefinition | undefined,
  notes: WordedMessage[],
): void {
  const lon = byField.get('lon');
  const lat = byField.get('lat');
  if (!lon || !lat) return;
  const median = (column: number) => {
    const numbers = columnValues[column]
      .map((value) => (typeof value === 'number' ? value : parseDecimal(String(value ?? ''), true)))
      .filter((value): value is number => value !== null)
      .sort((a, b) => a - b);
    return numbers.length === 0 ? null : numbers[numbers.length >> 1];
  };
  const lonMedian = median(lon.column);
  const latMedian = median(lat.column);
  const valuesSayNorthingFirst =
    lonMedian !== null &&
    latMedian !== null &&
    lonMedian > 900_000 &&
    lonMedian < 2_700_000 &&
    latMedian > 50_000 &&
    latMedian < 950_000;
  const namesSaySurvey =
    crs !== undefined && isVn2000Projected(crs) && normalized[lon.column] === 'x' && normalized[lat.column] === 'y';
  if (!valuesSayNorthingFirst && !namesSaySurvey) {
    if (lonMedian !== null && Math.abs(lonMedian) > 1000 && (crs === undefined || crs.geographic)) {
      notes.push({
        reason: 'the coordinate columns hold metres, not degrees: choose the CRS (VN-2000 zone, UTM) before importing',
        code: 'metresNotDegrees',
      });
    }
    return;
  }
  byField.set('lon', {
    ...lat,
    field: 'lon',
    reason: `${lat.name} holds eastings (survey order X = northing, Y = easting)`,
    code: 'holdsEastings',
    params: { name: lat.name },
  });
  byField.set('lat', {
    ...lon,
    field: 'lat',
    reason: `${lon.name} holds northings (survey order X = northing, Y = easting)`,
    code: 'holdsNorthings',
    params: { name: lon.name },
  });
  notes.push({
    reason:
      `${lon.name} = northing and ${lat.name} = easting (Vietnamese survey order), so ${lat.name} is mapped to ` +
      `lon/easting and ${lon.name} to lat/northing`,
    code: 'surveyOrderProposed',
    params: { northing: lon.name, easting: lat.name },
  });
  if (crs === undefined || crs.geographic) {
    notes.push({ reason: 'the coordinates are metres: choose the VN-2000 zone before importing', code: 'chooseZone' });
  }
}
