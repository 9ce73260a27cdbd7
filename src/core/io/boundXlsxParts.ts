import type { WordedMessage } from '../model/wordedMessage';

/**
 * Ranges in a workbook's XML that exceljs expands cell by cell when it loads the file, bounded before it sees them.
 * A 17 KB file with one merged range A300:XFD1048576 (4.2 G cells), a data validation or a defined name over the
 * whole sheet would otherwise take minutes and gigabytes. Reading values needs none of them except merges (exceljs
 * gives each cell of a merged range the value of its first cell: an operator written once beside a block of rows),
 * so validations and defined names are dropped and merges clipped to the cells the sheet really holds.
 * Every scan here is one pass over the text (indexOf and global regular expressions), linear in its length.
 */

/** Cells all kept merged ranges may cover together, after clipping; past it the remaining ranges are dropped. */
export const MAX_MERGED_CELLS = 1_000_000;
/** Merged ranges kept per sheet: exceljs compares each new range with every earlier one (quadratic). */
export const MAX_MERGED_RANGES = 5_000;
/** The last row and column a sheet may have (Excel's own limits). */
const MAX_SHEET_ROWS = 1_048_576;
/**
 * Cell slots exceljs may make for a sheet: each row holds its cells up to its last one, holes included, and exceljs
 * walks them all (Row.hasValues); the same bound readXlsxRows checks on the rows it is given.
 */
export const MAX_SHEET_CELL_SLOTS = 20_000_000;
/** Rows a workbook is read with: above the largest import (200,000 masts) with room for titles and notes. */
export const MAX_WORKBOOK_ROWS = 250_000;
const MAX_SHEET_COLUMNS = 16_384;

export interface BoundedSheetXml {
  xml: string;
  /** One note per change that may matter to a reader (merges clipped or dropped, cells emptied). */
  notes: WordedMessage[];
}

/** A worksheet's XML without data validations, its merged ranges clipped to its data (see the module comment). */
export function boundWorksheetXml(xml: string, sheetLabel: string): BoundedSheetXml {
  const notes: WordedMessage[] = [];
  let text = removeElements(removeComments(xml), 'dataValidations');
  text = removeElements(text, 'x14:dataValidations');
  // Column widths and styles: exceljs makes an object per column of a range (`<col min="1" max="100000000"/>` in a
  // 7 KB file ran Node out of memory), and values need none of them.
  text = removeElements(text, 'cols');
  // Formatting rules and links hold no values, and exceljs fails on the whole file for a rule naming a style the
  // workbook lacks or a link to a missing relationship ("Cannot read properties of undefined").
  text = removeElements(text, 'conditionalFormatting');
  text = removeElements(text, 'x14:conditionalFormattings');
  text = removeElements(text, 'hyperlinks');
  const extent = sheetExtent(text);
  // exceljs walks up to the highest row number a sheet names (`<row r="200000000">` in a 7 KB file took 12.5 s).
  if (extent.rows > MAX_SHEET_ROWS) {
    throw new Error(
      `${sheetLabel}: row ${extent.rows.toLocaleString('en')} is past a sheet's last row ` +
        `(${MAX_SHEET_ROWS.toLocaleString('en')})`,
    );
  }
  // exceljs keeps an object per row with cells (about 1 KB each: 1 million one-cell rows took 2.4 GB): a workbook of
  // more such rows than the largest import is refused with the way through (CSV is read as a stream). Empty rows
  // (formatting Excel writes down the sheet) are not counted.
  if (extent.cellRows > MAX_WORKBOOK_ROWS) {
    throw new Error(
      `${sheetLabel} has ${extent.cellRows.toLocaleString('en')} rows with cells, more than a workbook is read with ` +
        `(${MAX_WORKBOOK_ROWS.toLocaleString('en')}): save the list as CSV`,
    );
  }
  // One cell in column XFD on each of 50,000 rows (248 KB) is 800 million slots: 24 s in exceljs before any check
  // could run. Counted here from the cells' own references, before exceljs sees the sheet.
  if (extent.cellSlots > MAX_SHEET_CELL_SLOTS) {
    throw new Error(
      `${sheetLabel} spans more than ${MAX_SHEET_CELL_SLOTS.toLocaleString('en')} cells (counting the empty cells ` +
        'before the last one of each row); not read',
    );
  }
  const mergeStart = text.indexOf('<mergeCells');
  if (mergeStart < 0) return { xml: text, notes };
  const mergeEnd = endOfElement(text, mergeStart, 'mergeCells');
  const block = text.slice(mergeStart, mergeEnd);
  const kept: string[] = [];
  let clipped = 0;
  let dropped = 0;
  let area = 0;
  for (const match of block.matchAll(/<mergeCell\b[^>]*\bref="([^"]*)"/g)) {
    const range = parseRange(match[1]);
    if (range === null) {
      dropped++;
      continue;
    }
    const bottom = Math.min(range.bottom, extent.rows, MAX_SHEET_ROWS);
    const right = Math.min(range.right, extent.columns);
    if (bottom !== range.bottom || right !== range.right) clipped++;
    const cells = (bottom - range.top + 1) * (right - range.left + 1);
    if (bottom < range.top || right < range.left || cells <= 1) continue;
    if (kept.length >= MAX_MERGED_RANGES || area + cells > MAX_MERGED_CELLS) {
      dropped++;
      continue;
    }
    area += cells;
    kept.push(`<mergeCell ref="${encodeCell(range.top, range.left)}:${encodeCell(bottom, right)}"/>`);
  }
  if (clipped > 0) {
    notes.push({
      reason: `${sheetLabel}: ${clipped} merged range(s) reaching past the sheet's data were clipped to it`,
      code: 'mergedClipped',
      params: { sheet: sheetLabel, count: clipped },
    });
  }
  if (dropped > 0) {
    notes.push({
      reason:
        `${sheetLabel}: ${dropped} merged range(s) were ignored (unreadable, or past ${MAX_MERGED_RANGES} ranges or ` +
        `${MAX_MERGED_CELLS.toLocaleString('en')} merged cells); their cells are read as empty`,
      code: 'mergedIgnored',
      params: { sheet: sheetLabel, count: dropped, maxRanges: MAX_MERGED_RANGES, maxCells: MAX_MERGED_CELLS },
    });
  }
  const replacement = kept.length > 0 ? `<mergeCells count="${kept.length}">${kept.join('')}</mergeCells>` : '';
  return { xml: text.slice(0, mergeStart) + replacement + text.slice(mergeEnd), notes };
}

