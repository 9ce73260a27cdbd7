import type { LongCallOptions } from '../util/cooperativeLoop';
import { cutCsvTitleLines, titleLinesNote, twoRowHeaderNote } from './cutCsvTitleLines';
import { fileRefusal } from './fileRefusal';
import { LayerFileError } from './layerFileError';
import { mergeTwoRowHeader } from './mergeTwoRowHeader';
import {
  checkFileSize,
  createReadDeadline,
  MAX_CSV_BYTES,
  MAX_WHOLE_TEXT_BYTES,
  type ReadBudget,
  type ReadDeadline,
} from './readBudget';
import { readCleanTowersCsv } from './readCleanTowersCsv';
import { readTowersCsvChunked } from './readTowersCsvChunked';
import { readTowersSync } from './readTowersSync';
import { readXlsxRows } from './readXlsxRows';
import { resolveTowerColumns } from './resolveTowerColumns';
import { formatMismatchNote, sniffFileFormat } from './sniffFileFormat';
import { TowerFileError } from './towerFileError';
import type { TowerParseResult } from './towerParseResult';
import type { TowerReadOptions } from './towerReadOptions';
import { TowerTableReader } from './towerTableReader';
import type { UnzipLimits } from './unzipChecked';

export interface TowerFileOptions extends TowerReadOptions, LongCallOptions {
  /** Limits on zip archives (KMZ, zipped shapefile, .xlsx): declared and real inflated sizes. */
  zipLimits?: UnzipLimits;
  /** Time a read may take (see ReadBudget; sizes are fixed per format). */
  budget?: ReadBudget;
}

/**
 * Read a tower file of any supported format, chosen by content (the extension only breaks ties, and a content that
 * contradicts it is named in a warning): CSV/TSV/TXT (streamed in slices, any size), Excel .xlsx (first sheet with
 * data), GeoJSON, KML, KMZ, zipped shapefile. Long reads report progress and stop on `signal`.
 * Throws TowerFileError (one line) when the file cannot be used at all: a format that holds no towers (TIFF, PDF,
 * .xls), a damaged archive, missing columns.
 */
export async function readTowerFile(
  content: Uint8Array | ArrayBuffer,
  fileName = '',
  options: TowerFileOptions = {},
): Promise<TowerParseResult> {
  const bytes = content instanceof Uint8Array ? content : new Uint8Array(content);
  const sniffed = sniffFileFormat(bytes, fileName);
  const format = sniffed.format === 'zip' && /\.xlsx$/i.test(fileName) ? 'xlsx' : sniffed.format;
  const deadline = createReadDeadline(bytes.length, options.budget);
  let result: TowerParseResult;
  try {
    if (format === 'csv') {
      checkFileSize(bytes.length, MAX_CSV_BYTES, 'CSV file');
      // Title lines above the header (an Excel sheet saved as CSV): read from the header on, lines still the file's.
      const cut = cutCsvTitleLines(bytes);
      const body = cut?.bytes ?? bytes;
      // A header over two rows: its second row is read as the header, with the two rows' names (the fast path for
      // clean files reads its own header, so it is not taken).
      const twoRows = cut?.twoRowHeader;
      result = twoRows
        ? await readTowersCsvChunked(body, { ...options, headerNames: twoRows.names, deadline })
        : ((await readCleanTowersCsv(body, options)) ?? (await readTowersCsvChunked(body, { ...options, deadline })));
      if (cut) {
        // Every line the body's reading names moves down by the lines cut: problems, a duplicate's first line, the
        // kept masts' lines and the coordinate report's examples.
        const shift = cut.skippedLines;
        const shifted = (numbers: string) => numbers.replace(/\d+/g, (line) => String(Number(line) + shift));
        for (const problem of [...result.rejected, ...result.warnings]) {
          if (problem.line !== undefined) problem.line += shift;
          if (typeof problem.params?.line === 'number') problem.params.line += shift;
          // Notes listing lines (totals rows, merged stations): their lists and the "(line(s) ...)" of their text.
          if (typeof problem.params?.lines === 'string') {
            problem.params.lines = shifted(problem.params.lines);
            problem.reason = problem.reason.replace(
              /\(line(\(s\))? ([\d, ]+)\)/g,
              (_, plural: string | undefined, lines: string) => `(line${plural ?? ''} ${shifted(lines)})`,
            );
          }
        }
        if (result.towerLines) result.towerLines = result.towerLines.map((line) => line + shift);
        const report = result.coordinateReport;
        if (report) {
          for (const group of [
            report.projected,
            report.swapped,
            report.outsideVietnam,
            report.outsideProvince,
            report.degreesInProjected,
          ]) {
            for (const example of group.examples) example.row += shift;
          }
        }
        if (twoRows)
          result.warnings.unshift({ row: 0, line: twoRows.line, ...twoRowHeaderNote(twoRows.names, twoRows.line) });
        if (cut.titles.length > 0) result.warnings.unshift({ row: 0, line: 1, ...titleLinesNote(cut.titles) });
      }
    } else if (format === 'xlsx') result = await readTowersXlsx(bytes, options, deadline);
    else {
      if (format === 'geojson' || format === 'kml')
        checkFileSize(bytes.length, MAX_WHOLE_TEXT_BYTES, `${format === 'kml' ? 'KML' : 'GeoJSON'} file (read whole)`);
      result = readTowersSync(bytes, sniffed, options);
    }
  } catch (error) {
    throw asTowerFileError(error);
  }
  options.onProgress?.(1);
  const mismatch = formatMismatchNote(sniffed);
  if (mismatch) result.warnings.unshift({ row: 0, ...mismatch });
  return result;
}

