import { findOperator } from '../model/operators';

/**
 * Canonical operator name for a file's spelling; `known: false` keeps the trimmed spelling as written.
 * Codes are recognised in their full forms only (452-04, 45204): a bare "4" is not an operator.
 */
export function resolveOperatorName(value: string): { name: string; known: boolean } {
  const trimmed = value.trim();
  const operator = findOperator(trimmed);
  return operator ? { name: operator.name, known: true } : { name: trimmed, known: false };
}
