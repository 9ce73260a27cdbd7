import { COST231_DEFAULTS, cost231HataValidityIssues, createCost231HataPathLoss } from './cost231HataPathLoss';
import { createFreeSpacePathLoss, freeSpacePathLossValidityIssues } from './freeSpacePathLoss';
import { createRmaPathLoss, RMA_DEFAULTS, rmaValidityIssues } from './rmaPathLoss';
import { createUmaPathLoss, UMA_DEFAULTS, umaValidityIssues } from './umaPathLoss';
import { createUmiPathLoss, UMI_DEFAULTS, umiValidityIssues } from './umiPathLoss';
import { describeValidityIssue, type ValidityIssue } from './validityIssue';

/** Every path-loss model by id: the ids the command line's --model and the app's model picker use. */
export const PATH_LOSS_MODEL_IDS = [
  'fspl',
  'cost231',
  'uma-los',
  'uma-nlos',
  'umi-los',
  'umi-nlos',
  'rma-los',
  'rma-nlos',
  'p526',
] as const;

export type PathLossModelId = (typeof PATH_LOSS_MODEL_IDS)[number];

export function isPathLossModelId(value: string): value is PathLossModelId {
  return (PATH_LOSS_MODEL_IDS as readonly string[]).includes(value);
}

/** Everything a model may take besides the distance; what a model does not use it ignores. */
export interface PathLossSetup {
  frequencyMHz: number;
  /** Base station antenna height, m; the model's typical height when absent (PATH_LOSS_MODELS[id].defaultTxHeightM). */
  txHeightM?: number;
  /** Terminal height, m; 1.5 m when absent. */
  rxHeightM?: number;
  /** COST-231 only: Cm = 3 dB (metropolitan centre) instead of 0 dB. */
  metropolitan?: boolean;
  /** RMa only: average street width W, m (default 20). */
  streetWidthM?: number;
  /** RMa only: average building height h, m (default 5). */
  buildingHeightM?: number;
}

export interface PathLossParams extends PathLossSetup {
  /**
   * Horizontal (ground) distance, m. The TR 38.901 models take the 3D distance from it and the heights; COST-231
   * takes it as its d; free space takes it as the distance between the antennas.
   */
  distanceM: number;
}

export interface PathLossModelInfo {
  id: PathLossModelId;
  /** Short English name for menus and reports. */
  label: string;
  /** Typical base station height the model was defined for, m: used when the tower file gives none. */
  defaultTxHeightM: number;
  /** Distances the definition covers, m (computing beyond them gives a warning, not an error). */
  minDistanceM: number;
  maxDistanceM: number;
  /** Shadow-fading standard deviation of the definition, dB (free space: none). */
  shadowFadingSigmaDb: number;
}

export const DEFAULT_RX_HEIGHT_M = 1.5;

export const PATH_LOSS_MODELS: Readonly<Record<PathLossModelId, PathLossModelInfo>> = {
  fspl: info('fspl', 'Free space', 30, 1, Infinity, 0),
  cost231: info('cost231', 'COST-231 Hata', COST231_DEFAULTS.txHeightM, 1000, 20_000, 8),
  'uma-los': info('uma-los', '3GPP 38.901 UMa LOS', UMA_DEFAULTS.txHeightM, 10, 5000, 4),
  'uma-nlos': info('uma-nlos', '3GPP 38.901 UMa NLOS', UMA_DEFAULTS.txHeightM, 10, 5000, 6),
  'umi-los': info('umi-los', '3GPP 38.901 UMi street canyon LOS', UMI_DEFAULTS.txHeightM, 10, 5000, 4),
  'umi-nlos': info('umi-nlos', '3GPP 38.901 UMi street canyon NLOS', UMI_DEFAULTS.txHeightM, 10, 5000, 7.82),
  'rma-los': info('rma-los', '3GPP 38.901 RMa LOS', RMA_DEFAULTS.txHeightM, 10, 10_000, 6),
  'rma-nlos': info('rma-nlos', '3GPP 38.901 RMa NLOS', RMA_DEFAULTS.txHeightM, 10, 5000, 8),
  // Free space plus the terrain's Bullington diffraction (ITU-R P.526-15 §4.5.1): needs a DEM; the terrain term is
  // added by the coverage engine, so without terrain this is free space.
  p526: info('p526', 'ITU-R P.526 terrain (free space + Bullington diffraction)', 30, 1, 100_000, 0),
};