async function readTowersXlsx(
  bytes: Uint8Array,
  options: TowerFileOptions,
  deadline: ReadDeadline,
): Promise<TowerParseResult> {
  const sheet = await readXlsxRows(bytes, options.zipLimits, deadline);
  const found = towerHeaderRows(sheet.rows);
  if (found === null) {
    throw new TowerFileError(`sheet '${sheet.sheetName}' is empty (no header row)`, {
      code: 'sheetEmpty',
      params: { sheet: sheet.sheetName },
    });
  }
  // Decimal commas cannot occur in numeric cells; in text cells (a CSV pasted as text) they may.
  const reader = new TowerTableReader(found.names, found.rowNumber, { ...options, decimalComma: true });
  let row = 0;
  for (const sheetRow of sheet.rows.slice(found.index + found.count)) {
    if (!sheetRow.values.some((value) => value !== null && String(value).trim() !== '')) continue;
    row++;
    if (row % 4096 === 0) deadline.check();
    reader.addRecord(sheetRow.values, row, sheetRow.rowNumber);
  }
  const result = reader.result();
  if (found.count === 2) {
    result.warnings.unshift({ row: 0, line: found.rowNumber, ...twoRowHeaderNote(found.names, found.rowNumber) });
  }
  for (const note of sheet.notes) result.warnings.unshift({ row: 0, ...note });
  return result;
}

/** A reader's refusal as the tower readers give it: worded by its code (see fileRefusal); anything else as it is. */
export function asTowerFileError(error: unknown): unknown {
  // A layer reader's refusal keeps its own code and values (uncoded: the kind 'layer'); a lower reader's is worded by
  // its kind, the reader's own words (English) as its detail.
  if (error instanceof LayerFileError) {
    const { code, params } = error;
    return new TowerFileError(
      error.message,
      code ? { code, params } : { code: 'fileRefused', params: { kind: 'layer', detail: error.message } },
    );
  }
  const refusal = fileRefusal(error);
  return refusal ? new TowerFileError((error as Error).message, refusal) : error;
}

/**
 * The header of a sheet of towers: operators' lists often put a title and blank rows above it, so the first of the
 * first 20 non-empty rows that names the most required columns (all four, or else the first non-empty row, whose
 * error then lists its cells); or two consecutive rows read together when they name more of them (a header written
 * over two rows, see mergeTwoRowHeader): `index` is its first row, `count` its rows, `names` the columns' names.
 * Null when the sheet has no non-empty row. The preview takes the same rows.
 */
export function towerHeaderRows(
  rows: readonly { values: readonly unknown[]; rowNumber: number }[],
): { index: number; count: 1 | 2; names: string[]; rowNumber: number } | null {
  const text = (values: readonly unknown[]) => values.map((value) => (value === null ? '' : String(value)));
  const missingCount = (names: string[]) => resolveTowerColumns(names).missing.length;
  let best: { index: number; count: 1 | 2; names: string[]; missing: number } | null = null;
  let previous = -1;
  let seen = 0;
  for (let index = 0; index < rows.length && seen < 20; index++) {
    const row = rows[index];
    if (!row.values.some((value) => value !== null && String(value).trim() !== '')) {
      previous = -1;
      continue;
    }
    seen++;
    const names = text(row.values);
    const missing = missingCount(names);
    if (best === null || missing < best.missing) best = { index, count: 1, names, missing };
    const merged = previous >= 0 ? mergeTwoRowHeader(rows[previous].values, row.values) : null;
    if (merged && missingCount(merged) < best.missing) {
      best = { index: previous, count: 2, names: merged, missing: missingCount(merged) };
    }
    previous = index;
  }
  return best && { index: best.index, count: best.count, names: best.names, rowNumber: rows[best.index].rowNumber };
}
