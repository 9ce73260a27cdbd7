import { CliError } from './cliError';
import type { ParsedFlags } from './parseFlags';

export interface NumberFlagRule {
  /** Smallest accepted value; with `exclusive`, values must be above it. */
  min?: number;
  exclusive?: boolean;
  max?: number;
  /** What the number is, for the error: "a frequency in MHz". */
  what: string;
}

/** A numeric flag's value, undefined when absent; a CliError (exit 2, one line) when it is not a valid number. */
export function readNumberFlag(flags: ParsedFlags, name: string, rule: NumberFlagRule): number | undefined {
  const raw = flags[name];
  if (raw === undefined) return undefined;
  const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
  const belowMin = rule.min !== undefined && (rule.exclusive ? !(value > rule.min) : !(value >= rule.min));
  const aboveMax = rule.max !== undefined && !(value <= rule.max);
  if (!Number.isFinite(value) || belowMin || aboveMax) {
    const bounds = [
      rule.min === undefined ? null : `${rule.exclusive ? '>' : '>='} ${rule.min}`,
      rule.max === undefined ? null : `<= ${rule.max}`,
    ]
      .filter((bound) => bound !== null)
      .join(' and ');
    throw new CliError(`--${name} must be ${rule.what}${bounds ? ` ${bounds}` : ''}, got '${String(raw)}'`);
  }
  return value;
}

/** Like readNumberFlag, for a flag the command cannot do without. */
export function requireNumberFlag(flags: ParsedFlags, name: string, rule: NumberFlagRule, valueName: string): number {
  const value = readNumberFlag(flags, name, rule);
  if (value === undefined) throw new CliError(`missing --${name} ${valueName}`);
  return value;
}

/** A count (integer >= 0) flag's value, undefined when absent. */
export function readCountFlag(flags: ParsedFlags, name: string): number | undefined {
  const raw = flags[name];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !/^\s*\d+\s*$/.test(raw)) {
    throw new CliError(`--${name} must be an integer >= 0, got '${String(raw)}'`);
  }
  const count = Number(raw);
  if (!Number.isSafeInteger(count)) throw new CliError(`--${name} is too large: '${raw}'`);
  return count;
}

/** Like readCountFlag, for a flag the command cannot do without. */
export function requireCountFlag(flags: ParsedFlags, name: string, valueName: string): number {
  const value = readCountFlag(flags, name);
  if (value === undefined) throw new CliError(`missing --${name} ${valueName}`);
  return value;
}
