import { TR38901_SPEED_OF_LIGHT_M_PER_S, type Tr38901Params, type Tr38901Setup } from './tr38901Geometry';
import { checkRange, collectIssues, type ValidityIssue } from './validityIssue';

/** TR 38.901 RMa default parameters (Table 7.4.1-1 and its applicability notes). */
export const RMA_DEFAULTS = {
  txHeightM: 35, // m, hBS
  rxHeightM: 1.5, // m, hUT
  streetWidthM: 20, // m, average street width W
  buildingHeightM: 5, // m, average building height h
};

export interface RmaSetup extends Tr38901Setup {
  /** Average street width W, m (5-50 m); default 20 m. */
  streetWidthM?: number;
  /** Average building height h, m (5-50 m); default 5 m. */
  buildingHeightM?: number;
}

export type RmaParams = RmaSetup & Pick<Tr38901Params, 'distanceM'>;

/**
 * 3GPP TR 38.901 V17 Table 7.4.1-1, RMa (fc in GHz, distances and heights in m):
 *   LOS:  PL1 = 20 log(40π d3D fc / 3) + min(0.03 h^1.72, 10) log d3D - min(0.044 h^1.72, 14.77)
 *               + 0.002 log(h) d3D                                                   10 m <= d2D <= dBP
 *         PL2 = PL1(dBP) + 40 log(d3D / dBP)                                          dBP <= d2D <= 10 km
 *         dBP = 2π hBS hUT fc / c (note 5; fc in Hz). PL1(dBP) is PL1 with dBP in place of d3D.
 *   NLOS: max(PL_LOS, 161.04 - 7.1 log W + 7.5 log h - (24.37 - 3.7 (h/hBS)²) log hBS
 *               + (43.42 - 3.1 log hBS)(log d3D - 3) + 20 log fc - (3.2 (log(11.75 hUT))² - 4.97))
 *                                                                                    10 m <= d2D <= 5 km
 * Shadow fading sigma: 4 / 6 dB LOS (before / after the breakpoint), 8 dB NLOS.
 */
export function createRmaPathLoss(setup: RmaSetup, lineOfSight: boolean): (distance2dM: number) => number {
  const { txHeightM, rxHeightM } = setup;
  const streetWidthM = setup.streetWidthM ?? RMA_DEFAULTS.streetWidthM;
  const buildingHeightM = setup.buildingHeightM ?? RMA_DEFAULTS.buildingHeightM;
  const frequencyGHz = setup.frequencyMHz / 1000;
  const breakpointM = (2 * Math.PI * txHeightM * rxHeightM * frequencyGHz * 1e9) / TR38901_SPEED_OF_LIGHT_M_PER_S;
  const heightDifferenceSquared = (txHeightM - rxHeightM) ** 2;
  const buildingPower = buildingHeightM ** 1.72;
  const pl1SlopeDb = Math.min(0.03 * buildingPower, 10);
  const pl1OffsetDb = Math.min(0.044 * buildingPower, 14.77);
  const pl1LinearDbPerM = 0.002 * Math.log10(buildingHeightM);
  const pl1 = (distance3dM: number) =>
    20 * Math.log10((40 * Math.PI * distance3dM * frequencyGHz) / 3) +
    pl1SlopeDb * Math.log10(distance3dM) -
    pl1OffsetDb +
    pl1LinearDbPerM * distance3dM;
  const pl1AtBreakpointDb = pl1(breakpointM);
  const lineOfSightDb = (distance2dM: number, distance3dM: number) =>
    distance2dM <= breakpointM ? pl1(distance3dM) : pl1AtBreakpointDb + 40 * Math.log10(distance3dM / breakpointM);
  if (lineOfSight) {
    return (distance2dM) => lineOfSightDb(distance2dM, Math.sqrt(distance2dM * distance2dM + heightDifferenceSquared));
  }
  const logHbs = Math.log10(txHeightM);
  const nlosInterceptDb =
    161.04 -
    7.1 * Math.log10(streetWidthM) +
    7.5 * Math.log10(buildingHeightM) -
    (24.37 - 3.7 * (buildingHeightM / txHeightM) ** 2) * logHbs +
    20 * Math.log10(frequencyGHz) -
    (3.2 * Math.log10(11.75 * rxHeightM) ** 2 - 4.97);
  const nlosSlopeDb = 43.42 - 3.1 * logHbs;
  return (distance2dM) => {
    const distance3dM = Math.sqrt(distance2dM * distance2dM + heightDifferenceSquared);
    const nlosDb = nlosInterceptDb + nlosSlopeDb * (Math.log10(distance3dM) - 3);
    return Math.max(lineOfSightDb(distance2dM, distance3dM), nlosDb);
  };
}

export function rmaPathLossDb(params: RmaParams, lineOfSight: boolean): number {
  return createRmaPathLoss(params, lineOfSight)(params.distanceM);
}

export function rmaValidityIssues(params: RmaSetup & { distanceM?: number }, lineOfSight: boolean): ValidityIssue[] {
  const name = lineOfSight ? 'RMa LOS' : 'RMa NLOS';
  return collectIssues(
    checkRange(name, 'frequency', params.frequencyMHz, 500, 30_000, 'MHz'),
    checkRange(name, 'base station height', params.txHeightM, 10, 150, 'm'),
    checkRange(name, 'terminal height', params.rxHeightM, 1, 10, 'm'),
    checkRange(name, 'street width', params.streetWidthM ?? RMA_DEFAULTS.streetWidthM, 5, 50, 'm'),
    checkRange(name, 'building height', params.buildingHeightM ?? RMA_DEFAULTS.buildingHeightM, 5, 50, 'm'),
    params.distanceM === undefined
      ? null
      : checkRange(name, 'distance', params.distanceM, 10, lineOfSight ? 10_000 : 5000, 'm'),
  );
}
