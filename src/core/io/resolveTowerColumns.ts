import { normalizeColumnName, REQUIRED_TOWER_FIELDS, TOWER_FIELD_COLUMN_NAMES, type TowerField } from './towerFields';

export interface TowerColumns {
  /** Index of the column (or property key position) used for each field found. */
  indexByField: Partial<Record<TowerField, number>>;
  /** Required fields with no matching column. */
  missing: TowerField[];
  /** Other columns naming an already found field (`mcc_mnc` beside `operator`, `name` beside `id`). */
  alternateIndicesByField: Partial<Record<TowerField, number[]>>;
  /** Indices of columns that name no field at all. */
  unusedIndices: number[];
}

/**
 * Whether a normalised column name is a spelling, or the spelling with its unit in metres after it ("Bán kính (m)" is
 * `ban_kinh_m`, read as `ban_kinh`): units in brackets do not matter, as TOWER_FIELD_COLUMN_NAMES says.
 */
function isSpelling(name: string, spelling: string): boolean {
  return name === spelling || name === `${spelling}_m`;
}

/** Map a file's column names to tower fields; see TOWER_FIELD_COLUMN_NAMES for the spellings and their priority. */
export function resolveTowerColumns(columnNames: readonly string[]): TowerColumns {
  const normalized = columnNames.map(normalizeColumnName);
  const indexByField: Partial<Record<TowerField, number>> = {};
  const used = new Set<number>();
  for (const field of Object.keys(TOWER_FIELD_COLUMN_NAMES) as TowerField[]) {
    for (const spelling of TOWER_FIELD_COLUMN_NAMES[field]) {
      const index = normalized.findIndex((name, i) => isSpelling(name, spelling) && !used.has(i));
      if (index >= 0) {
        indexByField[field] = index;
        used.add(index);
        break;
      }
    }
  }
  const alternateIndicesByField: Partial<Record<TowerField, number[]>> = {};
  normalized.forEach((name, index) => {
    if (used.has(index)) return;
    const field = (Object.keys(TOWER_FIELD_COLUMN_NAMES) as TowerField[]).find((candidate) =>
      TOWER_FIELD_COLUMN_NAMES[candidate].some((spelling) => isSpelling(name, spelling)),
    );
    if (field === undefined) return;
    // Appended in place: copying the list at each column made a header of 50,000 `lat` columns take 17 s.
    const alternates = alternateIndicesByField[field];
    if (alternates) alternates.push(index);
    else alternateIndicesByField[field] = [index];
    used.add(index);
  });
  const missing = REQUIRED_TOWER_FIELDS.filter((field) => indexByField[field] === undefined);
  const unusedIndices = columnNames.map((_, i) => i).filter((i) => !used.has(i));
  return { indexByField, missing, alternateIndicesByField, unusedIndices };
}
