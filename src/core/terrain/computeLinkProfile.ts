import type { ElevationMosaic } from './buildElevationMosaic';
import type { BullingtonResult } from './bullingtonDiffraction';
import { computeTerrainPathLoss, DEFAULT_K_FACTOR } from './computeTerrainPathLoss';

export interface LinkProfileRequest {
  fromLonDeg: number;
  fromLatDeg: number;
  toLonDeg: number;
  toLatDeg: number;
  /** Antenna at the start above its ground, m. */
  txHeightM: number;
  /** Antenna at the end above its ground, m. */
  rxHeightM: number;
  frequencyMHz: number;
  /** Effective Earth radius factor; 4/3 by default. */
  kFactor?: number;
}

/** Per profile point (index 0 the start, the last the end), in typed arrays of N + 1 values. */
export interface LinkProfilePoints {
  /** d_i from the start, km. */
  distanceKm: Float64Array;
  /** h_i, ground, m above sea level. */
  groundM: Float64Array;
  /** 500·C_e·d_i·(d − d_i), C_e = 1/(k·6371) km⁻¹, m: how far the (effective) Earth rises above the chord. */
  earthBulgeM: Float64Array;
  /** The straight line between the antennas, h_ts + (h_rs − h_ts)·d_i/d, m above sea level. */
  lineOfSightM: Float64Array;
  /** First Fresnel zone radius 17.32·√(d1·d2/(f_GHz·d)), d1 = d_i, d2 = d − d_i, d in km; 0 at the ends, m. */
  fresnelRadiusM: Float64Array;
  /** Line of sight − (ground + bulge), m: negative where the ground cuts the line. */
  clearanceM: Float64Array;
  /** clearanceM as a percentage of fresnelRadiusM; NaN at the two ends (no zone there). */
  clearancePercentF1: Float64Array;
}

export interface LinkProfile {
  /** Haversine distance between the ends, km. */
  distanceKm: number;
  /** N = ceil(d/s), the path-loss rule (greatCircleProfile). */
  intervals: number;
  /** s: the finest DEM's spacing along the path, m, and the DEMs that gave heights. */
  spacingM: number;
  demNamesUsed: string[];
  kFactor: number;
  /** h_ts, h_rs: antennas above sea level, m. */
  txHeightAmslM: number;
  rxHeightAmslM: number;
  points: LinkProfilePoints;
  /**
   * The lowest clearance in % of F1 over the intermediate points, its index and distance; null without any
   * intermediate point (N < 2).
   */
  minClearancePercentF1: number | null;
  minClearanceIndex: number | null;
  minClearanceDistanceKm: number | null;
  /** Whether every intermediate point clears 60 % of F1 (the usual criterion for a microwave hop); true if none. */
  clearsSixtyPercentF1: boolean;
  /** P.526-15 §4.5.1 line of sight (S_tim < S_tr), as the diffraction's. */
  lineOfSight: boolean;
  diffraction: BullingtonResult;
  /** Bullington diffraction loss, dB. */
  diffractionLossDb: number;
  /** Free space over the 3D distance between the antennas, dB (freeSpaceLossOverTerrainDb). */
  freeSpaceLossDb: number;
  /** Free space + diffraction, dB (the path-loss command's "fspl" model). */
  pathLossDb: number;
}

/** 17.32 m = √(λ·d1·d2/d) at 1 GHz with d in km: the coefficient of F1 = 17.32·√(d1·d2/(f_GHz·d)). */
const FRESNEL_COEFFICIENT_M = 17.32;

/**
 * The terrain profile of a radio link for the link planner: ground, Earth bulge, line of sight, first Fresnel zone and
 * clearance at each point of the great-circle profile (greatCircleProfile: N = ceil(d/s), the path-loss rule), with
 * the Bullington diffraction (ITU-R P.526-15 §4.5.1) and free-space losses of computeTerrainPathLoss, which cuts the
 * profile. The clearance is measured like the diffraction's: from the ground raised by the bulge up to the straight
 * line between the antennas. Throws what computeTerrainPathLoss throws (a point outside every DEM, coinciding ends).
 */
export function computeLinkProfile(mosaic: ElevationMosaic, request: LinkProfileRequest): LinkProfile {
  const kFactor = request.kFactor ?? DEFAULT_K_FACTOR;
  const loss = computeTerrainPathLoss(mosaic, { ...request, kFactor });
  const { profile, txHeightAmslM: hts, rxHeightAmslM: hrs } = loss;
  const count = profile.intervals + 1;
  const d = profile.distanceM / 1000;
  const bulgePerKm2 = 500 / (kFactor * 6371);
  const frequencyGHz = request.frequencyMHz / 1000;
  const points: LinkProfilePoints = {
    distanceKm: new Float64Array(count),
    groundM: new Float64Array(count),
    earthBulgeM: new Float64Array(count),
    lineOfSightM: new Float64Array(count),
    fresnelRadiusM: new Float64Array(count),
    clearanceM: new Float64Array(count),
    clearancePercentF1: new Float64Array(count),
  };
  let minClearancePercentF1: number | null = null;
  let minClearanceIndex: number | null = null;
  for (let i = 0; i < count; i++) {
    const di = profile.distanceFromStartM[i] / 1000;
    const ground = profile.groundHeightsM[i];
    const bulge = bulgePerKm2 * di * (d - di);
    const lineOfSight = hts + ((hrs - hts) * di) / d;
    const fresnel = FRESNEL_COEFFICIENT_M * Math.sqrt((di * (d - di)) / (frequencyGHz * d));
    const clearance = lineOfSight - (ground + bulge);
    const intermediate = i > 0 && i < count - 1;
    points.distanceKm[i] = di;
    points.groundM[i] = ground;
    points.earthBulgeM[i] = bulge;
    points.lineOfSightM[i] = lineOfSight;
    points.fresnelRadiusM[i] = intermediate ? fresnel : 0;
    points.clearanceM[i] = clearance;
    points.clearancePercentF1[i] = intermediate ? (100 * clearance) / fresnel : Number.NaN;
    if (intermediate && (minClearancePercentF1 === null || points.clearancePercentF1[i] < minClearancePercentF1)) {
      minClearancePercentF1 = points.clearancePercentF1[i];
      minClearanceIndex = i;
    }
  }
  return {
    distanceKm: d,
    intervals: profile.intervals,
    spacingM: profile.spacingM,
    demNamesUsed: profile.demNamesUsed,
    kFactor,
    txHeightAmslM: hts,
    rxHeightAmslM: hrs,
    points,
    minClearancePercentF1,
    minClearanceIndex,
    minClearanceDistanceKm: minClearanceIndex === null ? null : points.distanceKm[minClearanceIndex],
    clearsSixtyPercentF1: minClearancePercentF1 === null || minClearancePercentF1 >= 60,
    lineOfSight: loss.diffraction.lineOfSight,
    diffraction: loss.diffraction,
    diffractionLossDb: loss.diffraction.diffractionLossDb,
    freeSpaceLossDb: loss.freeSpaceLossDb,
    pathLossDb: loss.pathLossDb,
  };
}
