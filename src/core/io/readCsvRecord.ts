/**
 * One CSV record read from a position in a text, in time linear in its length (no rescanning: a field of a million
 * escaped quotes takes as long as a million letters). Line breaks are CRLF, LF or a lone CR, mixed freely; quoted
 * values may hold delimiters, quotes ("") and line breaks.
 */

/** Longest record read, in characters: no tower row comes near; a longer one is rejected, not held in memory. */
export const MAX_RECORD_CHARS = 1024 * 1024;

export type CsvRecordRead =
  /** The text ends inside the record (more may come): read again from the same start with more text. */
  | { kind: 'incomplete' }
  | {
      kind: 'record';
      fields: string[];
      /** Offset just past the record and its line break. */
      end: number;
      /** A quote problem, or null. */
      problem: 'unterminated' | 'malformed' | null;
    }
  /** Longer than MAX_RECORD_CHARS: `end` is past the next line break, or -1 when the text holds none yet. */
  | { kind: 'overlong'; end: number };

const QUOTE = 34;
const CR = 13;
const LF = 10;

/**
 * The record that starts at `start`. `final` says the text is complete (no more pieces). A quoted value still open at
 * the end of the text, or open for more than MAX_RECORD_CHARS, is 'unterminated': the record is then cut at the end
 * of its first line (the reader rejects that line and reads on).
 */
export function readCsvRecord(text: string, start: number, delimiter: string, final: boolean): CsvRecordRead {
  const delimiterCode = delimiter.charCodeAt(0);
  const length = text.length;
  const limit = start + MAX_RECORD_CHARS;
  const fields: string[] = [];
  let problem: 'unterminated' | 'malformed' | null = null;
  let i = start;
  for (;;) {
    let field = '';
    if (text.charCodeAt(i) === QUOTE) {
      i++;
      let closed = false;
      while (!closed) {
        const quote = text.indexOf('"', i);
        if (quote < 0 || quote > limit) {
          if (!final && quote < 0 && length <= limit) return { kind: 'incomplete' };
          return cutAtFirstLine(text, start, delimiter);
        }
        if (quote + 1 === length && !final) return { kind: 'incomplete' };
        field += text.slice(i, quote);
        if (text.charCodeAt(quote + 1) === QUOTE) {
          field += '"';
          i = quote + 2;
        } else {
          i = quote + 1;
          closed = true;
        }
      }
      // Spaces between a closing quote and the delimiter are tolerated; anything else is kept, and marked.
      let after = i;
      while (text.charCodeAt(after) === 32 || text.charCodeAt(after) === 9) after++;
      const next = text.charCodeAt(after);
      if (after < length && next !== delimiterCode && next !== CR && next !== LF) {
        problem = problem ?? 'malformed';
        const rest = scanUnquoted(text, i, delimiterCode, limit);
        if (rest < 0) return overlong(text, start);
        field += text.slice(i, rest);
        i = rest;
      } else if (after === length && !final) {
        return { kind: 'incomplete' };
      } else i = after;
    } else {
      const stop = scanUnquoted(text, i, delimiterCode, limit);
      if (stop < 0) return overlong(text, start);
      field = text.slice(i, stop);
      i = stop;
    }
    fields.push(field);
    if (i >= length) {
      if (!final) return { kind: 'incomplete' };
      return { kind: 'record', fields, end: length, problem };
    }
    const code = text.charCodeAt(i);
    if (code === delimiterCode) {
      i++;
      if (i >= length) {
        if (!final) return { kind: 'incomplete' };
        fields.push('');
        return { kind: 'record', fields, end: length, problem };
      }
      continue;
    }
    // A line break: CR at the very end may be the first half of CRLF.
    if (code === CR && i + 1 === length && !final) return { kind: 'incomplete' };
    const end = code === CR && text.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
    return { kind: 'record', fields, end, problem };
  }
}

/** Offset of the next delimiter or line break from `from` (or the text's end); -1 past `limit`. */
function scanUnquoted(text: string, from: number, delimiterCode: number, limit: number): number {
  const length = text.length;
  for (let i = from; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code === delimiterCode || code === LF || code === CR) return i;
    if (i > limit) return -1;
  }
  return length > limit ? -1 : length;
}

/** Offset just past the first line break at or after `from` (CRLF, LF or CR), or -1 when there is none. */
export function nextLineStart(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === LF) return i + 1;
    if (code === CR) return text.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
  }
  return -1;
}

function overlong(text: string, start: number): CsvRecordRead {
  return { kind: 'overlong', end: nextLineStart(text, start) };
}

/**
 * A record whose quoted value never closes: its first line alone, read as unquoted fields, marked unterminated.
 * A first line that is itself too long is 'overlong'.
 */
function cutAtFirstLine(text: string, start: number, delimiter: string): CsvRecordRead {
  const end = nextLineStart(text, start);
  const lineEnd = end < 0 ? text.length : end;
  if (lineEnd - start > MAX_RECORD_CHARS) return { kind: 'overlong', end };
  const line = text.slice(start, lineEnd).replace(/\r?\n$|\r$/, '');
  return { kind: 'record', fields: line.split(delimiter), end: lineEnd, problem: 'unterminated' };
}

/** Line breaks in text[from, to): CRLF, LF and a lone CR count one each. */
export function countLineBreaks(text: string, from = 0, to = text.length): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code === LF || (code === CR && text.charCodeAt(i + 1) !== LF)) count++;
  }
  return count;
}

/** What is wrong with a record, with a code (and parameters) for messages in the UI's language. */
export interface RecordProblem {
  reason: string;
  code: string;
  params?: Record<string, string | number>;
}

/** A record longer than MAX_RECORD_CHARS: not read. */
export const RECORD_TOO_LONG: RecordProblem = {
  reason: `the record is longer than ${MAX_RECORD_CHARS.toLocaleString('en')} characters (a missing line break or quote?): not read`,
  code: 'recordTooLong',
  params: { max: MAX_RECORD_CHARS },
};

/** A quoted value that swallowed the next lines: the line alone is rejected (see isStrayQuote). */
export const STRAY_QUOTE: RecordProblem = {
  reason:
    'a quoted value runs past the end of the line and the record does not fit the header (a stray "?): ' +
    'this line is rejected, the next lines are read on their own',
  code: 'strayQuote',
};

export const UNTERMINATED_QUOTE: RecordProblem = {
  reason: 'unterminated quoted value (a " is never closed)',
  code: 'unterminatedQuote',
};

/**
 * Whether a record read at `start` is a stray quote's doing rather than a value over several lines: it spans a line
 * break and does not fit the header (a quote problem, or not `fieldCount` fields). Its line is then rejected alone
 * (STRAY_QUOTE) and reading goes on at the next line.
 */
export function isStrayQuote(
  text: string,
  start: number,
  read: Extract<CsvRecordRead, { kind: 'record' }>,
  fieldCount: number,
): boolean {
  const lineBreaks = countLineBreaks(text, start, read.end);
  const last = text.charCodeAt(read.end - 1);
  const spansLines = lineBreaks > 1 || (lineBreaks === 1 && last !== LF && last !== CR);
  return spansLines && (read.problem !== null || read.fields.length !== fieldCount);
}
