/**
 * CSV for spreadsheets, following OWASP's CSV-injection advice: UTF-8 with a BOM (so Excel reads Vietnamese text),
 * CRLF line ends, every text cell in double quotes (inner quotes doubled, so no delimiter of any locale, ',' or ';',
 * can start a new cell inside it), and a text cell starting with = + - @, a tab, CR or LF (or their full-width forms
 * ＝ ＋ － ＠) prefixed with an apostrophe, so a spreadsheet shows it as text instead of running it as a formula.
 * Numbers stay numbers: a JavaScript number is written bare (a negative one, -5.2, is a value, not a formula), and so
 * is a text that is exactly a plain decimal number such as "-5.2" (nothing in it can call a function).
 */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const lines = [header, ...rows].map((row) => row.map(csvField).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

const FORMULA_START = /^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  let text = typeof value === 'string' ? value : String(value);
  if (PLAIN_NUMBER.test(text)) return text;
  if (FORMULA_START.test(text)) text = `'${text}`;
  return `"${text.replaceAll('"', '""')}"`;
}
