import { TR38901_SPEED_OF_LIGHT_M_PER_S, type Tr38901Params, type Tr38901Setup } from './tr38901Geometry';
import { checkRange, collectIssues, type ValidityIssue } from './validityIssue';

/** TR 38.901 UMa fixes hBS at 25 m; the terminal at street level. */
export const UMA_DEFAULTS = {
  txHeightM: 25, // m, hBS
  rxHeightM: 1.5, // m, hUT
};

/**
 * Effective environment height hE, m. TR 38.901 (note 1 of Table 7.4.1-1) takes hE = 1 m with probability
 * 1 / (1 + C(d2D, hUT)), and C = 0 for hUT < 13 m, so hE = 1 m for street-level terminals; we use 1 m throughout.
 */
const ENVIRONMENT_HEIGHT_M = 1;

/**
 * 3GPP TR 38.901 V17 Table 7.4.1-1, UMa (fc in GHz, distances in m, d3D from d2D and the heights):
 *   LOS:  PL1 = 28.0 + 22 log d3D + 20 log fc                                     10 m <= d2D <= d'BP
 *         PL2 = 28.0 + 40 log d3D + 20 log fc - 9 log(d'BP² + (hBS - hUT)²)        d'BP <= d2D <= 5 km
 *         d'BP = 4 h'BS h'UT fc / c with h' = h - hE and fc in Hz (note 1)
 *   NLOS: max(PL_LOS, 13.54 + 39.08 log d3D + 20 log fc - 0.6 (hUT - 1.5))           10 m <= d2D <= 5 km
 * Shadow fading sigma: 4 dB LOS, 6 dB NLOS (not applied here: the link budget's margin stands for it).
 */
export function createUmaPathLoss(setup: Tr38901Setup, lineOfSight: boolean): (distance2dM: number) => number {
  const { txHeightM, rxHeightM } = setup;
  const frequencyGHz = setup.frequencyMHz / 1000;
  const frequencyTermDb = 20 * Math.log10(frequencyGHz);
  const breakpointM =
    (4 * (txHeightM - ENVIRONMENT_HEIGHT_M) * (rxHeightM - ENVIRONMENT_HEIGHT_M) * frequencyGHz * 1e9) /
    TR38901_SPEED_OF_LIGHT_M_PER_S;
  const heightDifferenceSquared = (txHeightM - rxHeightM) ** 2;
  const pl2OffsetDb = 9 * Math.log10(breakpointM * breakpointM + heightDifferenceSquared);
  const nlosInterceptDb = 13.54 + frequencyTermDb - 0.6 * (rxHeightM - 1.5);
  const lineOfSightDb = (distance2dM: number, logD3d: number) =>
    distance2dM <= breakpointM
      ? 28.0 + 22 * logD3d + frequencyTermDb
      : 28.0 + 40 * logD3d + frequencyTermDb - pl2OffsetDb;
  if (lineOfSight) {
    return (distance2dM) =>
      lineOfSightDb(distance2dM, 0.5 * Math.log10(distance2dM * distance2dM + heightDifferenceSquared));
  }
  return (distance2dM) => {
    const logD3d = 0.5 * Math.log10(distance2dM * distance2dM + heightDifferenceSquared);
    return Math.max(lineOfSightDb(distance2dM, logD3d), nlosInterceptDb + 39.08 * logD3d);
  };
}

export function umaPathLossDb(params: Tr38901Params, lineOfSight: boolean): number {
  return createUmaPathLoss(params, lineOfSight)(params.distanceM);
}

export function umaValidityIssues(
  params: Tr38901Setup & { distanceM?: number },
  lineOfSight: boolean,
): ValidityIssue[] {
  const name = lineOfSight ? 'UMa LOS' : 'UMa NLOS';
  return collectIssues(
    checkRange(name, 'frequency', params.frequencyMHz, 500, 100_000, 'MHz'),
    checkRange(name, 'base station height', params.txHeightM, 25, 25, 'm'),
    checkRange(name, 'terminal height', params.rxHeightM, 1.5, 22.5, 'm'),
    params.distanceM === undefined ? null : checkRange(name, 'distance', params.distanceM, 10, 5000, 'm'),
  );
}
