import {
  isPathLossModelId,
  modelNeedsTerrain,
  PATH_LOSS_MODEL_IDS,
  type PathLossModelId,
  pathLossDb,
  resolvePathLossSetup,
} from '../../core/propagation/pathLossModels';
import { computeTerrainPathLoss, DEFAULT_K_FACTOR } from '../../core/terrain/computeTerrainPathLoss';
import { OutsideElevationError } from '../../core/terrain/outsideElevationError';
import type { CliCommand, CliOutput } from '../cliCommand';
import { CliError } from '../cliError';
import { explainOutside, loadTerrain } from '../loadTerrain';
import type { ParsedFlags } from '../parseFlags';
import { readKFactorFlag } from '../readKFactorFlag';
import { requireLonLatFlag } from '../readLonLatFlag';
import { readNumberFlag, requireNumberFlag } from '../readNumberFlag';

/** Flags that only mean something with --terrain. */
const TERRAIN_ONLY_FLAGS = ['from', 'to', 'k-factor'];
/** Flags of the models without terrain that --terrain does not take. */
const NO_TERRAIN_FLAGS = ['distance-m', 'metropolitan', 'street-width-m', 'building-height-m'];

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
    '',
    'cosite pathloss --terrain FILE[,FILE...] --from LON,LAT --to LON,LAT --frequency-mhz F --tx-height-m H',
    '                --rx-height-m H [--k-factor 4/3] [--model fspl|p526] [--json]',
    '',
    'Over terrain (DEMs: SRTM .hgt or .hgt.zip tiles, elevation GeoTIFFs in EPSG:4326, UTM or VN-2000 UTM): the',
    'distance is the great circle (haversine, R = 6,371,008.8 m); the profile has N = ceil(d / s) steps, s the spacing',
    "of the finest DEM covering the path at the path's mid latitude (the smaller axis), points at fractions i/N of",
    'the great circle, ground heights bilinear (SRTM values on grid points, GeoTIFF values at pixel centres; a void',
    'takes the nearest valid of its four neighbours, 0 if none; where DEMs overlap the finest wins). Heights are',
    'above ground; h_ts and h_rs add the ground. Diffraction: Bullington, ITU-R P.526-15 4.5.1, C_e = 1/(k 6371)',
    'km^-1, intermediate points only (none: line of sight, 0 dB). Free space: 32.44 + 20 log10 F + 20 log10 d3D(km).',
    'path_loss_db = free space + diffraction (model fspl, the default, or p526: the same). Prints distance_m,',
    'line_of_sight, diffraction_loss_db, free_space_loss_db, path_loss_db and the inputs used (profile_points is N).',
    'A missing DEM, one in an unknown CRS, or a point outside every DEM exits 2.',
  ].join('\n'),
  flags: {
    model: {
      type: 'string',
      valueName: 'MODEL',
      description: `one of ${PATH_LOSS_MODEL_IDS.join(', ')}; with --terrain fspl (the default) or p526, the same: free space + diffraction; p526 needs --terrain`,
    },
    terrain: {
      type: 'string',
      valueName: 'FILE[,FILE...]',
      description: 'DEM files (.hgt, .hgt.zip, .tif, .tiff): path loss over the terrain from --from to --to',
    },
    from: { type: 'string', valueName: 'LON,LAT', description: 'with --terrain: transmitter, WGS 84 degrees' },
    to: { type: 'string', valueName: 'LON,LAT', description: 'with --terrain: receiver, WGS 84 degrees' },
    'k-factor': {
      type: 'string',
      valueName: 'K',
      description: 'with --terrain: effective Earth radius factor, a number or a fraction (default 4/3)',
    },
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
    if (flags.terrain !== undefined) {
      await runOverTerrain(flags, output);
      return;
    }
    const terrainOnly = TERRAIN_ONLY_FLAGS.filter((name) => flags[name] !== undefined);
    if (terrainOnly.length > 0) {
      throw new CliError(`${terrainOnly.map((name) => `--${name}`).join(', ')} need --terrain FILE`);
    }
    const modelId = readModelFlag(flags.model);
    if (modelNeedsTerrain(modelId)) throw new CliError(`--model ${modelId} needs --terrain FILE[,FILE...]`);
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

async function runOverTerrain(flags: ParsedFlags, output: CliOutput): Promise<void> {
  if (flags.model !== undefined && flags.model !== 'fspl' && flags.model !== 'p526') {
    throw new CliError(
      `--model ${String(flags.model)} does not go with --terrain: fspl or p526 (both free space + Bullington diffraction)`,
    );
  }
  const extra = NO_TERRAIN_FLAGS.filter((name) => flags[name] !== undefined);
  if (extra.length > 0) {
    throw new CliError(
      `${extra.map((name) => `--${name}`).join(', ')} does not go with --terrain ` +
        '(the distance is the great circle from --from to --to)',
    );
  }
  const from = requireLonLatFlag(flags, 'from');
  const to = requireLonLatFlag(flags, 'to');
  const frequencyMHz = requireNumberFlag(
    flags,
    'frequency-mhz',
    { min: 0, exclusive: true, what: 'a frequency in MHz' },
    'F',
  );
  const height = { min: 0, what: 'a height above ground in m' };
  const txHeightM = requireNumberFlag(flags, 'tx-height-m', height, 'H');
  const rxHeightM = requireNumberFlag(flags, 'rx-height-m', height, 'H');
  const kFactor = readKFactorFlag(flags, DEFAULT_K_FACTOR);
  if (from.lonDeg === to.lonDeg && from.latDeg === to.latDeg) {
    throw new CliError('--from and --to are the same point: there is no path');
  }
  const terrain = await loadTerrain(String(flags.terrain));
  let result: ReturnType<typeof computeTerrainPathLoss>;
  try {
    result = computeTerrainPathLoss(terrain.mosaic, {
      fromLonDeg: from.lonDeg,
      fromLatDeg: from.latDeg,
      toLonDeg: to.lonDeg,
      toLatDeg: to.latDeg,
      frequencyMHz,
      txHeightM,
      rxHeightM,
      kFactor,
    });
  } catch (error) {
    if (error instanceof OutsideElevationError) throw explainOutside(error, terrain);
    // Distinct coordinates for one point (longitude 180 and -180): no path.
    if (error instanceof RangeError) throw new CliError(`--from and --to: ${error.message}`);
    throw error;
  }
  const { profile, diffraction } = result;
  const pathOf = (name: string) => terrain.pathByName.get(name) ?? name;
  const report = {
    distance_m: round(profile.distanceM, 3),
    line_of_sight: diffraction.lineOfSight,
    diffraction_loss_db: round(diffraction.diffractionLossDb, 3),
    free_space_loss_db: round(result.freeSpaceLossDb, 3),
    path_loss_db: round(result.pathLossDb, 3),
    model: flags.model === 'p526' ? 'p526' : 'fspl',
    from: [from.lonDeg, from.latDeg],
    to: [to.lonDeg, to.latDeg],
    frequency_mhz: frequencyMHz,
    tx_height_m: txHeightM,
    rx_height_m: rxHeightM,
    k_factor: kFactor,
    ground_tx_m: round(result.groundTxM, 3),
    ground_rx_m: round(result.groundRxM, 3),
    h_ts_m: round(result.txHeightAmslM, 3),
    h_rs_m: round(result.rxHeightAmslM, 3),
    profile_points: profile.intervals,
    profile_spacing_m: round(profile.spacingM, 3),
    profile_spacing_dem: pathOf(profile.spacingDemName),
    knife_edge_loss_db: round(diffraction.knifeEdgeLossDb, 3),
    nu: Number.isFinite(diffraction.nu) ? round(diffraction.nu, 4) : null,
    bullington_point_km: diffraction.bullingtonPointKm === null ? null : round(diffraction.bullingtonPointKm, 4),
    dem_files: terrain.paths,
    dem_files_used: profile.demNamesUsed.map(pathOf),
    warnings: [] as string[],
  };
  output.stdout(`${JSON.stringify(report, null, flags.json === true ? undefined : 2)}\n`);
}

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
