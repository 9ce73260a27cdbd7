import { checkRange, collectIssues, type ValidityIssue } from './validityIssue';

/**
 * 20 log10(4π / c) for f in MHz and d in km, with c = 299,792,458 m/s: 32.4478 dB.
 * DOMAIN.md and most textbooks round it to 32.44 or 32.45; the difference is under 0.01 dB.
 */
export const FREE_SPACE_CONSTANT_DB = 20 * Math.log10((4 * Math.PI * 1e6 * 1e3) / 299_792_458);

export interface FreeSpaceSetup {
  frequencyMHz: number;
}

export interface FreeSpaceParams extends FreeSpaceSetup {
  /** Straight-line distance between the antennas, metres. */
  distanceM: number;
}

/** Far field only: closer than this the formula does not hold (and goes to -Infinity at 0). */
const MIN_DISTANCE_M = 1;

/** Friis free-space loss: L = 32.45 + 20 log10 f[MHz] + 20 log10 d[km]. No ground, no obstacles: a lower bound. */
export function createFreeSpacePathLoss(setup: FreeSpaceSetup): (distanceM: number) => number {
  const constantDb = FREE_SPACE_CONSTANT_DB + 20 * Math.log10(setup.frequencyMHz) - 60; // -60: metres, not km
  return (distanceM) => constantDb + 20 * Math.log10(distanceM);
}

export function freeSpacePathLossDb(params: FreeSpaceParams): number {
  return createFreeSpacePathLoss(params)(params.distanceM);
}

export function freeSpacePathLossValidityIssues(params: FreeSpaceSetup & { distanceM?: number }): ValidityIssue[] {
  return collectIssues(
    params.distanceM === undefined
      ? null
      : checkRange('free space', 'distance', params.distanceM, MIN_DISTANCE_M, Infinity, 'm'),
  );
}
