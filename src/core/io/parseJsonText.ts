import { visit } from 'jsonc-parser';

/** Why text is not JSON: the engine's message (with the line and column) and, when known, where (1-based). */
export interface JsonTextError {
  error: string;
  line?: number;
  column?: number;
}

/**
 * JSON.parse, with a failure turned into `{ error, line, column }`: the engine's message plus the line and column of
 * where the text breaks. With `nonFiniteAsNull`, text that is JSON but for bare `NaN`, `Infinity` or `-Infinity`
 * numbers (Python's json.dump writes them) is read with those values as null, and `nonFinite` counts them: one bad
 * coordinate then costs its feature, not the file.
 */
export function parseJsonText(
  text: string,
  options: { nonFiniteAsNull?: boolean } = {},
): { value: unknown; nonFinite?: number } | JsonTextError {
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    const replaced = options.nonFiniteAsNull ? replaceNonFiniteNumbers(text) : { text, count: 0 };
    if (replaced.count > 0) {
      try {
        return { value: JSON.parse(replaced.text), nonFinite: replaced.count };
      } catch {
        // Not JSON for other reasons too: report the first error.
      }
    }
    return describeJsonError(error, text);
  }
}

function describeJsonError(error: unknown, text: string): JsonTextError {
  // V8 quotes the text around the error, line breaks included: one line for the reader's one-line error.
  const message = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ');
  const given = /line (\d+) column (\d+)/.exec(message);
  if (given) return { error: message, line: Number(given[1]), column: Number(given[2]) };
  // V8 names the position for some errors only ("Unexpected token '}', ... is not valid JSON" names none): a JSON
  // scanner finds where the text stops being JSON.
  const named = /position (\d+)/.exec(message);
  // Text that stops inside its arrays or objects breaks at its end (no scan: "[[[[..." 5 KB deep would overflow the
  // scanner's recursion).
  const atEnd = /Unexpected end of JSON input/.test(message) ? text.length : null;
  const offset = named ? Number(named[1]) : (atEnd ?? firstSyntaxErrorOffset(text));
  if (offset === null) return { error: message };
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return { error: `${message} (line ${line}, column ${column})`, line, column };
}

/**
 * Where strict JSON breaks first (jsonc-parser's scanner, comments and trailing commas refused), or null: its visitor
 * builds nothing, and the walk stops at the first error (a large file is not held twice).
 */
function firstSyntaxErrorOffset(text: string): number | null {
  let offset: number | null = null;
  const stop = new Error('first JSON error found');
  try {
    visit(
      text,
      {
        onError: (_error, at) => {
          offset = at;
          throw stop;
        },
      },
      { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false },
    );
  } catch (error) {
    // The scanner recurses per nesting level: text nested deeper than the stack allows has no position to give
    // (the engine's message still says what is wrong).
    if (error instanceof RangeError) return null;
    if (error !== stop) throw error;
  }
  return offset;
}

/** A JSON error's code and values for the UI (`invalidJson`, with the line and column when known). */
export function invalidJsonWorded(parsed: JsonTextError): {
  code: 'invalidJson';
  params: Record<string, string | number>;
} {
  const params: Record<string, string | number> = { detail: parsed.error };
  if (parsed.line !== undefined && parsed.column !== undefined) {
    params.line = parsed.line;
    params.column = parsed.column;
  }
  return { code: 'invalidJson', params };
}

/** `NaN`, `Infinity`, `-Infinity` outside strings replaced by `null`, in one pass. */
function replaceNonFiniteNumbers(text: string): { text: string; count: number } {
  const parts: string[] = [];
  let count = 0;
  let from = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 92) i++;
      else if (code === 34) inString = false;
      continue;
    }
    if (code === 34) {
      inString = true;
      continue;
    }
    const word = code === 78 && text.startsWith('NaN', i) ? 3 : code === 73 && text.startsWith('Infinity', i) ? 8 : 0;
    if (word > 0) {
      const start = i > 0 && text.charCodeAt(i - 1) === 45 ? i - 1 : i;
      parts.push(text.slice(from, start), 'null');
      from = i + word;
      i += word - 1;
      count++;
    }
  }
  if (count === 0) return { text, count };
  parts.push(text.slice(from));
  return { text: parts.join(''), count };
}
