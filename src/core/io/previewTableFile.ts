import type { RawCoordinate } from '../crs/detectCoordinateProblems';
import type { WordedMessage } from '../model/wordedMessage';
import { applyColumnMapping, type ColumnMapping } from './applyColumnMapping';
import { HEADER_SEARCH_RECORDS, titleLinesNote, towerHeaderScore, twoRowHeaderNote } from './cutCsvTitleLines';
import { detectTextEncoding, type TextEncoding, textDecoderFor } from './decodeTextFile';
import { mergeTwoRowHeader } from './mergeTwoRowHeader';
import { parseDecimal } from './parseDecimal';
import { parseDegreesMinutesSeconds } from './parseDegreesMinutesSeconds';
import { readCsvTable } from './readCsvTable';
import { readLayerFile } from './readLayerFile';
import { asTowerFileError, towerHeaderRows } from './readTowerFile';
import { refuseNonTowerFile } from './readTowersSync';
import { readXlsxRows } from './readXlsxRows';
import { type FileFormat, formatMismatchNote, sniffFileFormat } from './sniffFileFormat';
import type { UnzipLimits } from './unzipChecked';

export interface TablePreview {
  format: FileFormat;
  /** Text encoding of a CSV file. */
  encoding?: TextEncoding;
  /** The CSV delimiter found. */
  delimiter?: string;
  /** Whether "16,05" is a decimal number here (not in comma-separated files). */
  decimalComma: boolean;
  /** Column names (for GeoJSON, KML, shapefiles: the property keys). */
  headers: string[];
  /** The first data rows, cells as text (numbers from .xlsx and feature properties as typed). */
  rows: unknown[][];
  /** Each row's line in the file as a spreadsheet numbers it (a feature's number for GeoJSON, KML, shapefiles). */
  rowLines: number[];
  /** Coordinates come from geometries (GeoJSON, KML, shapefile), not from columns. */
  geometryFromFile: boolean;
  /** Remarks: encoding, content that contradicts the extension, other sheets (worded for the UI). */
  warnings: WordedMessage[];
}

const PREVIEW_BYTES = 256 * 1024;

/**
 * Headers and first rows of a tower file for the column-mapping dialog, cheaply: a CSV is decoded only for its first
 * 256 KB. Pair with proposeColumnMapping(headers, { sampleRows: rows }), then readTowerFile with the edited mapping.
 */
export async function previewTableFile(
  content: Uint8Array | ArrayBuffer,
  fileName = '',
  options: { maxRows?: number; zipLimits?: UnzipLimits } = {},
): Promise<TablePreview> {
  const bytes = content instanceof Uint8Array ? content : new Uint8Array(content);
  const maxRows = options.maxRows ?? 20;
  const sniffed = sniffFileFormat(bytes, fileName);
  const mismatch = formatMismatchNote(sniffed);
  const warnings: WordedMessage[] = mismatch ? [mismatch] : [];
  if (sniffed.format === 'csv') {
    const encoding = detectTextEncoding(bytes);
    if (encoding.warning) warnings.push(encoding.warning);
    const head = textDecoderFor(encoding).decode(bytes.subarray(0, PREVIEW_BYTES), { stream: true });
    // The header is found as the tower reader finds it (cutCsvTitleLines): under title lines, required columns
    // found first, then number of columns.
    const table = readCsvTable(head, {
      maxRows,
      score: towerHeaderScore,
      headerWithin: HEADER_SEARCH_RECORDS,
      mergeHeaderRows: mergeTwoRowHeader,
    });
    if (table.titleLines.length > 0) warnings.push(titleLinesNote(table.titleLines));
    if (table.headerRows === 2) warnings.push(twoRowHeaderNote(table.header, table.headerLine));
    const headers = table.header;
    const rows = table.rows;
    const delimiter = table.delimiter;
    return {
      format: 'csv',
      encoding: encoding.encoding,
      delimiter,
      decimalComma: delimiter !== ',',
      headers,
      rows,
      rowLines: table.lines.slice(0, rows.length),
      geometryFromFile: false,
      warnings,
    };
  }
  if (sniffed.format === 'xlsx' || (sniffed.format === 'zip' && /\.xlsx$/i.test(fileName))) {
    // Refused as the whole read refuses it (worded for the UI), not in the workbook reader's English.
    const sheet = await readXlsxRows(bytes, options.zipLimits).catch((error: unknown) => {
      throw asTowerFileError(error);
    });
    // The header row the tower reader takes (under a title and blank rows), and the non-empty rows after it.
    const found = towerHeaderRows(sheet.rows);
    const headerIndex = found?.index ?? 0;
    const header = found?.names ?? [];
    if (found?.count === 2) warnings.push(twoRowHeaderNote(found.names, found.rowNumber));
    const rows = sheet.rows
      .slice(headerIndex + (found?.count ?? 1))
      .filter((row) => row.values.some((value) => value !== null && String(value).trim() !== ''))
      .slice(0, maxRows);
    return {
      format: 'xlsx',
      decimalComma: true,
      headers: header.map((value) => String(value ?? '')),
      rows: rows.map((row) => row.values),
      rowLines: rows.map((row) => row.rowNumber),
      geometryFromFile: false,
      warnings: [...warnings, ...sheet.notes],
    };
  }
  if (!['geojson', 'kml', 'kmz', 'shapefile-zip'].includes(sniffed.format)) refuseNonTowerFile(bytes, sniffed);
  const layer = await readLayerFile(bytes, fileName, { zipLimits: options.zipLimits });
  // Property names in order of first appearance; a Set, as a KML's description tables can give each placemark names
  // of its own and a list searched for each would take time in the square of their number.
  const names = new Set<string>();
  for (const feature of layer.features) for (const key of Object.keys(feature.properties ?? {})) names.add(key);
  const headers = [...names];
  const rows = layer.features
    .slice(0, maxRows)
    .map((feature) => headers.map((key) => feature.properties?.[key] ?? null));
  const rowLines = rows.map((_, index) => index + 1);
  return {
    format: sniffed.format,
    decimalComma: true,
    headers,
    rows,
    rowLines,
    geometryFromFile: true,
    warnings: [...warnings, ...layer.warnings.map(({ reason, code, params }) => ({ reason, code, params }))],
  };
}

/** The preview rows' coordinate pairs under a mapping, for detectCoordinateProblems before importing (tables only). */
export function previewCoordinates(preview: TablePreview, mapping: ColumnMapping): RawCoordinate[] {
  if (preview.geometryFromFile) return [];
  const columns = applyColumnMapping(preview.headers, mapping);
  const lon = columns.indexByField.lon;
  const lat = columns.indexByField.lat;
  if (lon === undefined || lat === undefined) return [];
  const read = (value: unknown) =>
    typeof value === 'number'
      ? value
      : (parseDecimal(String(value ?? ''), preview.decimalComma) ?? parseDegreesMinutesSeconds(String(value ?? '')));
  return preview.rows.flatMap((row, index) => {
    const x = read(row[lon]);
    const y = read(row[lat]);
    return x === null || y === null ? [] : [{ row: preview.rowLines[index] ?? index + 1, x, y }];
  });
}
