import { CliError } from './cliError';
import type { ParsedFlags } from './parseFlags';
import { readNumberFlag } from './readNumberFlag';

/** --k-factor K: a number > 0 or a fraction such as 4/3 (as help writes the default); `fallback` when absent. */
export function readKFactorFlag(flags: ParsedFlags, fallback: number): number {
  const raw = flags['k-factor'];
  const fraction = typeof raw === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)\s*$/.exec(raw) : null;
  if (fraction) {
    const value = Number(fraction[1]) / Number(fraction[2]);
    if (!(Number.isFinite(value) && value > 0)) {
      throw new CliError(`--k-factor must be an Earth radius factor > 0, got '${String(raw)}'`);
    }
    return value;
  }
  return readNumberFlag(flags, 'k-factor', { min: 0, exclusive: true, what: 'an Earth radius factor' }) ?? fallback;
}
