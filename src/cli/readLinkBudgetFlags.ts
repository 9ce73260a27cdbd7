import type { SignalRunSettings } from '../core/coverage/prepareSignalRun';
import { findOperator } from '../core/model/operators';
import { CliError } from './cliError';
import type { FlagSpec, ParsedFlags } from './parseFlags';
import { readNumberFlag } from './readNumberFlag';

/** The link budget's flags, the same for every command that predicts signal (coverage, propose --model). */
export const LINK_BUDGET_FLAGS = {
  'frequency-mhz': {
    type: 'string',
    valueName: 'F',
    description: "carrier frequency for every operator, MHz (default: presets')",
  },
  'shadowing-margin-db': {
    type: 'string',
    valueName: 'DB',
    description: 'shadowing (slow fading) margin taken off every signal, dB (default 8.3: 95% at the edge)',
  },
  'eirp-dbm': {
    type: 'string',
    valueName: 'OPERATOR=DBM,...',
    description: "total EIRP per operator, e.g. Viettel=60,MobiFone=62 (default: the band presets')",
  },
  indoor: {
    type: 'boolean',
    description: 'indoor service: the building penetration loss and the indoor threshold (-100 dBm)',
  },
  'indoor-loss-db': {
    type: 'string',
    valueName: 'DB',
    description: 'building penetration loss with --indoor, dB (default 20)',
  },
  metropolitan: { type: 'boolean', description: 'cost231 only: metropolitan centre, Cm = 3 dB' },
} as const satisfies FlagSpec;

export const LINK_BUDGET_FLAG_NAMES = Object.keys(LINK_BUDGET_FLAGS) as Array<keyof typeof LINK_BUDGET_FLAGS>;

export type LinkBudgetSettings = Pick<
  SignalRunSettings,
  'frequencyMHz' | 'shadowingMarginDb' | 'indoor' | 'indoorLossDb' | 'eirpDbmByOperator' | 'metropolitan'
>;

/** The link budget's flags read, with one-line refusals (exit 2) naming the flag. */
export function readLinkBudgetFlags(flags: ParsedFlags): LinkBudgetSettings {
  const frequencyMHz = readNumberFlag(flags, 'frequency-mhz', { min: 0, exclusive: true, what: 'a frequency in MHz' });
  const shadowingMarginDb = readNumberFlag(flags, 'shadowing-margin-db', { min: 0, max: 60, what: 'a margin in dB' });
  const indoorLossDb = readNumberFlag(flags, 'indoor-loss-db', { min: 0, max: 60, what: 'a loss in dB' });
  if (indoorLossDb !== undefined && flags.indoor !== true) throw new CliError('--indoor-loss-db needs --indoor');
  return {
    frequencyMHz,
    shadowingMarginDb,
    indoor: flags.indoor === true,
    indoorLossDb,
    eirpDbmByOperator: readEirpFlag(flags['eirp-dbm']),
    metropolitan: flags.metropolitan === true,
  };
}

function readEirpFlag(value: unknown): Record<string, number> | undefined {
  if (typeof value !== 'string') return undefined;
  const result: Record<string, number> = {};
  for (const part of value.split(',')) {
    const [name = '', dbm = '', ...rest] = part.split('=');
    const operator = findOperator(name.trim());
    const number = Number(dbm.trim());
    if (!operator || rest.length > 0 || dbm.trim() === '' || !Number.isFinite(number) || number < 0 || number > 100) {
      throw new CliError(`--eirp-dbm: '${part.trim()}' is not OPERATOR=DBM (an operator and an EIRP of 0-100 dBm)`);
    }
    result[operator.name] = number;
  }
  return result;
}
