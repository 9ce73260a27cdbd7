import type { Feature } from 'geojson';
import { geometryToWkt } from '../io/wkt';
import { layerColumns } from './layerColumns';

export interface XlsxExportOptions {
  /** The worksheet's name (Excel allows 31 characters, none of \ / ? * [ ] :); default "layer". */
  sheetName?: string;
}

/**
 * A layer as an Excel .xlsx workbook's bytes, for spreadsheets in any locale: numbers are stored as numbers (Excel
 * shows them with the reader's own decimal mark, where a CSV with decimal points opened by Vietnamese Excel reads
 * "108.21" as text), text as text (never run as a formula, so no apostrophe is added). The columns are those of
 * exportCsv: `lon`, `lat` for a point layer (else `wkt`), then every property key in first-seen order (a key named
 * like a geometry column suffixed `_property`); lists and objects as JSON text, null and non-finite numbers as empty
 * cells; laid out by exportXlsxTable.
 */
export async function exportXlsx(features: readonly Feature[], options: XlsxExportOptions = {}): Promise<Uint8Array> {
  const { allPoints, geometryColumns, keys, propertyColumns } = layerColumns(features);
  const header = [...geometryColumns, ...propertyColumns];
  const rows = features.map((feature) => {
    const geometry = feature.geometry;
    const geometryCells: Array<string | number | null> = allPoints
      ? geometry?.type === 'Point'
        ? [geometry.coordinates[0], geometry.coordinates[1]]
        : [null, null]
      : [geometry ? geometryToWkt(geometry) : null];
    return [...geometryCells, ...keys.map((key) => cell(feature.properties?.[key]))];
  });

  return exportXlsxTable(header, rows, options);
}

/**
 * A table as an Excel .xlsx workbook's bytes: the header row bold and frozen, with a filter; numbers, booleans and
 * text stored as such (text is never run as a formula); null an empty cell; columns sized to their content (at most
 * 60 characters). exceljs (already the workbook reader) is loaded on demand.
 */
export async function exportXlsxTable(
  header: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number | boolean | null>>,
  options: XlsxExportOptions = {},
): Promise<Uint8Array> {
  const module = await import('exceljs');
  const ExcelJS = ((module as unknown as { default?: typeof module }).default ?? module) as typeof module;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'CoSite';
  const sheet = workbook.addWorksheet(sheetNameOf(options.sheetName), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.addRow([...header]).font = { bold: true };
  for (const row of rows) sheet.addRow([...row]);
  if (header.length > 0) {
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: header.length } };
  }
  header.forEach((name, index) => {
    let width = name.length;
    for (const row of rows) width = Math.max(width, String(row[index] ?? '').length);
    sheet.getColumn(index + 1).width = Math.min(60, width + 2);
  });
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

function cell(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

/** Excel's rules for a sheet name: 1-31 characters, none of \ / ? * [ ] :, not starting or ending with '. */
function sheetNameOf(name: string | undefined): string {
  const cleaned = (name ?? '')
    .replace(/[\\/?*[\]:]/g, '_')
    .replace(/^'+|'+$/g, '')
    .slice(0, 31)
    .trim();
  return cleaned || 'layer';
}
