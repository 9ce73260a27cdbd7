import type { ElevationMosaic } from './buildElevationMosaic';
import { type BullingtonResult, bullingtonDiffraction } from './bullingtonDiffraction';
import { freeSpaceLossOverTerrainDb } from './freeSpaceLossOverTerrainDb';
import { type GreatCircleProfile, greatCircleProfile } from './greatCircleProfile';

export interface TerrainPathLossRequest {
  fromLonDeg: number;
  fromLatDeg: number;
  toLonDeg: number;
  toLatDeg: number;
  frequencyMHz: number;
  /** Transmitter antenna above ground, m. */
  txHeightM: number;
  /** Receiver antenna above ground, m. */
  rxHeightM: number;
  /** Effective Earth radius factor; 4/3 by default. */
  kFactor?: number;
}

export const DEFAULT_K_FACTOR = 4 / 3;

export interface TerrainPathLossResult {
  profile: GreatCircleProfile;
  groundTxM: number;
  groundRxM: number;
  /** h_ts, h_rs: antennas above sea level, m. */
  txHeightAmslM: number;
  rxHeightAmslM: number;
  kFactor: number;
  diffraction: BullingtonResult;
  freeSpaceLossDb: number;
  /** Free space + Bullington diffraction, dB (model fspl). */
  pathLossDb: number;
}

/**
 * Path loss over terrain, model "fspl": free space over the 3D distance between the antennas plus the Bullington
 * diffraction loss of the great-circle profile between them (ITU-R P.526-15 §4.5.1). Endpoints must differ.
 * Throws OutsideElevationError when a point of the profile is outside every DEM, a RangeError of code 'samePoint' for
 * coinciding points.
 */
export function computeTerrainPathLoss(
  mosaic: ElevationMosaic,
  request: TerrainPathLossRequest,
): TerrainPathLossResult {
  const kFactor = request.kFactor ?? DEFAULT_K_FACTOR;
  const profile = greatCircleProfile(
    mosaic,
    request.fromLonDeg,
    request.fromLatDeg,
    request.toLonDeg,
    request.toLatDeg,
  );
  if (profile.distanceM === 0) {
    // With a code for the UI's words (two masts at one place); still a RangeError for the command line.
    throw Object.assign(new RangeError('the two points coincide: there is no path'), { code: 'samePoint' });
  }
  const groundTxM = profile.groundHeightsM[0];
  const groundRxM = profile.groundHeightsM[profile.intervals];
  const txHeightAmslM = groundTxM + request.txHeightM;
  const rxHeightAmslM = groundRxM + request.rxHeightM;
  const distancesKm = new Float64Array(profile.intervals + 1);
  for (let i = 0; i <= profile.intervals; i++) distancesKm[i] = profile.distanceFromStartM[i] / 1000;
  const diffraction = bullingtonDiffraction({
    distancesKm,
    heightsM: profile.groundHeightsM,
    txHeightAmslM,
    rxHeightAmslM,
    frequencyMHz: request.frequencyMHz,
    kFactor,
  });
  const freeSpaceLossDb = freeSpaceLossOverTerrainDb(
    request.frequencyMHz,
    profile.distanceM / 1000,
    txHeightAmslM,
    rxHeightAmslM,
  );
  return {
    profile,
    groundTxM,
    groundRxM,
    txHeightAmslM,
    rxHeightAmslM,
    kFactor,
    diffraction,
    freeSpaceLossDb,
    pathLossDb: freeSpaceLossDb + diffraction.diffractionLossDb,
  };
}
