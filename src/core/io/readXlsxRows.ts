import { checkZipSizes, type UnzipLimits } from './unzipChecked';

/** One worksheet row: its Excel row number and its cells (index 0 = column A), typed as Excel typed them. */
export interface SheetRow {
  rowNumber: number;
  values: unknown[];
}

export interface SheetRows {
  sheetName: string;
  rows: SheetRow[];
  /** Remarks for the whole file: other sheets not read. */
  notes: string[];
}

/** A workbook that cannot be read (damaged, not .xlsx, no data). One-line message. */
export class SpreadsheetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SpreadsheetError';
  }
}

/**
 * The rows of the first worksheet that holds data in an Excel .xlsx workbook, read with exceljs from bytes.
 * The only module that touches exceljs, loaded on demand: in the browser its self-contained build (no Node built-ins;
 * checked to run from an ArrayBuffer without window, document, Buffer or require) so it works in a Web Worker; in
 * Node its regular build. The archive's declared sizes are checked before exceljs inflates anything.
 * Cells: numbers and booleans as such, text (rich text joined), formulas as their cached result, dates as ISO text,
 * errors as null.
 */
export async function readXlsxRows(bytes: Uint8Array, limits?: UnzipLimits): Promise<SheetRows> {
  checkZipSizes(bytes, () => true, limits);
  const module = await import('exceljs');
  const ExcelJS = ((module as unknown as { default?: typeof module }).default ?? module) as typeof module;
  const workbook = new ExcelJS.Workbook();
  try {
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    await workbook.xlsx.load(buffer);
  } catch (error) {
    throw new SpreadsheetError(`not a readable .xlsx workbook (${(error as Error).message})`);
  }
  const sheets = workbook.worksheets;
  const sheet = sheets.find((candidate) => candidate.actualRowCount > 0);
  if (!sheet) throw new SpreadsheetError('the workbook has no sheet with data');
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const raw = row.values as unknown[];
    // exceljs rows are 1-based sparse arrays: index 1 is column A.
    const values: unknown[] = [];
    for (let column = 1; column < raw.length; column++) values.push(cellValue(raw[column]));
    rows.push({ rowNumber, values });
  });
  const notes =
    sheets.length > 1
      ? [`read sheet '${sheet.name}' (${sheets.indexOf(sheet) + 1} of ${sheets.length}); the other sheets are not read`]
      : [];
  return { sheetName: sheet.name, rows, notes };
}

function cellValue(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString().replace(/T00:00:00\.000Z$/, '');
  if (typeof value === 'object') {
    const object = value as Record<string, unknown>;
    if (Array.isArray(object.richText)) {
      return (object.richText as { text?: string }[]).map((part) => part.text ?? '').join('');
    }
    if ('result' in object) return cellValue(object.result);
    if ('formula' in object || 'sharedFormula' in object) return null;
    if ('text' in object) return cellValue(object.text);
    if ('error' in object) return null;
  }
  return String(value);
}
