/**
 * JSON.parse, with a failure turned into `{ error }`: the engine's message plus the line and column of the reported
 * position when the message gives only a character offset. With `nonFiniteAsNull`, text that is JSON but for bare
 * `NaN`, `Infinity` or `-Infinity` numbers (Python's json.dump writes them) is read with those values as null, and
 * `nonFinite` counts them: one bad coordinate then costs its feature, not the file.
 */
export function parseJsonText(
  text: string,
  options: { nonFiniteAsNull?: boolean } = {},
): { value: unknown; nonFinite?: number } | { error: string } {
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
    return { error: describeJsonError(error, text) };
  }
}

function describeJsonError(error: unknown, text: string): string {
  // V8 quotes the text around the error, line breaks included: one line for the reader's one-line error.
  const message = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ');
  const position = /position (\d+)/.exec(message);
  if (!position || /line \d+/.test(message)) return message;
  const before = text.slice(0, Number(position[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `${message} (line ${line}, column ${column})`;
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
