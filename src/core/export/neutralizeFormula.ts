const FORMULA_START = /^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/;

/** A number as text: Excel reads it as a number, never as a formula ("-5.2", "+3", "1e5", "16,05"). */
const PLAIN_NUMBER = /^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$/;

/**
 * A text cell a spreadsheet would run as a formula (OWASP's CSV injection rule: it starts with = + - @, a tab or a
 * carriage return, or a line feed or the full-width ＝ ＋ － ＠ some spreadsheets also take, as the server's CSV does)
 * prefixed with an apostrophe, so Excel and LibreOffice show it as text. Text that is a plain number
 * ("-5.2") is left as it is: a spreadsheet reads it as the number, not a formula, and a layer read from CSV (where
 * every value is text) keeps its numbers when written back. Numbers themselves are never passed here.
 * The apostrophe stays in the file: reading the export back gives "'=HYPERLINK(...)", the safe form.
 */
export function neutralizeFormula(text: string): string {
  if (text === '' || !FORMULA_START.test(text) || PLAIN_NUMBER.test(text)) return text;
  return `'${text}`;
}
