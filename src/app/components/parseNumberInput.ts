/**
 * What a person typed in a number field: "0,8" and "0.8" are both 0.8 (Vietnamese writes a decimal comma), spaces are
 * ignored; in a whole-number field "15.000" and "15,000" are fifteen thousand; anything else is refused with a reason; a number outside [min, max] is refused too. Pure, for the
 * NumberField component and its tests.
 */
export type NumberInput =
  | { ok: true; value: number }
  | { ok: false; reason: 'empty' | 'notNumber' | 'belowMin' | 'aboveMax' | 'notInteger' };

export function parseNumberInput(
  text: string,
  limits: { min?: number; max?: number; integer?: boolean } = {},
): NumberInput {
  const trimmed = text.replace(/\s+/g, '');
  if (trimmed === '') return { ok: false, reason: 'empty' };
  // A whole number written with thousands marks, as Vietnamese ("15.000") or English ("15,000") writes it: groups of
  // three digits after a mark, one kind of mark. Only in whole-number fields, where "15.000" cannot mean 15.
  if (limits.integer && /^[+-]?\d{1,3}([.,])\d{3}(\1\d{3})*$/.test(trimmed)) {
    return parseNumberInput(trimmed.replace(/[.,]/g, ''), limits);
  }
  // One decimal separator, comma or point; no thousands separators (they are refused rather than guessed).
  if (!/^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/.test(trimmed)) return { ok: false, reason: 'notNumber' };
  const value = Number(trimmed.replace(',', '.'));
  if (!Number.isFinite(value)) return { ok: false, reason: 'notNumber' };
  if (limits.integer && !Number.isInteger(value)) return { ok: false, reason: 'notInteger' };
  if (limits.min !== undefined && value < limits.min) return { ok: false, reason: 'belowMin' };
  if (limits.max !== undefined && value > limits.max) return { ok: false, reason: 'aboveMax' };
  return { ok: true, value };
}
