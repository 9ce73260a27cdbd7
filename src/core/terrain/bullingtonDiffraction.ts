/**
 * Diffraction over a terrain profile by the Bullington method of ITU-R P.526-15 §4.5.1 (the "uncorrected" knife
 * edge L_uc and its correction for the path's length), heights in metres above sea level, distances in km.
 */
export interface BullingtonInput {
  /** d_i of each profile point from the transmitter, km; index 0 is the transmitter, the last the receiver. */
  distancesKm: ArrayLike<number>;
  /** h_i, ground height of each point, m above sea level (same indices). */
  heightsM: ArrayLike<number>;
  /** h_ts: transmitter antenna, m above sea level (ground + mast). */
  txHeightAmslM: number;
  /** h_rs: receiver antenna, m above sea level. */
  rxHeightAmslM: number;
  frequencyMHz: number;
  /** Effective Earth radius factor k (4/3 in the standard atmosphere). */
  kFactor: number;
}

export interface BullingtonResult {
  /** S_tim < S_tr: no intermediate point, bulge included, reaches the straight line from transmitter to receiver. */
  lineOfSight: boolean;
  /** S_tim, m/km: the steepest slope from the transmitter to an intermediate point (-Infinity without any). */
  slopeToObstacleMPerKm: number;
  /** S_tr, m/km: slope of the line from transmitter to receiver. */
  slopeTxToRxMPerKm: number;
  /** ν_max (line of sight) or ν_b (otherwise); -Infinity without intermediate points. */
  nu: number;
  /** d_b, km: the Bullington point's distance from the transmitter; null on a line of sight. */
  bullingtonPointKm: number | null;
  /** L_uc = J(ν), dB. */
  knifeEdgeLossDb: number;
  /** L_b = L_uc + (1 - exp(-L_uc/6))·(10 + 0.02·d), dB. */
  diffractionLossDb: number;
}

/** Speed of light / 1e6: λ in metres is this divided by the frequency in MHz. */
const LIGHT_MEGAMETRES_PER_SECOND = 299.792458;
/** Earth radius of P.526's effective curvature C_e = 1 / (k · 6371), km. */
const EARTH_RADIUS_KM = 6371;

/**
 * ITU-R P.526-15 §4.5.1, with the intermediate points i = 1..N-1 (the endpoints excluded):
 *   C_e = 1/(k·6371) km⁻¹, λ = 299.792458 / F m, bulge_i = 500·C_e·d_i·(d − d_i) m;
 *   S_tim = max_i (h_i + bulge_i − h_ts)/d_i;  S_tr = (h_rs − h_ts)/d.
 *   Line of sight (S_tim < S_tr): ν_max = max_i (h_i + bulge_i − (h_ts·(d − d_i) + h_rs·d_i)/d)·√(0.002·d/(λ·d_i·(d − d_i))),
 *     L_uc = J(ν_max).
 *   Otherwise: S_rim = max_i (h_i + bulge_i − h_rs)/(d − d_i), d_b = (h_rs − h_ts + S_rim·d)/(S_tim + S_rim),
 *     ν_b = (h_ts + S_tim·d_b − (h_ts·(d − d_b) + h_rs·d_b)/d)·√(0.002·d/(λ·d_b·(d − d_b))), L_uc = J(ν_b).
 *   L_b = L_uc + (1 − exp(−L_uc/6))·(10 + 0.02·d).
 * With no intermediate point (N < 2) there is no obstacle: line of sight, ν = -Infinity and L_uc = J(-Infinity) = 0,
 * so L_b = 0.
 */
export function bullingtonDiffraction(input: BullingtonInput): BullingtonResult {
  const { distancesKm, heightsM, txHeightAmslM: hts, rxHeightAmslM: hrs } = input;
  const last = distancesKm.length - 1;
  const d = distancesKm[last];
  const curvature = 1 / (input.kFactor * EARTH_RADIUS_KM);
  const wavelengthM = LIGHT_MEGAMETRES_PER_SECOND / input.frequencyMHz;
  const slopeTxToRx = (hrs - hts) / d;
  let slopeToObstacle = Number.NEGATIVE_INFINITY;
  for (let i = 1; i < last; i++) {
    const di = distancesKm[i];
    const slope = (heightsM[i] + 500 * curvature * di * (d - di) - hts) / di;
    if (slope > slopeToObstacle) slopeToObstacle = slope;
  }
  const lineOfSight = slopeToObstacle < slopeTxToRx;
  let nu = Number.NEGATIVE_INFINITY;
  let bullingtonPointKm: number | null = null;
  if (lineOfSight) {
    for (let i = 1; i < last; i++) {
      const di = distancesKm[i];
      const clearance = heightsM[i] + 500 * curvature * di * (d - di) - (hts * (d - di) + hrs * di) / d;
      const nuI = clearance * Math.sqrt((0.002 * d) / (wavelengthM * di * (d - di)));
      if (nuI > nu) nu = nuI;
    }
  } else {
    let slopeFromReceiver = Number.NEGATIVE_INFINITY;
    for (let i = 1; i < last; i++) {
      const di = distancesKm[i];
      const slope = (heightsM[i] + 500 * curvature * di * (d - di) - hrs) / (d - di);
      if (slope > slopeFromReceiver) slopeFromReceiver = slope;
    }
    const db = (hrs - hts + slopeFromReceiver * d) / (slopeToObstacle + slopeFromReceiver);
    bullingtonPointKm = db;
    nu =
      (hts + slopeToObstacle * db - (hts * (d - db) + hrs * db) / d) *
      Math.sqrt((0.002 * d) / (wavelengthM * db * (d - db)));
  }
  const knifeEdgeLossDb = knifeEdgeLossJDb(nu);
  return {
    lineOfSight,
    slopeToObstacleMPerKm: slopeToObstacle,
    slopeTxToRxMPerKm: slopeTxToRx,
    nu,
    bullingtonPointKm,
    knifeEdgeLossDb,
    diffractionLossDb: knifeEdgeLossDb + (1 - Math.exp(-knifeEdgeLossDb / 6)) * (10 + 0.02 * d),
  };
}

/** J(ν) of P.526-15 eq. (31): 6.9 + 20·log10(√((ν − 0.1)² + 1) + ν − 0.1) for ν > −0.78, else 0 dB. */
export function knifeEdgeLossJDb(nu: number): number {
  if (!(nu > -0.78)) return 0;
  const shifted = nu - 0.1;
  return 6.9 + 20 * Math.log10(Math.sqrt(shifted * shifted + 1) + shifted);
}
