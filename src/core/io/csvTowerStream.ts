import { classifyNonText } from './describeNonText';
import {
  type CsvRecordRead,
  countLineBreaks,
  isStrayQuote,
  MAX_RECORD_CHARS,
  nextLineStart,
  RECORD_TOO_LONG,
  type RecordProblem,
  readCsvRecord,
  STRAY_QUOTE,
  UNTERMINATED_QUOTE,
} from './readCsvRecord';
import { resolveTowerColumns } from './resolveTowerColumns';
import { TowerFileError } from './towerFileError';
import type { TowerParseResult } from './towerParseResult';
import type { TowerReadOptions } from './towerReadOptions';
import { TowerTableReader } from './towerTableReader';

/** Delimiters tried on the header row; the one under which it names the most required columns wins. */
const CANDIDATE_DELIMITERS = [',', ';', '\t'] as const;

/**
 * A tower table fed as text in pieces of any size (a whole file, or slices decoded from bytes): each push reads the
 * complete records it can, so memory holds one piece and the towers, not the whole file. The result does not depend on
 * where the pieces are cut. Records are read by readCsvRecord (linear time; CRLF, LF and CR mixed freely).
 * Damage stays local: a record longer than MAX_RECORD_CHARS is rejected without being held; a quoted value that never
 * closes, or a quoted value that runs over several lines into a record that does not fit the header, costs its first
 * line only, and the next lines are read on their own; a row holding a NUL character is rejected alone.
 * Excel's `sep=;` first line sets the delimiter. `row` counts non-empty records after the header (1 = first), `line`
 * is the file's line (header = line 1 when first).
 */
export class CsvTowerStream {
  private pending = '';
  /** Line breaks before `pending` starts. */
  private linesBefore = 0;
  private reader: TowerTableReader | null = null;
  private delimiter: string | null = null;
  private row = 0;
  private started = false;
  /** Inside an overlong record whose line break has not come yet: text is dropped up to it. */
  private skippingLine = false;

  constructor(private readonly options: TowerReadOptions = {}) {}

  push(text: string): void {
    this.pending += !this.started && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    if (!this.started) {
      const nonText = classifyNonText(this.pending);
      if (nonText) {
        throw new TowerFileError(`not a CSV file: looks like ${nonText.words}`, {
          code: 'notText',
          params: { looksLike: nonText.words, kind: nonText.kind },
        });
      }
    }
    this.started = true;
    this.consume(false);
  }

  /** Read what is left and return the result. Throws TowerFileError for an empty file or missing columns. */
  end(): TowerParseResult {
    this.consume(true);
    if (this.reader === null) throw new TowerFileError('the file is empty (no header row)', { code: 'emptyFile' });
    return this.reader.result();
  }

  /** Reads every complete record of `pending` and drops it (all of it when `final`). */
  private consume(final: boolean): void {
    let at = 0;
    const text = this.pending;
    while (at < text.length) {
      if (this.skippingLine) {
        const next = nextLineStart(text, at);
        if (next < 0 || (next === text.length && text.charCodeAt(next - 1) === 13 && !final)) {
          // Keep a trailing CR: its LF may come in the next piece.
          at = text.charCodeAt(text.length - 1) === 13 && !final ? text.length - 1 : text.length;
          break;
        }
        this.linesBefore += 1;
        at = next;
        this.skippingLine = false;
        continue;
      }
      const read = this.reader === null ? this.readHeader(text, at, final) : this.readRow(text, at, final);
      if (read < 0) break;
      at = read;
    }
    this.pending = text.slice(at);
  }

