import Papa from 'papaparse';
import { describeNonText } from './describeNonText';
import { resolveTowerColumns } from './resolveTowerColumns';
import { TowerFileError } from './towerFileError';
import type { TowerParseResult } from './towerParseResult';
import type { TowerReadOptions } from './towerReadOptions';
import { TowerTableReader } from './towerTableReader';

/** Delimiters tried on the header row; the one under which it names the most required columns wins. */
const CANDIDATE_DELIMITERS = [',', ';', '\t'] as const;

/**
 * A tower table fed as text in pieces of any size (a whole file, or slices decoded from bytes): each push parses the
 * complete records it can, so memory holds one piece and the towers, not the whole file. Records are cut only at line
 * breaks outside quotes (an even number of `"` before them), so quoted values may span lines and pieces.
 * `row` counts non-empty records after the header (1 = first), `line` is the file's line (header = line 1 when first).
 */
export class CsvTowerStream {
  private pending = '';
  /** Line breaks before `pending` starts. */
  private linesBefore = 0;
  private reader: TowerTableReader | null = null;
  private delimiter = ',';
  /** The file's line break, found on the header line: papaparse need not guess it again for every piece. */
  private newline: '\n' | '\r\n' = '\n';
  private row = 0;
  private started = false;

  constructor(private readonly options: TowerReadOptions = {}) {}

  push(text: string): void {
    this.pending += !this.started && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    if (!this.started) {
      const nonText = describeNonText(this.pending);
      if (nonText) throw new TowerFileError(`not a CSV file: looks like ${nonText}`);
    }
    this.started = true;
    const cut = lastRecordBoundary(this.pending);
    if (cut <= 0) return;
    if (this.reader === null && !this.readHeader(this.pending.slice(0, cut))) return;
    // The header (if just read) has left `pending`: find the boundary again.
    this.consume(lastRecordBoundary(this.pending));
  }

  /** Parse what is left and return the result. Throws TowerFileError for an empty file or missing columns. */
  end(): TowerParseResult {
    if (this.reader === null && !this.readHeader(this.pending)) {
      throw new TowerFileError('the file is empty (no header row)');
    }
    this.consume(this.pending.length);
    return (this.reader as TowerTableReader).result();
  }

  /** Reads the header from the start of `text` when it holds one; consumes it from `pending`. */
  private readHeader(text: string): boolean {
    const headerStart = text.search(/\S/);
    if (headerStart < 0) return false;
    const best = chooseDelimiter(text.slice(headerStart));
    this.delimiter = best.delimiter;
    const headerLine = this.linesBefore + countLineBreaks(text.slice(0, headerStart)) + 1;
    this.reader = new TowerTableReader(best.names, headerLine, {
      ...this.options,
      decimalComma: best.delimiter !== ',',
    });
    const headerEnd = headerStart + best.endOffset;
    this.newline = text.charCodeAt(headerEnd - 2) === 13 ? '\r\n' : '\n';
    this.linesBefore += countLineBreaks(this.pending.slice(0, headerEnd));
    this.pending = this.pending.slice(headerEnd);
    return true;
  }

  /** Parse the first `length` characters of `pending` (whole records) and drop them. */
  private consume(length: number): void {
    if (this.reader === null) return;
    const consumedLength = Math.min(length, this.pending.length);
    const chunk = this.pending.slice(0, consumedLength);
    this.pending = this.pending.slice(consumedLength);
    if (chunk.trim() === '') {
      this.linesBefore += countLineBreaks(chunk);
      return;
    }
    const reader = this.reader;
    const lines = new LineIndex(chunk);
    const base = this.linesBefore;
    let previousCursor = 0;
    Papa.parse<string[]>(chunk, {
      delimiter: this.delimiter,
      // A lone \r (old Mac files) is left to papaparse's guess.
      newline: chunk.includes('\n') ? this.newline : undefined,
      skipEmptyLines: 'greedy',
      step: (result) => {
        this.row++;
        const startOffset = firstContentOffset(chunk, previousCursor, result.meta.cursor);
        const endOffset = result.meta.cursor;
        previousCursor = result.meta.cursor;
        const line = base + lines.lineAt(startOffset);
        const lastLine = base + lines.lineAt(Math.max(startOffset, endOffset - 1));
        const structural = describeStructuralProblem(result.errors, result.data, reader.fieldCount, line, lastLine);
        if (structural) reader.rejectRecord(this.row, line, structural);
        else reader.addRecord(result.data, this.row, line);
      },
    });
    this.linesBefore += lines.lineBreaks;
  }
}

/** Offset just past the last line break that is outside quotes, or 0. */
function lastRecordBoundary(text: string): number {
  const lastBreak = text.lastIndexOf('\n');
  if (lastBreak < 0) return 0;
  // Fast path: no quote at all (most tower tables) means every line break ends a record.
  if (text.indexOf('"') < 0) return lastBreak + 1;
  let inQuotes = false;
  let boundary = 0;
  let at = 0;
  // Jump from quote to quote and line break to line break rather than reading every character.
  while (at < text.length) {
    const nextQuote = text.indexOf('"', at);
    const nextBreak = inQuotes ? -1 : text.indexOf('\n', at);
    if (nextBreak >= 0 && (nextQuote < 0 || nextBreak < nextQuote)) {
      boundary = nextBreak + 1;
      at = nextBreak + 1;
      continue;
    }
    if (nextQuote < 0) break;
    inQuotes = !inQuotes;
    at = nextQuote + 1;
  }
  return boundary;
}

interface CsvHeader {
  delimiter: string;
  names: string[];
  /** Offset just past the header record (and its line break) in the text it was read from. */
  endOffset: number;
}

/** The header record under the delimiter that makes the most sense of it. `text` starts at the header. */
function chooseDelimiter(text: string): CsvHeader {
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
      best = { delimiter, names, endOffset: firstRecordEnd(text) };
    }
  }
  return best as CsvHeader;
}

/** Offset just past the first line break outside quotes (the end of the header record), or the text's length. */
function firstRecordEnd(text: string): number {
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 34) inQuotes = !inQuotes;
    else if (!inQuotes && code === 10) return i + 1;
    else if (!inQuotes && code === 13 && text.charCodeAt(i + 1) !== 10) return i + 1;
  }
  return text.length;
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

function describeStructuralProblem(
  errors: Papa.ParseError[],
  record: readonly string[],
  expectedFields: number,
  firstLine: number,
  lastLine: number,
): string | null {
  const span = lastLine > firstLine ? `lines ${firstLine} to ${lastLine} were read as one record` : '';
  const quote = errors.find((error) => error.type === 'Quotes');
  if (quote) {
    const problem =
      quote.code === 'MissingQuotes'
        ? 'unterminated quoted value (a " is never closed)'
        : 'malformed quotes (text right after a closing ")';
    return span ? `${problem}: ${span}` : problem;
  }
  if (record.length !== expectedFields) {
    const hint = record.length > expectedFields ? ' (a value containing the delimiter without quotes?)' : '';
    return `expected ${expectedFields} fields, found ${record.length}${hint}${span ? `; ${span}` : ''}`;
  }
  if (errors.length > 0) return errors.map((error) => error.message).join('; ');
  return null;
}

function countLineBreaks(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 10 || (code === 13 && text.charCodeAt(i + 1) !== 10)) count++;
  }
  return count;
}

/** 1-based line number of a character offset within one piece; a line ends with \n, \r\n or a lone \r. */
class LineIndex {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === 10 || (code === 13 && text.charCodeAt(i + 1) !== 10)) this.starts.push(i + 1);
    }
  }
  get lineBreaks(): number {
    return this.starts.length - 1;
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
