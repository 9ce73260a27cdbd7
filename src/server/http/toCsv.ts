/**
 * CSV for spreadsheets: UTF-8 with a BOM (so Excel reads Vietnamese text), CRLF line ends, every field quoted when it
 * holds a delimiter, quote or line break. A field starting with = + - @ (or a tab or carriage return) is prefixed with
 * an apostrophe so that a spreadsheet shows it as text instead of running it as a formula (CSV injection).
 */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const lines = [header, ...rows].map((row) => row.map(csvField).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'string' ? value : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
