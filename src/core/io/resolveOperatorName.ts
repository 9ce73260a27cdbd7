import { findOperator } from '../model/operators';

/**
 * Canonical operator name for a file's spelling; `known: false` keeps the trimmed spelling as written.
 * A one-digit MNC ("4", as spreadsheets write "04") is read as its two-digit code.
 */
export function resolveOperatorName(value: string): { name: string; known: boolean } {
  const trimmed = value.trim();
  const operator = findOperator(trimmed) ?? (/^\d$/.test(trimmed) ? findOperator(`0${trimmed}`) : null);
  return operator ? { name: operator.name, known: true } : { name: trimmed, known: false };
}
