// The fraction is a group that must start with '.', so the engine never tries the ways of splitting a run of digits
// between \d+ and \d* (with `\d+\.?\d*`, 100,000 digits and an 'x' took 35 s to refuse).
const DECIMAL_POINT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const DECIMAL_COMMA = /^[+-]?\d+,\d+$/;

/**
 * The number a text field holds, or null when it is not a plain decimal number.
 * Accepts "105.8", "-0.5", "1e3", and with `decimalComma` also "16,0544" (one comma, digits on both sides).
 * Thousands separators, units and degree signs are refused rather than guessed.
 */
export function parseDecimal(text: string, decimalComma: boolean): number | null {
  const trimmed = text.trim();
  let value: number;
  if (DECIMAL_POINT.test(trimmed)) value = Number(trimmed);
  else if (decimalComma && DECIMAL_COMMA.test(trimmed)) value = Number(trimmed.replace(',', '.'));
  else return null;
  return Number.isFinite(value) ? value : null;
}
