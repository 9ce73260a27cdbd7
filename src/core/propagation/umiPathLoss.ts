import { TR38901_SPEED_OF_LIGHT_M_PER_S, type Tr38901Params, type Tr38901Setup } from './tr38901Geometry';
import { checkRange, collectIssues, type ValidityIssue } from './validityIssue';

/** TR 38.901 UMi-Street Canyon fixes hBS at 10 m (below the rooftops). */
export const UMI_DEFAULTS = {
  txHeightM: 10, // m, hBS
  rxHeightM: 1.5, // m, hUT
};

/** Effective environment height hE for UMi, m (note 1 of Table 7.4.1-1). */
const ENVIRONMENT_HEIGHT_M = 1;

/**
 * 3GPP TR 38.901 V17 Table 7.4.1-1, UMi-Street Canyon (fc in GHz, distances in m):
 *   LOS:  PL1 = 32.4 + 21 log d3D + 20 log fc                                      10 m <= d2D <= d'BP
 *         PL2 = 32.4 + 40 log d3D + 20 log fc - 9.5 log(d'BP² + (hBS - hUT)²)       d'BP <= d2D <= 5 km
 *         d'BP = 4 h'BS h'UT fc / c, h' = h - 1 m, fc in Hz
 *   NLOS: max(PL_LOS, 35.3 log d3D + 22.4 + 21.3 log fc - 0.3 (hUT - 1.5))           10 m <= d2D <= 5 km
 * Shadow fading sigma: 4 dB LOS, 7.82 dB NLOS.
 */
export function createUmiPathLoss(setup: Tr38901Setup, lineOfSight: boolean): (distance2dM: number) => number {
  const { txHeightM, rxHeightM } = setup;
  const frequencyGHz = setup.frequencyMHz / 1000;
  const logFrequency = Math.log10(frequencyGHz);
  const breakpointM =
    (4 * (txHeightM - ENVIRONMENT_HEIGHT_M) * (rxHeightM - ENVIRONMENT_HEIGHT_M) * frequencyGHz * 1e9) /
    TR38901_SPEED_OF_LIGHT_M_PER_S;
  const heightDifferenceSquared = (txHeightM - rxHeightM) ** 2;
  const pl2OffsetDb = 9.5 * Math.log10(breakpointM * breakpointM + heightDifferenceSquared);
  const nlosInterceptDb = 22.4 + 21.3 * logFrequency - 0.3 * (rxHeightM - 1.5);
  const lineOfSightDb = (distance2dM: number, logD3d: number) =>
    distance2dM <= breakpointM
      ? 32.4 + 21 * logD3d + 20 * logFrequency
      : 32.4 + 40 * logD3d + 20 * logFrequency - pl2OffsetDb;
  if (lineOfSight) {
    return (distance2dM) =>
      lineOfSightDb(distance2dM, 0.5 * Math.log10(distance2dM * distance2dM + heightDifferenceSquared));
  }
  return (distance2dM) => {
    const logD3d = 0.5 * Math.log10(distance2dM * distance2dM + heightDifferenceSquared);
    return Math.max(lineOfSightDb(distance2dM, logD3d), nlosInterceptDb + 35.3 * logD3d);
  };
}

export function umiPathLossDb(params: Tr38901Params, lineOfSight: boolean): number {
  return createUmiPathLoss(params, lineOfSight)(params.distanceM);
}

export function umiValidityIssues(
  params: Tr38901Setup & { distanceM?: number },
  lineOfSight: boolean,
): ValidityIssue[] {
  const name = lineOfSight ? 'UMi LOS' : 'UMi NLOS';
  return collectIssues(
    checkRange(name, 'frequency', params.frequencyMHz, 500, 100_000, 'MHz'),
    checkRange(name, 'base station height', params.txHeightM, 10, 10, 'm'),
    checkRange(name, 'terminal height', params.rxHeightM, 1.5, 22.5, 'm'),
    params.distanceM === undefined ? null : checkRange(name, 'distance', params.distanceM, 10, 5000, 'm'),
  );
}
