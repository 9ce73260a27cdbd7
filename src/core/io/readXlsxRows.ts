import { strFromU8, strToU8, zipSync } from 'fflate';
import type { WordedMessage } from '../model/wordedMessage';
import { boundWorkbookXml, boundWorksheetXml, countSharedStrings, emptyMissingSharedTexts } from './boundXlsxParts';
import type { ReadDeadline } from './readBudget';
import { type UnzipLimits, unzipChecked, ZipArchiveError } from './unzipChecked';

const MIB = 1024 * 1024;
/**
 * A workbook is inflated whole and exceljs keeps every cell as an object (about 14 bytes of memory per byte of sheet
 * XML, measured): 64 MiB of XML, about 150,000 rows of 10 columns, stays within the 1 GB a read may use.
 */
export const XLSX_LIMITS: Required<UnzipLimits> = {
  maxEntryBytes: 64 * MIB,
  maxTotalBytes: 64 * MIB,
  maxEntries: 10_000,
};
/** Cells read from the sheet (exceljs gives each row up to its last cell, holes included). */
const MAX_SHEET_CELLS = 20_000_000;

/** One worksheet row: its Excel row number and its cells (index 0 = column A), typed as Excel typed them. */
export interface SheetRow {
  rowNumber: number;
  values: unknown[];
}

export interface SheetRows {
  sheetName: string;
  rows: SheetRow[];
  /** Remarks for the whole file: other sheets not read, ranges clipped, cells emptied. */
  notes: WordedMessage[];
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
 * Node its regular build. exceljs is never given the archive as it came: it is inflated here within XLSX_LIMITS
 * (declared and real sizes), the ranges exceljs would expand cell by cell are bounded (see boundXlsxParts), and the
 * parts are zipped again without compression for exceljs.
 * Cells: numbers and booleans as such, text (rich text joined), formulas as their cached result, dates as ISO text,
 * errors as their text (#N/A).
 */
export async function readXlsxRows(
  bytes: Uint8Array,
  limits?: UnzipLimits,
  deadline?: ReadDeadline,
): Promise<SheetRows> {
  const { workbookBytes, notes: boundNotes } = boundWorkbook(bytes, { ...XLSX_LIMITS, ...limits });
  // The work is in the sheets' XML (at most XLSX_LIMITS' 64 MiB): the budget follows it, not the zip's bytes.
  deadline?.inflated(workbookBytes.length);
  deadline?.check();
  const module = await import('exceljs');
  const ExcelJS = ((module as unknown as { default?: typeof module }).default ?? module) as typeof module;
  const workbook = new ExcelJS.Workbook();
  try {
    const buffer = workbookBytes.buffer.slice(
      workbookBytes.byteOffset,
      workbookBytes.byteOffset + workbookBytes.byteLength,
    ) as ArrayBuffer;
    await workbook.xlsx.load(buffer);
  } catch (error) {
    throw new SpreadsheetError(`not a readable .xlsx workbook (${(error as Error).message})`);
  }
  deadline?.check();
  const sheets = workbook.worksheets;
  const sheet = sheets.find((candidate) => candidate.actualRowCount > 0);
  if (!sheet) throw new SpreadsheetError('the workbook has no sheet with data');
  const rows: SheetRow[] = [];
  let cells = 0;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const raw = row.values as unknown[];
    cells += raw.length;
    if (cells > MAX_SHEET_CELLS) {
      throw new SpreadsheetError(
        `sheet '${sheet.name}' spans more than ${MAX_SHEET_CELLS.toLocaleString('en')} cells (counting the empty ` +
          'cells before the last one of each row); not read',
      );
    }
    // exceljs rows are 1-based sparse arrays: index 1 is column A.
    const values: unknown[] = [];
    for (let column = 1; column < raw.length; column++) values.push(cellValue(raw[column]));
    rows.push({ rowNumber, values });
  });
  const position = sheets.indexOf(sheet) + 1;
  const notes: WordedMessage[] =
    sheets.length > 1
      ? [
          {
            reason: `read sheet '${sheet.name}' (${position} of ${sheets.length}); the other sheets are not read`,
            code: 'otherSheets',
            params: { sheet: sheet.name, position, total: sheets.length },
          },
        ]
      : [];
  notes.push(...boundNotes);
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
    // An error (#N/A, #VALUE!) as its text: the row says what the cell holds, not that it is empty.
    if ('error' in object) return typeof object.error === 'string' ? object.error : null;
  }
  return String(value);
}

/** The workbook inflated within the limits, its ranges bounded, zipped again (stored) for exceljs. */
function boundWorkbook(bytes: Uint8Array, limits: UnzipLimits): { workbookBytes: Uint8Array; notes: WordedMessage[] } {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipChecked(bytes, () => true, limits);
  } catch (error) {
    if (error instanceof ZipArchiveError && /limit|inflates to more/.test(error.message)) {
      throw new ZipArchiveError(`${error.message} (a workbook is read whole: save a list this large as CSV)`);
    }
    throw error;
  }
  const notes: WordedMessage[] = [];
  // Parts are recognised as exceljs recognises them (xlsx.js: a leading '/' dropped, worksheets by an unanchored
  // `xl/worksheets/sheetN.xml`), or more widely: a part exceljs reads is never passed unbounded.
  const asExceljsNames = (name: string) => (name.startsWith('/') ? name.slice(1) : name);
  const isWorksheet = (name: string) => {
    const read = asExceljsNames(name);
    return /xl\/worksheets\/sheet\d+[.]xml/.test(read) || /^xl\/worksheets\/[^/]+\.xml$/i.test(read);
  };
  const sharedStrings = Object.keys(entries).filter((name) => /^xl\/sharedStrings\.xml$/i.test(asExceljsNames(name)));
  const sharedCount = Math.max(0, ...sharedStrings.map((name) => countSharedStrings(strFromU8(entries[name]))));
  for (const [name, data] of Object.entries(entries)) {
    if (isWorksheet(name)) {
      const label = /([^/]+)\.xml/.exec(name.slice(name.lastIndexOf('worksheets/')))?.[1] ?? name;
      let bounded: ReturnType<typeof boundWorksheetXml>;
      try {
        bounded = boundWorksheetXml(strFromU8(data), label);
      } catch (error) {
        throw new SpreadsheetError(`not a readable .xlsx workbook (${(error as Error).message})`);
      }
      const texts = emptyMissingSharedTexts(bounded.xml, sharedCount, label);
      entries[name] = strToU8(texts.xml);
      notes.push(...bounded.notes, ...texts.notes);
    } else if (/^xl\/workbook\.xml$/i.test(asExceljsNames(name))) {
      entries[name] = strToU8(boundWorkbookXml(strFromU8(data)));
    }
  }
  return { workbookBytes: zipSync(entries, { level: 0 }), notes };
}