/** Shared texts a workbook holds: the `<si>` entries of its shared-strings part, counted in one pass. */
export function countSharedStrings(xml: string): number {
  const text = removeComments(xml);
  let count = 0;
  for (let at = findOpenTag(text, 'si', 0); at >= 0; at = findOpenTag(text, 'si', at + 3)) count++;
  return count;
}

/** Cells named in a note before the others are only counted. */
const NAMED_CELLS = 5;

/**
 * The worksheet with every cell that names a shared text the workbook does not hold (`<c t="s"><v>5000</v></c>` where
 * there are 120, or a value that is not an index) emptied, and a note naming them: exceljs otherwise fails on the
 * whole file ("Cannot read properties of undefined"). One pass from cell tag to cell tag, linear in the text.
 */
export function emptyMissingSharedTexts(xml: string, sharedCount: number, sheetLabel: string): BoundedSheetXml {
  let out = '';
  let from = 0;
  const emptied: string[] = [];
  for (let start = findOpenTag(xml, 'c', 0); start >= 0; start = findOpenTag(xml, 'c', from)) {
    const tagEnd = xml.indexOf('>', start);
    if (tagEnd < 0) break;
    const tag = xml.slice(start, tagEnd + 1);
    if (xml.charCodeAt(tagEnd - 1) === 47 || !/\st\s*=\s*["']s["']/.test(tag)) {
      out += xml.slice(from, tagEnd + 1);
      from = tagEnd + 1;
      continue;
    }
    const close = xml.indexOf('</c>', tagEnd);
    if (close < 0) break;
    const value = /<v>([^<]*)<\/v>/.exec(xml.slice(tagEnd + 1, close));
    const index = value && /^\s*\d{1,10}\s*$/.test(value[1]) ? Number(value[1]) : Number.NaN;
    if (value && !(index < sharedCount)) {
      emptied.push(
        /\sr\s*=\s*["']\s*([A-Za-z]{1,3}\d{1,7})\s*["']/.exec(tag)?.[1] ?? `(${value[1].trim().slice(0, 20)})`,
      );
      out += `${xml.slice(from, start)}${tag.replace(/\st\s*=\s*["']s["']/, '')}</c>`;
    } else {
      out += xml.slice(from, close + 4);
    }
    from = close + 4;
  }
  if (emptied.length === 0) return { xml, notes: [] };
  const named = emptied.slice(0, NAMED_CELLS).join(', ');
  const more = emptied.length > NAMED_CELLS ? ` and ${emptied.length - NAMED_CELLS} more` : '';
  return {
    xml: out + xml.slice(from),
    notes: [
      {
        reason:
          `${sheetLabel}: cell(s) ${named}${more} name a shared text the workbook does not hold ` +
          `(it holds ${sharedCount.toLocaleString('en')}): read as empty`,
        code: 'missingSharedText',
        params: {
          sheet: sheetLabel,
          cells: named,
          more: emptied.length - Math.min(emptied.length, NAMED_CELLS),
          count: sharedCount,
        },
      },
    ],
  };
}

/** The workbook part without its defined names (print areas and named ranges, which exceljs indexes cell by cell). */
export function boundWorkbookXml(xml: string): string {
  return removeElements(removeComments(xml), 'definedNames');
}

/**
 * The last row and column that hold a cell, at least 1 each; rows not capped, so that a row past the sheet's last can
 * be refused. Every `r` attribute of the sheet is read, in one linear pass and in any of XML's spellings (`r="5"`,
 * `r = '5'`, far into a tag): rows' (`r="5"`) and cells' (`r="B5"`); an `r` elsewhere can only make the extent larger.
 * A scan from each tag's start to its `r` was quadratic (a 7 KB comment of 150,000 "<c " took 14 s) and missed the
 * other spellings.
 */
function sheetExtent(xml: string): { rows: number; columns: number; cellSlots: number; cellRows: number } {
  let rows = 1;
  let columns = 1;
  // Slots: for each run of cells of one row, its last column (cells of a row come together; a row met twice counts
  // twice, which only overstates).
  let cellSlots = 0;
  let slotRow = -1;
  let slotColumns = 0;
  let cellRows = 0;
  for (const match of xml.matchAll(/\sr\s*=\s*["']\s*([A-Za-z]{0,3})(\d+)\s*["']/g)) {
    const row = Number(match[2]);
    rows = Math.max(rows, row);
    if (match[1] === '') continue;
    const column = Math.min(decodeColumn(match[1].toUpperCase()), MAX_SHEET_COLUMNS);
    columns = Math.max(columns, column);
    if (row !== slotRow) {
      cellSlots += slotColumns;
      slotRow = row;
      slotColumns = 0;
      cellRows++;
    }
    slotColumns = Math.max(slotColumns, column);
  }
  cellSlots += slotColumns;
  // Rows without a number (exceljs numbers them one after the other): 2.4 million `<row>` in 154 KB took 1.8 GB.
  let rowTags = 0;
  for (
    let at = findOpenTag(xml, 'row', 0);
    at >= 0 && rowTags <= MAX_SHEET_ROWS;
    at = findOpenTag(xml, 'row', at + 4)
  ) {
    rowTags++;
  }
  return { rows: Math.max(rows, rowTags), columns, cellSlots, cellRows };
}

/**
 * The XML without its comments (they hold no data): an element named in a comment (`<!-- <cols> -->`) would otherwise
 * be taken for an open one and removed to the end of the text. An unclosed comment runs to the end, as in XML.
 */
function removeComments(xml: string): string {
  let out = '';
  let from = 0;
  for (let start = xml.indexOf('<!--'); start >= 0; start = xml.indexOf('<!--', from)) {
    out += xml.slice(from, start);
    const end = xml.indexOf('-->', start + 4);
    from = end < 0 ? xml.length : end + 3;
  }
  return from === 0 ? xml : out + xml.slice(from);
}

/** Every `<name ...>...</name>` or `<name .../>` element removed; an element left open runs to the end of the text. */
function removeElements(xml: string, name: string): string {
  let out = '';
  let from = 0;
  for (;;) {
    const start = findOpenTag(xml, name, from);
    if (start < 0) break;
    out += xml.slice(from, start);
    from = endOfElement(xml, start, name);
  }
  return from === 0 ? xml : out + xml.slice(from);
}

function findOpenTag(xml: string, name: string, from: number): number {
  let at = xml.indexOf(`<${name}`, from);
  while (at >= 0) {
    const next = xml.charCodeAt(at + name.length + 1);
    // `<dataValidations` must not match `<dataValidation`: the name ends at a space, '>' or '/'.
    if (next === 32 || next === 62 || next === 47 || next === 9 || next === 10 || next === 13) return at;
    at = xml.indexOf(`<${name}`, at + 1);
  }
  return -1;
}

/** Offset just past the element that opens at `start` (self-closing or up to its closing tag). */
function endOfElement(xml: string, start: number, name: string): number {
  const tagEnd = xml.indexOf('>', start);
  if (tagEnd < 0) return xml.length;
  if (xml.charCodeAt(tagEnd - 1) === 47) return tagEnd + 1;
  const close = xml.indexOf(`</${name}>`, tagEnd);
  return close < 0 ? xml.length : close + name.length + 3;
}

interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function parseRange(ref: string): CellRange | null {
  const match = /^\$?([A-Z]{1,3})\$?(\d{1,7}):\$?([A-Z]{1,3})\$?(\d{1,7})$/.exec(ref.trim().toUpperCase());
  if (!match) return null;
  const [a, b] = [decodeColumn(match[1]), decodeColumn(match[3])];
  const [r1, r2] = [Number(match[2]), Number(match[4])];
  if (a < 1 || b < 1 || r1 < 1 || r2 < 1 || a > 16_384 || b > 16_384 || r1 > 1_048_576 || r2 > 1_048_576) return null;
  return { top: Math.min(r1, r2), left: Math.min(a, b), bottom: Math.max(r1, r2), right: Math.max(a, b) };
}

function decodeColumn(letters: string): number {
  let column = 0;
  for (let i = 0; i < letters.length; i++) column = column * 26 + (letters.charCodeAt(i) - 64);
  return column;
}

function encodeCell(row: number, column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return `${letters}${row}`;
}
