import { haversineDistanceM } from '../geo/haversineDistanceM';
import type { ElevationMosaic } from './buildElevationMosaic';
import { finestSpacingAlongPathM } from './finestSpacingAlongPathM';
import { GreatCircleArc } from './greatCircleArc';
import { OutsideElevationError } from './outsideElevationError';
import { type ElevationHit, sampleElevation } from './sampleElevation';

/** The ground under a great-circle path, sampled at N + 1 equally spaced points (both endpoints included). */
export interface GreatCircleProfile {
  /** Haversine distance between the endpoints, R = 6,371,008.8 m. */
  distanceM: number;
  /** s: the spacing of the finest DEM covering the path at its mid latitude (finestSpacingAlongPathM), m. */
  spacingM: number;
  /** Name of the DEM that gave s. */
  spacingDemName: string;
  /** N = ceil(d / s): the number of steps; there are N + 1 points and N - 1 intermediate ones. */
  intervals: number;
  /** Point i at fraction i/N of the great circle, degrees. */
  lonDeg: Float64Array;
  latDeg: Float64Array;
  /** d_i = d · i/N, m. */
  distanceFromStartM: Float64Array;
  /** Ground height at point i (sampleElevation: finest DEM, bilinear, void rule), m above sea level. */
  groundHeightsM: Float64Array;
  /** The DEMs that gave at least one height, finest first. */
  demNamesUsed: string[];
}

/**
 * Cut the ground profile between two WGS 84 points: distance by haversine (R = 6,371,008.8 m), N = ceil(d / s)
 * steps, points at fractions i/N of the great circle (spherical linear interpolation), heights from the mosaic.
 * Points that coincide give N = 0 and a single point.
 * Throws OutsideElevationError naming the first point (an endpoint or a profile point) no DEM covers.
 */
export function greatCircleProfile(
  mosaic: ElevationMosaic,
  fromLonDeg: number,
  fromLatDeg: number,
  toLonDeg: number,
  toLatDeg: number,
): GreatCircleProfile {
  const arc = new GreatCircleArc();
  const hit: ElevationHit = { layerIndex: -1 };
  const endpointHeight = (lon: number, lat: number, what: string) => {
    const height = sampleElevation(mosaic, lon, lat, hit);
    if (Number.isNaN(height)) throw new OutsideElevationError(lon, lat, what);
    return height;
  };
  endpointHeight(fromLonDeg, fromLatDeg, 'the start point');
  endpointHeight(toLonDeg, toLatDeg, 'the end point');
  const spacing = finestSpacingAlongPathM(mosaic, fromLonDeg, fromLatDeg, toLonDeg, toLatDeg, arc);
  if (spacing === null) throw new OutsideElevationError(fromLonDeg, fromLatDeg, 'the start point');
  arc.set(fromLonDeg, fromLatDeg, toLonDeg, toLatDeg);
  const distanceM = haversineDistanceM(fromLonDeg, fromLatDeg, toLonDeg, toLatDeg);
  const intervals = Math.ceil(distanceM / spacing.spacingM);
  const count = intervals + 1;
  const lonDeg = new Float64Array(count);
  const latDeg = new Float64Array(count);
  const distanceFromStartM = new Float64Array(count);
  const groundHeightsM = new Float64Array(count);
  const used = new Set<number>();
  for (let i = 0; i < count; i++) {
    if (i === 0 || i === intervals) {
      // The endpoints exactly as given, not as the interpolation rounds them.
      lonDeg[i] = i === 0 ? fromLonDeg : toLonDeg;
      latDeg[i] = i === 0 ? fromLatDeg : toLatDeg;
    } else {
      arc.pointAt(i / intervals);
      lonDeg[i] = arc.lonDeg;
      latDeg[i] = arc.latDeg;
    }
    distanceFromStartM[i] = i === intervals ? distanceM : (distanceM * i) / intervals;
    groundHeightsM[i] = endpointHeight(lonDeg[i], latDeg[i], `profile point ${i} of ${intervals}`);
    used.add(hit.layerIndex);
  }
  return {
    distanceM,
    spacingM: spacing.spacingM,
    spacingDemName: mosaic.layers[spacing.layerIndex].raster.name,
    intervals,
    lonDeg,
    latDeg,
    distanceFromStartM,
    groundHeightsM,
    demNamesUsed: [...used].sort((a, b) => a - b).map((index) => mosaic.layers[index].raster.name),
  };
}
