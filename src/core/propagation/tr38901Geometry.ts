/** Speed of light as 3GPP TR 38.901 writes it in its breakpoint distances (c = 3.0 x 10^8 m/s). */
export const TR38901_SPEED_OF_LIGHT_M_PER_S = 3.0e8;

/** What every TR 38.901 path-loss formula takes besides the distance. */
export interface Tr38901Setup {
  frequencyMHz: number;
  /** Base station antenna height above ground hBS, m. */
  txHeightM: number;
  /** User terminal height above ground hUT, m. */
  rxHeightM: number;
}

export interface Tr38901Params extends Tr38901Setup {
  /** Horizontal (2D) distance d2D between base station and terminal, m; the formulas use d3D from it and the heights. */
  distanceM: number;
}

/** d3D = sqrt(d2D² + (hBS - hUT)²), TR 38.901 Figure 7.4.1-1. */
export function distance3dM(distance2dM: number, txHeightM: number, rxHeightM: number): number {
  const heightDifferenceM = txHeightM - rxHeightM;
  return Math.sqrt(distance2dM * distance2dM + heightDifferenceM * heightDifferenceM);
}
