import { countLineBreaks, MAX_RECORD_CHARS, readCsvRecord } from './readCsvRecord';

export interface CsvTable {
  delimiter: string;
  header: string[];
  /** Records after the header, blank ones left out; an overlong record is an empty row with its reason. */
  rows: string[][];
  /** The file line each row starts on (header = its own line). */
  lines: number[];
  /** Rows (0-based index into `rows`) that could not be read as a record, and why. */
  problems: Map<number, string>;
  /** The file line the header starts on (1, or 2 after a `sep=` line, unless blank or title lines come first). */
  headerLine: number;
  /** The non-blank records above the header (title lines), their fields joined by spaces. */
  titleLines: string[];
  /** 2 when the header is written over two records (merged by `mergeHeaderRows`); its second starts on `subHeaderLine`. */
  headerRows: 1 | 2;
  subHeaderLine?: number;
}

const CANDIDATE_DELIMITERS = [',', ';', '\t'] as const;

/**
 * A whole CSV text as a header and rows, with readCsvRecord (linear time, any line endings, Excel's `sep=` line).
 * The delimiter is the `sep=` line's, else the candidate under which `score` rates the header best (by default the
 * one that splits it into the most fields). `maxRows` stops early (previews).
 */
export function readCsvTable(
  text: string,
  options: {
    score?: (names: string[]) => number;
    maxRows?: number;
    /**
     * Look for the header among the first this many non-blank records (default 1: the first): the best scored, the
     * first of equals. Operators' exports often put a title line or two above the header.
     */
    headerWithin?: number;
    /**
     * A header written over two consecutive records: their names read together, or null when they are not one
     * header (see mergeTwoRowHeader). Taken when `score` rates the names better than any single record's.
     */
    mergeHeaderRows?: (upper: string[], lower: string[]) => string[] | null;
  } = {},
): CsvTable {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let at = 0;
  let line = 1;
  let forced: string | null = null;
  const firstBreak = body.search(/\r\n|\n|\r/);
  const separator = /^sep=(.)\s*$/i.exec(body.slice(0, firstBreak < 0 ? body.length : firstBreak));
  if (separator) {
    forced = separator[1];
    at = firstBreak < 0 ? body.length : firstBreak + (body.startsWith('\r\n', firstBreak) ? 2 : 1);
    line = 2;
  }
  const score = options.score ?? ((names: string[]) => names.length);
  const table: CsvTable = {
    delimiter: forced ?? ',',
    header: [],
    rows: [],
    lines: [],
    problems: new Map(),
    headerLine: line,
    titleLines: [],
    headerRows: 1,
  };
  // Header: the first record that is not blank, or the best scored of the first `headerWithin` of them.
  const within = Math.max(1, options.headerWithin ?? 1);
  let chosen: {
    delimiter: string;
    fields: string[];
    end: number;
    score: number;
    line: number;
    startLine: number;
    above: number;
    subHeaderLine?: number;
  } | null = null;
  const nonBlankRecords: string[] = [];
  // The record just before, when it was not blank: the upper row of a two-row header.
  let previous: { delimiter: string; fields: string[]; startLine: number } | null = null;
  let nonBlank = 0;
  let scanAt = at;
  let scanLine = line;
  while (scanAt < body.length && nonBlank < within) {
    let best: { delimiter: string; fields: string[]; end: number; score: number } | null = null;
    let unreadable = false;
    for (const delimiter of forced ? [forced] : CANDIDATE_DELIMITERS) {
      const read = readCsvRecord(body, scanAt, delimiter, true);
      if (read.kind !== 'record') {
        unreadable = true;
        break;
      }
      const value = score(read.fields);
      if (best === null || value > best.score) best = { delimiter, fields: read.fields, end: read.end, score: value };
    }
    if (unreadable || best === null) break;
    const blank = best.fields.every((field) => field.trim() === '');
    const endLine = scanLine + countLineBreaks(body, scanAt, best.end);
    if (!blank) {
      nonBlank++;
      if (chosen === null || best.score > chosen.score) {
        chosen = { ...best, line: endLine, startLine: scanLine, above: nonBlankRecords.length };
      }
      const merged =
        previous && previous.delimiter === best.delimiter && options.mergeHeaderRows
          ? options.mergeHeaderRows(previous.fields, best.fields)
          : null;
      if (previous && merged && score(merged) > (chosen?.score ?? Number.NEGATIVE_INFINITY)) {
        chosen = {
          delimiter: best.delimiter,
          fields: merged,
          end: best.end,
          score: score(merged),
          line: endLine,
          startLine: previous.startLine,
          above: nonBlankRecords.length - 1,
          subHeaderLine: scanLine,
        };
      }
      nonBlankRecords.push(best.fields.join(' ').trim());
      previous = { delimiter: best.delimiter, fields: best.fields, startLine: scanLine };
    } else previous = null;
    scanAt = best.end;
    scanLine = endLine;
  }
  if (chosen === null) return table;
  table.delimiter = chosen.delimiter;
  table.header = chosen.fields;
  table.headerLine = chosen.startLine;
  table.titleLines = nonBlankRecords.slice(0, chosen.above);
  if (chosen.subHeaderLine !== undefined) {
    table.headerRows = 2;
    table.subHeaderLine = chosen.subHeaderLine;
  }
  at = chosen.end;
  line = chosen.line;
  while (at < body.length && (options.maxRows === undefined || table.rows.length < options.maxRows)) {
    const read = readCsvRecord(body, at, table.delimiter, true);
    if (read.kind === 'incomplete') break;
    if (read.kind === 'overlong') {
      table.problems.set(
        table.rows.length,
        `the record is longer than ${MAX_RECORD_CHARS.toLocaleString('en')} characters: not read`,
      );
      table.rows.push([]);
      table.lines.push(line);
      if (read.end < 0) break;
      line++;
      at = read.end;
      continue;
    }
    const startLine = line;
    line += countLineBreaks(body, at, read.end);
    at = read.end;
    if (read.fields.every((field) => field.trim() === '')) continue;
    if (read.problem) {
      table.problems.set(
        table.rows.length,
        read.problem === 'unterminated'
          ? 'unterminated quoted value (a " is never closed)'
          : 'malformed quotes (text right after a closing ")',
      );
    }
    table.rows.push(read.fields);
    table.lines.push(startLine);
  }
  return table;
}
