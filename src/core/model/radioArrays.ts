/**
 * Transmitters as flat typed arrays, the form the signal-coverage loop and worker messages use. One radio is one
 * operator's carrier on one mast (a shared mast carries one radio per tenant), or one sector of it when the tower file
 * gives azimuths.
 */
export interface RadioArrays {
  count: number;
  /** Index of the radio's mast in the towers it was built from: the serving site of the cells it serves best. */
  towerIndex: Int32Array;
  /** Operator index k: operatorNames[k], bit k of TowerArrays.tenantBits. */
  operatorIndex: Uint8Array;
  lon: Float64Array;
  lat: Float64Array;
  /** Antenna height above ground, m. */
  heightM: Float64Array;
  /** Carrier centre frequency, MHz. */
  frequencyMHz: Float64Array;
  /** EIRP of one resource element at boresight, dBm. */
  eirpPerResourceElementDbm: Float64Array;
  /** Sector azimuth, degrees clockwise from north; NaN for an omnidirectional radio (no pattern applied). */
  azimuthDeg: Float64Array;
  /** Downtilt below the horizon, degrees (sectors only). */
  downtiltDeg: Float64Array;
  /** Half-power beamwidths, degrees (sectors only). */
  horizontalBeamwidthDeg: Float64Array;
  verticalBeamwidthDeg: Float64Array;
  /** Farthest ground distance at which the radio can reach the signal floor, m (maxReachM): the scan radius. */
  reachM: Float64Array;
}

export function allocateRadioArrays(count: number): RadioArrays {
  return {
    count,
    towerIndex: new Int32Array(count),
    operatorIndex: new Uint8Array(count),
    lon: new Float64Array(count),
    lat: new Float64Array(count),
    heightM: new Float64Array(count),
    frequencyMHz: new Float64Array(count),
    eirpPerResourceElementDbm: new Float64Array(count),
    azimuthDeg: new Float64Array(count),
    downtiltDeg: new Float64Array(count),
    horizontalBeamwidthDeg: new Float64Array(count),
    verticalBeamwidthDeg: new Float64Array(count),
    reachM: new Float64Array(count),
  };
}