  /** Reads the header (or the `sep=` line) at `at`; returns where reading goes on, or -1 to wait for more text. */
  private readHeader(text: string, at: number, final: boolean): number {
    if (this.delimiter === null) {
      const lineEnd = nextLineStart(text, at);
      if (lineEnd < 0 && !final && text.length - at < 16) return -1;
      const separator = /^sep=(.)\s*$/i.exec(text.slice(at, lineEnd < 0 ? text.length : lineEnd));
      if (separator) {
        this.delimiter = separator[1];
        this.linesBefore += countLineBreaks(text, at, lineEnd < 0 ? text.length : lineEnd);
        return lineEnd < 0 ? text.length : lineEnd;
      }
    }
    const candidates = this.delimiter === null ? CANDIDATE_DELIMITERS : [this.delimiter];
    let best: { delimiter: string; names: string[]; end: number; score: number } | null = null;
    for (const delimiter of candidates) {
      const read = readCsvRecord(text, at, delimiter, final);
      if (read.kind === 'incomplete') return -1;
      if (read.kind === 'overlong') {
        throw new TowerFileError(`the header line is longer than ${MAX_RECORD_CHARS.toLocaleString('en')} characters`, {
          code: 'headerTooLong',
          params: { max: MAX_RECORD_CHARS },
        });
      }
      if (read.fields.every((field) => field.trim() === '')) {
        this.linesBefore += countLineBreaks(text, at, read.end);
        return read.end;
      }
      const columns = resolveTowerColumns(read.fields);
      // Required columns found first, then number of columns: "id;operator;lon;lat" has no comma at all.
      const score = (4 - columns.missing.length) * 1000 + read.fields.length;
      if (best === null || score > best.score) best = { delimiter, names: read.fields, end: read.end, score };
    }
    const header = best as { delimiter: string; names: string[]; end: number };
    this.delimiter = header.delimiter;
    this.reader = new TowerTableReader(this.options.headerNames ?? header.names, this.linesBefore + 1, {
      ...this.options,
      decimalComma: header.delimiter !== ',',
    });
    this.linesBefore += countLineBreaks(text, at, header.end);
    return header.end;
  }

  /** Reads one record at `at` into the reader; returns where reading goes on, or -1 to wait for more text. */
  private readRow(text: string, at: number, final: boolean): number {
    const reader = this.reader as TowerTableReader;
    const read: CsvRecordRead = readCsvRecord(text, at, this.delimiter as string, final);
    if (read.kind === 'incomplete') return -1;
    const line = this.linesBefore + 1;
    if (read.kind === 'overlong') {
      this.row++;
      reader.rejectRecord(
        this.row,
        line,
        RECORD_TOO_LONG.reason,
        undefined,
        RECORD_TOO_LONG.code,
        RECORD_TOO_LONG.params,
      );
      if (read.end < 0) {
        this.skippingLine = true;
        return text.length;
      }
      this.linesBefore += 1;
      return read.end;
    }
    const lineBreaks = countLineBreaks(text, at, read.end);
    if (read.fields.every((field) => field.trim() === '')) {
      this.linesBefore += lineBreaks;
      return read.end;
    }
    if (isStrayQuote(text, at, read, reader.fieldCount)) {
      // A stray quote swallowed the next lines: reject this line alone and read the next ones on their own.
      const lineEnd = nextLineStart(text, at);
      this.row++;
      reader.rejectRecord(
        this.row,
        line,
        STRAY_QUOTE.reason,
        text
          .slice(at, lineEnd)
          .replace(/\r?\n$|\r$/, '')
          .split(this.delimiter as string),
        STRAY_QUOTE.code,
      );
      this.linesBefore += 1;
      return lineEnd;
    }
    this.row++;
    this.linesBefore += lineBreaks;
    const problem = describeStructuralProblem(read.problem, read.fields, reader.fieldCount);
    if (problem) reader.rejectRecord(this.row, line, problem.reason, read.fields, problem.code, problem.params);
    else reader.addRecord(read.fields, this.row, line);
    return read.end;
  }
}

/** What is wrong with a record's structure, with a code for messages in the UI's language; null when nothing. */
function describeStructuralProblem(
  quoteProblem: 'unterminated' | 'malformed' | null,
  record: readonly string[],
  expectedFields: number,
): RecordProblem | null {
  if (quoteProblem === 'unterminated') return UNTERMINATED_QUOTE;
  if (quoteProblem === 'malformed') {
    return { reason: 'malformed quotes (text right after a closing ")', code: 'malformedQuote' };
  }
  if (record.length !== expectedFields) {
    const hint = record.length > expectedFields ? ' (a value containing the delimiter without quotes?)' : '';
    return {
      reason: `expected ${expectedFields} fields, found ${record.length}${hint}`,
      code: 'fieldCount',
      params: { expected: expectedFields, found: record.length },
    };
  }
  if (record.some((field) => field.includes('\u0000'))) {
    return { reason: 'the row holds a NUL character (binary data?)', code: 'nulByte' };
  }
  return null;
}
