import { type CrsDefinition, isVn2000Projected } from '../crs/crsDefinitions';
import type { WordedMessage } from '../model/wordedMessage';
import { resolveTowerColumns, type TowerColumns } from './resolveTowerColumns';
import { normalizeColumnName, REQUIRED_TOWER_FIELDS, TOWER_FIELDS, type TowerField } from './towerFields';
import { TowerFileError } from './towerFileError';

/**
 * Which column holds each field, as a person (the preview dialog) or `--columns id=Site,lon=X` states it: a column name
 * (matched exactly, then ignoring case and diacritics) or a 0-based column index; null says the field is not in the
 * file. Fields left out keep the automatic choice. In a projected CRS, `lon` is the easting and `lat` the northing.
 */
export type ColumnMapping = Partial<Record<TowerField, string | number | null>>;

export interface AppliedColumns extends TowerColumns {
  /** Remarks for the whole file (survey X/Y order). */
  notes: WordedMessage[];
}

/**
 * The columns a reader uses: the automatic choice (known spellings), the survey order for VN-2000 grids (a column
 * named X is the northing, Y the easting), then the user's mapping on top. Throws TowerFileError naming the column
 * when the mapping names one the file does not have.
 */
export function applyColumnMapping(
  columnNames: readonly string[],
  mapping: ColumnMapping = {},
  crs?: CrsDefinition,
): AppliedColumns {
  const auto = resolveTowerColumns(columnNames);
  const indexByField = { ...auto.indexByField };
  const notes: WordedMessage[] = [];
  const normalized = columnNames.map(normalizeColumnName);
  if (crs && isVn2000Projected(crs) && mapping.lon === undefined && mapping.lat === undefined) {
    const x = indexByField.lon;
    const y = indexByField.lat;
    if (x !== undefined && y !== undefined && normalized[x] === 'x' && normalized[y] === 'y') {
      indexByField.lon = y;
      indexByField.lat = x;
      const [northing, easting] = [columnNames[x].trim(), columnNames[y].trim()];
      notes.push({
        reason:
          `columns ${northing}/${easting} read in VN-2000 survey order: ` +
          `${northing} = northing, ${easting} = easting (map them with lon=, lat= if not)`,
        code: 'surveyOrder',
        params: { northing, easting },
      });
    }
  }
  for (const field of Object.keys(mapping) as TowerField[]) {
    if (!TOWER_FIELDS.includes(field)) throw new TowerFileError(`unknown field '${field}' in the column mapping`);
    const target = mapping[field];
    if (target === undefined) continue;
    delete indexByField[field];
    if (target === null) continue;
    const index = findColumn(columnNames, normalized, target);
    if (index < 0) {
      const found = columnNames.map((name) => name.trim()).join(', ');
      throw new TowerFileError(`no column '${String(target)}' for ${field} (columns: ${found})`, {
        code: 'noColumn',
        params: { column: String(target), field, found },
      });
    }
    // The column now belongs to this field only.
    for (const other of Object.keys(indexByField) as TowerField[]) {
      if (indexByField[other] === index) delete indexByField[other];
    }
    indexByField[field] = index;
  }
  const used = new Set(Object.values(indexByField));
  const alternateIndicesByField: TowerColumns['alternateIndicesByField'] = {};
  for (const [field, indices] of Object.entries(auto.alternateIndicesByField) as [TowerField, number[]][]) {
    const kept = indices.filter((index) => !used.has(index) && indexByField[field] !== undefined);
    if (kept.length > 0) alternateIndicesByField[field] = kept;
  }
  for (const indices of Object.values(alternateIndicesByField)) for (const index of indices ?? []) used.add(index);
  const missing = REQUIRED_TOWER_FIELDS.filter((field) => indexByField[field] === undefined);
  const unusedIndices = columnNames.map((_, i) => i).filter((i) => !used.has(i));
  return { indexByField, missing, alternateIndicesByField, unusedIndices, notes };
}

function findColumn(columnNames: readonly string[], normalized: readonly string[], target: string | number): number {
  if (typeof target === 'number')
    return Number.isInteger(target) && target >= 0 && target < columnNames.length ? target : -1;
  const exact = columnNames.findIndex((name) => name.trim() === target.trim());
  if (exact >= 0) return exact;
  const key = normalizeColumnName(target);
  return normalized.indexOf(key);
}
