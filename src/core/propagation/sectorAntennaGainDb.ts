/**
 * 3GPP TR 38.901 V17 Table 7.3-1, the radiation pattern of one sector antenna element:
 *   vertical    A_V(θ) = -min(12 ((θ - 90°) / θ3dB)², SLA_V),  θ3dB = 65°, SLA_V = 30 dB
 *   horizontal  A_H(φ) = -min(12 (φ / φ3dB)², A_max),          φ3dB = 65°, A_max = 30 dB
 *   3D          A(θ, φ) = -min(-(A_V + A_H), A_max)
 * θ is the zenith angle (90° = the horizon) and φ the azimuth, both in the antenna's own frame: here the vertical
 * angle is measured from the tilted boresight (the depression angle to the terminal minus the downtilt) and the
 * horizontal angle from the sector's azimuth. The result is relative to the boresight gain (0 dB there, -30 dB at
 * worst); the link budget's antenna gain is the boresight gain.
 */
export interface SectorAntennaPattern {
  /** Horizontal half-power beamwidth φ3dB, degrees. */
  horizontalBeamwidthDeg: number;
  /** Vertical half-power beamwidth θ3dB, degrees. */
  verticalBeamwidthDeg: number;
  /** Front-to-back ratio A_max, dB. */
  maxAttenuationDb: number;
  /** Vertical side-lobe level SLA_V, dB. */
  sideLobeLevelDb: number;
}

/** The element pattern of TR 38.901 Table 7.3-1. */
export const TR38901_SECTOR_PATTERN: Readonly<SectorAntennaPattern> = {
  horizontalBeamwidthDeg: 65, // degrees, φ3dB
  verticalBeamwidthDeg: 65, // degrees, θ3dB
  maxAttenuationDb: 30, // dB, A_max
  sideLobeLevelDb: 30, // dB, SLA_V
};

/**
 * Gain relative to boresight, dB (<= 0). `horizontalOffsetDeg`: bearing to the terminal minus the sector azimuth
 * (any value; wrapped to [-180°, 180°]). `verticalOffsetDeg`: angle below the horizon to the terminal minus the
 * downtilt (positive = below the tilted boresight).
 */
export function sectorAntennaGainDb(
  horizontalOffsetDeg: number,
  verticalOffsetDeg: number,
  pattern: SectorAntennaPattern = TR38901_SECTOR_PATTERN,
): number {
  const phi = wrapDegrees(horizontalOffsetDeg);
  const horizontalDb = -Math.min(12 * (phi / pattern.horizontalBeamwidthDeg) ** 2, pattern.maxAttenuationDb);
  const verticalDb = -Math.min(12 * (verticalOffsetDeg / pattern.verticalBeamwidthDeg) ** 2, pattern.sideLobeLevelDb);
  return -Math.min(-(horizontalDb + verticalDb), pattern.maxAttenuationDb);
}

/** An angle in degrees brought into [-180, 180]. */
export function wrapDegrees(angleDeg: number): number {
  const wrapped = ((((angleDeg + 180) % 360) + 360) % 360) - 180;
  return wrapped === -180 && angleDeg > 0 ? 180 : wrapped;
}

/** Initial great-circle bearing from point 1 to point 2, degrees clockwise from north, in (-180, 180]. */
export function bearingDeg(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const toRadians = Math.PI / 180;
  const phi1 = lat1 * toRadians;
  const phi2 = lat2 * toRadians;
  const deltaLambda = (lon2 - lon1) * toRadians;
  const y = Math.sin(deltaLambda) * Math.cos(phi2);
  const x = Math.cos(phi1) * Math.sin(phi2) - Math.sin(phi1) * Math.cos(phi2) * Math.cos(deltaLambda);
  return Math.atan2(y, x) / toRadians;
}

/** Angle below the horizon from an antenna at `txHeightM` to a terminal at `rxHeightM`, `distanceM` away, degrees. */
export function depressionAngleDeg(distanceM: number, txHeightM: number, rxHeightM: number): number {
  return (Math.atan2(txHeightM - rxHeightM, distanceM) * 180) / Math.PI;
}
