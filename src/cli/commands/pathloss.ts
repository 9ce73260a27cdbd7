import {
  isPathLossModelId,
  PATH_LOSS_MODEL_IDS,
  type PathLossModelId,
  pathLossDb,
  resolvePathLossSetup,
} from '../../core/propagation/pathLossModels';
import type { CliCommand } from '../cliCommand';
import { CliError } from '../cliError';
import { readNumberFlag, requireNumberFlag } from '../readNumberFlag';

export const pathlossCommand: CliCommand = {
  name: 'pathloss',
  summary: 'compute one path loss with a propagation model (free space, COST-231 Hata, 3GPP 38.901) as JSON',
  usage: [
    `cosite pathloss --model ${PATH_LOSS_MODEL_IDS.join('|')} --frequency-mhz F --distance-m D`,
    '                [--tx-height-m H] [--rx-height-m H] [--metropolitan] [--json]',
    '',
    'Prints {"path_loss_db": x, ...} with the inputs used. D is the ground distance (the 38.901 models take the 3D',
    'distance from it and the heights; free space takes D as the distance between the antennas). Heights default to',
    "the model's typical base station (UMa 25 m, UMi 10 m, RMa 35 m, COST-231 30 m) and a 1.5 m terminal. Inputs",
    'outside the model\'s validity range are computed anyway; each such warning goes to stderr and into "warnings".',
  ].join('\n'),
  flags: {
    model: { type: 'string', valueName: 'MODEL', description: `one of ${PATH_LOSS_MODEL_IDS.join(', ')}` },
    'frequency-mhz': { type: 'string', valueName: 'F', description: 'carrier frequency, MHz (> 0)' },
    'distance-m': { type: 'string', valueName: 'D', description: 'ground distance, m (> 0)' },
    'tx-height-m': { type: 'string', valueName: 'H', description: "base station antenna height, m (default: model's)" },
    'rx-height-m': { type: 'string', valueName: 'H', description: 'terminal height, m (default 1.5)' },
    metropolitan: { type: 'boolean', description: 'COST-231 only: metropolitan centre, Cm = 3 dB (default 0 dB)' },
    'street-width-m': { type: 'string', valueName: 'W', description: 'RMa only: average street width, m (default 20)' },
    'building-height-m': {
      type: 'string',
      valueName: 'H',
      description: 'RMa only: average building height, m (default 5)',
    },
    json: { type: 'boolean', description: 'compact one-line JSON' },
    help: { type: 'boolean', description: 'show this help' },
  },

  async run(flags, output) {
    const modelId = readModelFlag(flags.model);
    const frequencyMHz = requireNumberFlag(
      flags,
      'frequency-mhz',
      { min: 0, exclusive: true, what: 'a frequency in MHz' },
      'F',
    );
    const distanceM = requireNumberFlag(flags, 'distance-m', { min: 0, exclusive: true, what: 'a distance in m' }, 'D');
    const positive = (what: string) => ({ min: 0, exclusive: true, what });
    const setup = resolvePathLossSetup(modelId, {
      frequencyMHz,
      txHeightM: readNumberFlag(flags, 'tx-height-m', positive('a height in m')),
      rxHeightM: readNumberFlag(flags, 'rx-height-m', positive('a height in m')),
      metropolitan: flags.metropolitan === true,
      streetWidthM: readNumberFlag(flags, 'street-width-m', positive('a width in m')),
      buildingHeightM: readNumberFlag(flags, 'building-height-m', positive('a height in m')),
    });
    const result = pathLossDb(modelId, { ...setup, distanceM });
    const notes = [...result.warnings, ...ignoredFlagNotes(modelId, flags)];
    const report: Record<string, unknown> = {
      path_loss_db: round(result.pathLossDb, 3),
      model: modelId,
      frequency_mhz: frequencyMHz,
      distance_m: distanceM,
    };
    if (modelId !== 'fspl') {
      report.tx_height_m = setup.txHeightM;
      report.rx_height_m = setup.rxHeightM;
    }
    if (modelId === 'cost231') report.metropolitan = setup.metropolitan;
    if (modelId.startsWith('rma')) {
      report.street_width_m = setup.streetWidthM;
      report.building_height_m = setup.buildingHeightM;
    }
    report.warnings = notes;
    output.stdout(`${JSON.stringify(report, null, flags.json === true ? undefined : 2)}\n`);
    for (const note of notes) output.stderr(`cosite pathloss: warning: ${note}\n`);
  },
};

function readModelFlag(value: string | boolean | undefined): PathLossModelId {
  if (typeof value !== 'string') throw new CliError(`missing --model MODEL (${PATH_LOSS_MODEL_IDS.join(', ')})`);
  if (!isPathLossModelId(value)) {
    throw new CliError(`unknown model '${value}' (models: ${PATH_LOSS_MODEL_IDS.join(', ')})`);
  }
  return value;
}

function ignoredFlagNotes(modelId: PathLossModelId, flags: Record<string, string | boolean>): string[] {
  const notes: string[] = [];
  if (flags.metropolitan === true && modelId !== 'cost231') notes.push('--metropolitan applies to cost231 only');
  if (modelId === 'fspl' && (flags['tx-height-m'] !== undefined || flags['rx-height-m'] !== undefined)) {
    notes.push('free space takes the distance as given: heights are not used');
  }
  if (
    !modelId.startsWith('rma') &&
    (flags['street-width-m'] !== undefined || flags['building-height-m'] !== undefined)
  ) {
    notes.push('--street-width-m and --building-height-m apply to rma-los and rma-nlos only');
  }
  return notes;
}

/** Rounded to `digits` decimals: path losses are not known to better than 0.001 dB. */
function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
