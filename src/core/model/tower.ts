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
  /** Sector azimuths in degrees clockwise from north, when the file gives them ("0/120/240"). */
  azimuthsDeg?: number[];
  /** Antenna downtilts in degrees, when the file gives them. */
  tiltsDeg?: number[];
  /** Frequency bands as written ("1800", "n78", "B3"), when the file gives them. */
  bands?: string[];
  /** False when the file says the mast carries no 4G; absent: 4G for every tenant. */
  has4g?: boolean;
  /** Tenants running 5G on the mast, when the file says (has_5g, tenants_5g); absent: no 5G. */
  tenants5g?: string[];
  /** 5G reach for the fixed-radius mode, metres, when the file gives it. */
  radius5gM?: number;
  /**
   * Number of operators on the mast, owner included, when the file gives a count ("tenants: 3") instead of names: the
   * other tenants are unknown, so `tenants` holds the owner only and figures per operator count the owner only.
   * Absent: `tenants.length` is the count.
   */
  tenantCount?: number;
  /** Where the mast record comes from; absent on records read by the core alone (the command line). */
  source?: TowerSource;
}

/**
 * Provenance of a mast record. Towers of one import share one object. `kind`: 'synthetic' only for the generated demo
 * masts; 'file' for a file the user imported; 'server' for masts loaded from the CoSite server.
 */
export interface TowerSource {
  kind: 'synthetic' | 'file' | 'server';
  /** File name (or 'data/demo/towers.csv'). */
  name: string;
  /** ISO 8601 time of the import, when known. */
  importedAt?: string;
  /** Who imported it (user name), when known. */
  importedBy?: string;
}

/** Operators on the mast, owner included: the file's count when it gave one, else the named tenants. */
export function towerTenantCount(tower: Pick<Tower, 'tenants' | 'tenantCount'>): number {
  return Math.max(tower.tenantCount ?? 0, tower.tenants.length);
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
  /** In English (the command line's language); the UI words `code` in its own language. */
  reason: string;
  /** Kind of problem (see ProblemCode in core/io/buildTower), for messages in the UI's language. */
  code?: string;
  /** The values the message names. */
  params?: Record<string, string | number>;
  /** Further problems of the same row (their reasons are already joined into `reason`). */
  more?: { field?: string; reason: string; code?: string; params?: Record<string, string | number> }[];
}

/**
 * The most masts one import to the server's register may send: 200,000 masts at ~170 bytes each is ~35 MB of JSON.
 * Twice the largest register expected of a province, so that a register of 100,000 masts can be sent whole with a
 * few more (the add and update modes send the file's every mast; the server skips those it has). The import dialog
 * says so before sending a longer list.
 */
export const MAST_IMPORT_MAX_TOWERS = 200_000;

/**
 * The tallest mast a record may give, m (the server's register and its plans keep this bound): above it a height is a
 * typing error (a missing decimal point, a number in mm).
 */
export const MAX_MAST_HEIGHT_M = 300;
/** The farthest reach a record may give, m: beyond it a radius is a typing error. */
export const MAX_TOWER_RADIUS_M = 100_000;
/**
 * A reach under this is no cell's (a reach of "1.200" read as 1.2 m): a warning, left empty; 0 means not known (read
 * as empty, with a warning).
 */
export const MIN_TOWER_RADIUS_M = 10;