/** Models whose loss is physical over the terrain profile: a DEM is required, and the diffraction term is whole. */
export function modelNeedsTerrain(modelId: PathLossModelId): boolean {
  return modelId === 'p526';
}

function info(
  id: PathLossModelId,
  label: string,
  defaultTxHeightM: number,
  minDistanceM: number,
  maxDistanceM: number,
  shadowFadingSigmaDb: number,
): PathLossModelInfo {
  return { id, label, defaultTxHeightM, minDistanceM, maxDistanceM, shadowFadingSigmaDb };
}

/** The setup with every default filled in. */
export function resolvePathLossSetup(modelId: PathLossModelId, setup: PathLossSetup): Required<PathLossSetup> {
  return {
    frequencyMHz: setup.frequencyMHz,
    txHeightM: setup.txHeightM ?? PATH_LOSS_MODELS[modelId].defaultTxHeightM,
    rxHeightM: setup.rxHeightM ?? DEFAULT_RX_HEIGHT_M,
    metropolitan: setup.metropolitan ?? false,
    streetWidthM: setup.streetWidthM ?? RMA_DEFAULTS.streetWidthM,
    buildingHeightM: setup.buildingHeightM ?? RMA_DEFAULTS.buildingHeightM,
  };
}

/**
 * The path loss of one model as a function of the ground distance (m), its constants computed once: the form the
 * coverage loops call once per cell.
 */
export function createPathLossFunction(modelId: PathLossModelId, setup: PathLossSetup): (distanceM: number) => number {
  const resolved = resolvePathLossSetup(modelId, setup);
  switch (modelId) {
    case 'fspl':
    case 'p526':
      return createFreeSpacePathLoss(resolved);
    case 'cost231':
      return createCost231HataPathLoss(resolved);
    case 'uma-los':
    case 'uma-nlos':
      return createUmaPathLoss(resolved, modelId === 'uma-los');
    case 'umi-los':
    case 'umi-nlos':
      return createUmiPathLoss(resolved, modelId === 'umi-los');
    case 'rma-los':
    case 'rma-nlos':
      return createRmaPathLoss(resolved, modelId === 'rma-los');
  }
}

/** Where the inputs leave the model's validity range; `distanceM` is checked when given. */
export function pathLossValidityIssues(
  modelId: PathLossModelId,
  params: PathLossSetup & { distanceM?: number },
): ValidityIssue[] {
  const resolved = { ...resolvePathLossSetup(modelId, params), distanceM: params.distanceM };
  switch (modelId) {
    case 'fspl':
    case 'p526':
      return freeSpacePathLossValidityIssues(resolved);
    case 'cost231':
      return cost231HataValidityIssues(resolved);
    case 'uma-los':
    case 'uma-nlos':
      return umaValidityIssues(resolved, modelId === 'uma-los');
    case 'umi-los':
    case 'umi-nlos':
      return umiValidityIssues(resolved, modelId === 'umi-los');
    case 'rma-los':
    case 'rma-nlos':
      return rmaValidityIssues(resolved, modelId === 'rma-los');
  }
}

/** The validity issues as sentences. */
export function pathLossWarnings(modelId: PathLossModelId, params: PathLossSetup & { distanceM?: number }): string[] {
  return pathLossValidityIssues(modelId, params).map(describeValidityIssue);
}

/** One path loss, dB, with the warnings of the inputs outside the model's validity range (computed anyway). */
export function pathLossDb(
  modelId: PathLossModelId,
  params: PathLossParams,
): { pathLossDb: number; warnings: string[] } {
  return {
    pathLossDb: createPathLossFunction(modelId, params)(params.distanceM),
    warnings: pathLossWarnings(modelId, params),
  };
}
