import { resolveCrs } from '../crs/crsDefinitions';
import { detectCoordinateProblemsInColumns } from '../crs/detectCoordinateProblems';
import type { InputProblem, Tower } from '../model/tower';
import { MAST_TYPES } from '../model/tower';
import type { LongCallOptions } from '../util/cooperativeLoop';
import { type CleanRows, readCleanTowerRows } from './readCleanTowerRows';
import type { TowerParseResult } from './towerParseResult';
import type { TowerReadOptions } from './towerReadOptions';
import { unusedColumnsNote } from './towerTableReader';

/**
 * The tower reader's fast path for clean comma-separated files, such as the national synthetic masts and most
 * exports: the same TowerParseResult as the full reader (readTowersCsvChunked), or null when the file has anything
 * the fast path does not handle, and the caller then runs the full reader on it. Clean means: printable ASCII only
 * (LF or CRLF line ends, no quotes, no spaces or tabs in data rows), the header on the first line naming the four
 * required columns with commas (no `;` or tab in it), only the fields id, operator, lon, lat, height_m, radius_m,
 * mast_type, tenants, has_4g, has_5g, radius_5g_m and tenants_5g; every row with the header's field count; decimal
 * numbers written as plain digits (`-105.25`, at most 15 digits); positions inside Việt Nam; known operator
 * spellings (a second operator column such as mcc_mnc agreeing); mast types the word list maps to one class;
 * has_4g/has_5g as 1, 0 or empty; ids unique. In short, a file on which the full reader would accept every row
 * without a warning. Options that change the reading (column or value mapping, CRS, area polygons) fall back too.
 *
 * Why: the full reader tokenises quotes and validates every field through general code (about 0.8 s for the 87,632
 * national masts); this reads the bytes once, numbers straight from the digits, words through per-word caches.
 */
export async function readCleanTowersCsv(
  bytes: Uint8Array,
  options: TowerReadOptions & LongCallOptions = {},
): Promise<TowerParseResult | null> {
  const rows = await readCleanTowerRows(bytes, options, 'towers');
  if (rows === null) return null;
  return { towers: towersOfRows(rows), ...summaryOf(rows) };
}

/** The Tower objects the full reader makes, with its keys in its order. */
function towersOfRows(rows: CleanRows): Tower[] {
  const towers: Tower[] = new Array(rows.count);
  for (let i = 0; i < rows.count; i++) {
    const tenants = rows.tenants[i] as string[];
    const tower: Tower = {
      id: rows.ids[i],
      operator: tenants[0],
      lon: rows.lon[i],
      lat: rows.lat[i],
      heightM: Number.isNaN(rows.heightM[i]) ? null : rows.heightM[i],
      radiusM: Number.isNaN(rows.radiusM[i]) ? null : rows.radiusM[i],
      mastType: rows.mastType[i] < 0 ? null : MAST_TYPES[rows.mastType[i]],
      tenants,
    };
    if (rows.has4g[i] >= 0) tower.has4g = rows.has4g[i] === 1;
    if (!Number.isNaN(rows.radius5gM[i])) tower.radius5gM = rows.radius5gM[i];
    const tenants5g = rows.tenants5g[i];
    if (tenants5g !== undefined) tower.tenants5g = [...tenants5g];
    towers[i] = tower;
  }
  return towers;
}

/** The rest of the full reader's result for a clean file: its header warning, counts and coordinate report. */
function summaryOf(rows: CleanRows): Omit<TowerParseResult, 'towers'> {
  const { names, unusedIndices } = rows;
  const warnings: InputProblem[] = [];
  const unused = unusedColumnsNote(names, unusedIndices);
  if (unused) warnings.push({ row: 0, line: 1, ...unused });
  const rowNumbers = new Int32Array(rows.count);
  for (let i = 0; i < rows.count; i++) rowNumbers[i] = i + 1;
  const report = detectCoordinateProblemsInColumns(rows.count, rowNumbers, rows.lon, rows.lat, {
    crs: resolveCrs('EPSG:4326'),
  });
  const summary: Omit<TowerParseResult, 'towers'> = {
    // Every record is a tower, in order, one line each under the header (line 1).
    towerRows: Array.from(rowNumbers),
    ...(rows.count > 0 ? { towerLines: Array.from(rowNumbers, (row) => row + 1) } : {}),
    rejected: [],
    warnings,
    crsCounts: { wgs84: rows.count, projected: 0 },
    categoricalValues: rows.categoricalValues ?? { operator: [], mast_type: [] },
  };
  if (report.messages.length > 0) summary.coordinateReport = report;
  return summary;
}
