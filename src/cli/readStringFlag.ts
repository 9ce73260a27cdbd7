import { CliError } from './cliError';
import type { ParsedFlags } from './parseFlags';

/** A string flag's value (a path, a name), undefined when absent. */
export function readStringFlag(flags: ParsedFlags, name: string): string | undefined {
  const value = flags[name];
  return typeof value === 'string' ? value : undefined;
}

/** A string flag the command cannot do without: `missing --towers FILE` (exit 2, one line) when absent. */
export function requireStringFlag(flags: ParsedFlags, name: string, valueName: string): string {
  const value = readStringFlag(flags, name);
  if (value === undefined) throw new CliError(`missing --${name} ${valueName}`);
  return value;
}

/** A flag taking one of a list of words, `fallback` when absent. */
export function readChoiceFlag<T extends string>(
  flags: ParsedFlags,
  name: string,
  choices: readonly T[],
  fallback: T,
): T {
  const value = flags[name];
  if (value === undefined) return fallback;
  const lower = typeof value === 'string' ? value.toLowerCase() : '';
  if (!(choices as readonly string[]).includes(lower)) {
    throw new CliError(`--${name} must be one of ${choices.join(', ')}, got '${String(value)}'`);
  }
  return lower as T;
}
