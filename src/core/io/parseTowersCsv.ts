import Papa from 'papaparse';
import type { InputProblem, Tower } from '../model/tower';
import { buildTower, type RawTowerValues } from './buildTower';
import { describeNonText } from './describeNonText';
import { resolveTowerColumns } from './resolveTowerColumns';
import type { TowerField } from './towerFields';
import { TowerFileError } from './towerFileError';
import type { TowerParseResult } from './towerParseResult';

/** Delimiters tried on the header row; the one under which it names the most required columns wins. */
const CANDIDATE_DELIMITERS = [',', ';', '\t'] as const;

/**
 * Read a tower table (CSV, semicolon- or tab-separated; UTF-8, BOM allowed).
 * Column names are matched loosely (see TOWER_FIELD_COLUMN_NAMES). Each non-empty record after the header is either
 * accepted or rejected with its record number (`row`, 1 = first after the header), file line (`line`) and reason.
 * Throws TowerFileError only when the file as a whole is unusable: not text, empty, or required columns missing.
 */
export function parseTowersCsv(text: string): TowerParseResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const nonText = describeNonText(body);
  if (nonText) throw new TowerFileError(`not a CSV file: looks like ${nonText}`);

  const lines = new LineIndex(body);
  const headerStart = body.search(/\S/);
  if (headerStart < 0) throw new TowerFileError('the file is empty (no header row)');
  const header = readHeader(body.slice(headerStart));
  const columns = resolveTowerColumns(header.names);
  if (columns.missing.length > 0) {
    throw new TowerFileError(missingColumnsMessage(columns.missing, header.names));
  }
  const headerLine = lines.lineAt(headerStart);

  const towers: Tower[] = [];
  const rejected: InputProblem[] = [];
  const warnings: InputProblem[] = [];
  const unusedNames = columns.unusedIndices.map((i) => header.names[i].trim() || `column ${i + 1} (no name)`);
  if (unusedNames.length > 0) {
    warnings.push({ row: 0, line: headerLine, reason: `column(s) not used: ${unusedNames.join(', ')}` });
  }

  const acceptedRowById = new Map<string, number>();
  const decimalComma = header.delimiter !== ',';
  const fieldEntries = Object.entries(columns.indexByField) as [TowerField, number][];
  const operatorAlternates = columns.alternateIndicesByField.operator ?? [];
  const rest = body.slice(headerStart);
  let row = 0;
  let previousCursor = header.endOffset;

  Papa.parse<Record<string, string | string[] | undefined>>(rest, {
    header: true,
    delimiter: header.delimiter,
    skipEmptyLines: 'greedy',
    // Column positions as keys: unique even when header names repeat, and papaparse then has nothing to rename.
    transformHeader: (_name, index) => `c${index}`,
    step: (result) => {
      row++;
      const startOffset = headerStart + firstContentOffset(rest, previousCursor, result.meta.cursor);
      const endOffset = headerStart + result.meta.cursor;
      previousCursor = result.meta.cursor;
      const line = lines.lineAt(startOffset);
      const record = result.data;

      const lastLine = lines.lineAt(Math.max(startOffset, endOffset - 1));
      const structural = describeStructuralErrors(result.errors, record, header.names.length, line, lastLine);
      if (structural) {
        rejected.push({ row, line, reason: structural });
        return;
      }
      const values: RawTowerValues = {};
      for (const [field, index] of fieldEntries) values[field] = record[`c${index}`];
      const crossChecks = operatorAlternates.map((index) => ({
        column: header.names[index].trim(),
        value: record[`c${index}`],
      }));
      const outcome = buildTower(values, { decimalComma, acceptedRowById }, crossChecks);
      if (outcome.tower) {
        towers.push(outcome.tower);
        acceptedRowById.set(outcome.tower.id, row);
        for (const warning of outcome.warnings) warnings.push({ row, line, ...warning });
      } else {
        rejected.push({ row, line, field: outcome.problems[0].field, reason: joinReasons(outcome.problems) });
      }
    },
  });
  return { towers, rejected, warnings };
}

interface CsvHeader {
  delimiter: string;
  names: string[];
  /** Offset just past the header record (and its line break) in the text it was read from. */
  endOffset: number;
}

/** The header record under the delimiter that makes the most sense of it. `text` starts at the header. */
function readHeader(text: string): CsvHeader {
  let best: CsvHeader | null = null;
  let bestScore = -1;
  for (const delimiter of CANDIDATE_DELIMITERS) {
    const parsed = Papa.parse<string[]>(text, { delimiter, preview: 1 });
    const names = parsed.data[0] ?? [];
    const columns = resolveTowerColumns(names);
    // Required columns found first, then number of columns: "id;operator;lon;lat" has no comma at all.
    const score = (4 - columns.missing.length) * 1000 + names.length;
    if (score > bestScore) {
      bestScore = score;
      best = { delimiter, names, endOffset: parsed.meta.cursor };
    }
  }
  return best as CsvHeader;
}

/**
 * Offset of the first line of a record: papaparse's cursor marks where the previous record ended, and lines it skipped
 * as empty (blanks, bare delimiters) may lie between.
 */
function firstContentOffset(text: string, from: number, recordEnd: number): number {
  let offset = from;
  while (offset < recordEnd) {
    const lineEnd = text.indexOf('\n', offset);
    if (lineEnd < 0 || lineEnd >= recordEnd - 1) break;
    if (!/^[\s,;\t]*$/.test(text.slice(offset, lineEnd))) break;
    offset = lineEnd + 1;
  }
  return offset;
}

function describeStructuralErrors(
  errors: Papa.ParseError[],
  record: Record<string, unknown>,
  expectedFields: number,
  firstLine: number,
  lastLine: number,
): string | null {
  if (errors.length === 0) return null;
  const span = lastLine > firstLine ? `lines ${firstLine} to ${lastLine} were read as one record` : '';
  const quote = errors.find((error) => error.type === 'Quotes');
  if (quote) {
    const problem =
      quote.code === 'MissingQuotes'
        ? 'unterminated quoted value (a " is never closed)'
        : 'malformed quotes (text right after a closing ")';
    return span ? `${problem}: ${span}` : problem;
  }
  const mismatch = errors.find((error) => error.type === 'FieldMismatch');
  if (mismatch) {
    const extra = record.__parsed_extra;
    const found =
      Object.keys(record).filter((key) => key !== '__parsed_extra' && record[key] !== undefined).length +
      (Array.isArray(extra) ? extra.length : 0);
    const hint = mismatch.code === 'TooManyFields' ? ' (a value containing the delimiter without quotes?)' : '';
    return `expected ${expectedFields} fields, found ${found}${hint}${span ? `; ${span}` : ''}`;
  }
  return errors.map((error) => error.message).join('; ');
}

function joinReasons(problems: { reason: string }[]): string {
  return problems.map((problem) => problem.reason).join('; ');
}

function missingColumnsMessage(missing: readonly string[], found: readonly string[]): string {
  const foundList = found.map((name) => name.trim()).filter((name) => name !== '');
  const numeric = foundList.filter((name) => /^[+-]?\d+([.,]\d+)?$/.test(name)).length;
  const noHeader = numeric >= 2 ? ' — the first line holds data, not a header row' : '';
  return `missing column(s) ${missing.join(', ')} (found: ${foundList.join(', ') || 'nothing'})${noHeader}`;
}

/** 1-based line number of a character offset; a line ends with \n, \r\n or a lone \r. */
class LineIndex {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === 10 || (code === 13 && text.charCodeAt(i + 1) !== 10)) this.starts.push(i + 1);
    }
  }
  lineAt(offset: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.starts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  }
}
