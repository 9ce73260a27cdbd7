import type { SignalRunTerrainSettings } from '../core/coverage/prepareSignalRun';
import {
  isPathLossModelId,
  modelNeedsTerrain,
  PATH_LOSS_MODEL_IDS,
  type PathLossModelId,
} from '../core/propagation/pathLossModels';
import { DEFAULT_K_FACTOR } from '../core/terrain/computeTerrainPathLoss';
import { CliError } from './cliError';
import type { ParsedFlags } from './parseFlags';
import { readKFactorFlag } from './readKFactorFlag';
import { readNumberFlag } from './readNumberFlag';
import { readChoiceFlag, readStringFlag } from './readStringFlag';

/** Flags that only mean something with --terrain (and so with --model). */
export const TERRAIN_FLAGS = [
  'terrain',
  'k-factor',
  'diffraction-weight',
  'terrain-mode',
  'calculation-radius-m',
  'profile-points-per-step',
] as const;

/** Most profile points per grid step: beyond it the profile is already within centimetres of the bilinear ground. */
export const MAX_PROFILE_POINTS_PER_STEP = 16;

/** --model MODEL, null when absent; an unknown model is exit 2 with the list. */
export function readModelFlag(value: string | boolean | undefined): PathLossModelId | null {
  if (value === undefined) return null;
  if (typeof value !== 'string' || !isPathLossModelId(value)) {
    throw new CliError(`unknown model '${String(value)}' (models: ${PATH_LOSS_MODEL_IDS.join(', ')})`);
  }
  return value;
}

/**
 * The terrain flags of a prediction (coverage and propose): --terrain FILE[,FILE...] with --k-factor,
 * --diffraction-weight, --terrain-mode, --calculation-radius-m and --profile-points-per-step, refused without it; p526 needs terrain and takes the
 * whole diffraction loss (no weight).
 */
export function readTerrainFlags(
  flags: ParsedFlags,
  modelId: PathLossModelId | null,
): { terrainPaths: string | undefined; terrain: SignalRunTerrainSettings | undefined } {
  const terrainPaths = readStringFlag(flags, 'terrain');
  for (const name of TERRAIN_FLAGS.slice(1)) {
    if (flags[name] !== undefined && terrainPaths === undefined) throw new CliError(`--${name} needs --terrain FILE`);
  }
  if (modelId !== null && modelNeedsTerrain(modelId) && terrainPaths === undefined) {
    throw new CliError(`--model ${modelId} needs --terrain FILE[,FILE...] (elevation data)`);
  }
  const diffractionWeight = readNumberFlag(flags, 'diffraction-weight', { min: 0, max: 1, what: 'a weight' });
  if (diffractionWeight !== undefined && modelId !== null && modelNeedsTerrain(modelId)) {
    throw new CliError(`--diffraction-weight is for the empirical models: ${modelId} takes the whole diffraction loss`);
  }
  const terrain =
    terrainPaths === undefined
      ? undefined
      : {
          kFactor: readKFactorFlag(flags, DEFAULT_K_FACTOR),
          diffractionWeight,
          mode: readChoiceFlag(flags, 'terrain-mode', ['sweep', 'exact'] as const, 'sweep'),
          calculationRadiusM: readNumberFlag(flags, 'calculation-radius-m', {
            min: 0,
            exclusive: true,
            what: 'a distance in m',
          }),
          profilePointsPerStep: readProfilePointsFlag(flags),
        };
  return { terrainPaths, terrain };
}

/** --profile-points-per-step M: an integer 1..MAX_PROFILE_POINTS_PER_STEP, undefined when absent (1). */
function readProfilePointsFlag(flags: ParsedFlags): number | undefined {
  const value = readNumberFlag(flags, 'profile-points-per-step', {
    min: 1,
    max: MAX_PROFILE_POINTS_PER_STEP,
    what: 'a whole number of points',
  });
  if (value !== undefined && !Number.isInteger(value)) {
    throw new CliError(`--profile-points-per-step must be a whole number of points, got '${String(value)}'`);
  }
  return value;
}
