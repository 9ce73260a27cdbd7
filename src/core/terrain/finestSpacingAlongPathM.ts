import { EARTH_MEAN_RADIUS_M } from '../geo/haversineDistanceM';
import type { ElevationMosaic } from './buildElevationMosaic';
import { GreatCircleArc } from './greatCircleArc';
import { finestSpacingM } from './rasterSpacingM';
import { layerCoversPoint } from './sampleElevation';

/** The most probe points one DEM is checked with (a 1,000 km path against a 10 m DEM would want 100,000). */
const MAX_PROBES = 100_000;

/**
 * s of the profile rule: the spacing, metres, of the finest DEM covering the path, at the path's mid latitude
 * ((lat1 + lat2) / 2), the smaller of its two axes (rasterSpacingM). Null when no DEM covers any of it.
 *
 * "Covering the path" is taken as covering at least one point of it, not all of it: with a 30 m DEM around the
 * transmitter and a 2 km national grid beyond, the profile is cut at 30 m steps (coarser ground is then sampled
 * more often than it needs, which changes nothing). A DEM covers a point of the path when it covers one of the
 * endpoints or one of the points at fractions j/M of the great circle, M = ceil(d / its own spacing): a DEM the
 * path crosses for less than one of its cells may be missed. DEMs are tried finest first and the first that covers
 * wins, so a single DEM (or one covering an endpoint) costs two point checks.
 */
export function finestSpacingAlongPathM(
  mosaic: ElevationMosaic,
  fromLonDeg: number,
  fromLatDeg: number,
  toLonDeg: number,
  toLatDeg: number,
  arc: GreatCircleArc = new GreatCircleArc(),
): { spacingM: number; layerIndex: number } | null {
  const midLatDeg = (fromLatDeg + toLatDeg) / 2;
  const candidates = mosaic.layers
    .map((layer, layerIndex) => ({ layer, layerIndex, spacingM: finestSpacingM(layer.raster, midLatDeg) }))
    .sort((a, b) => a.spacingM - b.spacingM || a.layerIndex - b.layerIndex);
  arc.set(fromLonDeg, fromLatDeg, toLonDeg, toLatDeg);
  const distanceM = arc.angleRad * EARTH_MEAN_RADIUS_M;
  // The great circle bulges poleward of the endpoints' box by at most about angle²/8 radians.
  const marginDeg = ((arc.angleRad * arc.angleRad) / 8) * (180 / Math.PI) + 1e-6;
  const west = Math.min(fromLonDeg, toLonDeg) - marginDeg;
  const east = Math.max(fromLonDeg, toLonDeg) + marginDeg;
  const south = Math.min(fromLatDeg, toLatDeg) - marginDeg;
  const north = Math.max(fromLatDeg, toLatDeg) + marginDeg;
  for (const { layer, layerIndex, spacingM } of candidates) {
    if (layer.eastDeg < west || layer.westDeg > east || layer.northDeg < south || layer.southDeg > north) continue;
    if (layerCoversPoint(layer, fromLonDeg, fromLatDeg) || layerCoversPoint(layer, toLonDeg, toLatDeg)) {
      return { spacingM, layerIndex };
    }
    const probes = Math.min(MAX_PROBES, Math.ceil(distanceM / spacingM));
    for (let j = 1; j < probes; j++) {
      arc.pointAt(j / probes);
      if (layerCoversPoint(layer, arc.lonDeg, arc.latDeg)) return { spacingM, layerIndex };
    }
  }
  return null;
}
