/** Mast classes of Joint Circular 15/2016/TTLT-BTTTT-BXD: A1 non-bulky (rooftop), A2a/A2b/A2c bulky. */
export type MastType = 'A1' | 'A2a' | 'A2b' | 'A2c';
export const MAST_TYPES: readonly MastType[] = ['A1', 'A2a', 'A2b', 'A2c'];

/**
 * One physical mast. `operator` is the owner; `tenants` lists every operator on it, owner included
 * (a mast with two or more tenants is shared).
 */
export interface Tower {
  id: string;
  /** Canonical operator name (see OPERATORS) or the file's own spelling when unknown. */
  operator: string;
  lon: number;
  lat: number;
  heightM: number | null;
  radiusM: number | null;
  mastType: MastType | null;
  tenants: string[];
}

/**
 * A row or feature that could not be used (or was used with a warning).
 * `row` is the 1-based record number: the first data row after a CSV header is row 1, the first GeoJSON feature is row 1;
 * row 0 is a problem of the whole file (e.g. a column that is not used).
 * `line` is the CSV file's own line number where known (the header is line 1).
 */
export interface InputProblem {
  row: number;
  line?: number;
  field?: string;
  reason: string;
}
