import { simplify } from '@turf/turf';
import type { Feature, LineString, MultiLineString, Position } from 'geojson';
import { type BackboneProperties, backboneKind } from './clipBackbone';
import { lineLengthM } from './geodesy';
import { roundPath } from './geojsonFiles';

interface SourceProperties {
  ten?: string;
  loai_duong?: string;
  cap_duong?: string;
}

export interface BackboneSimplifyStats {
  sourceVertices: number;
  vertices: number;
  /** Geodesic length of the source lines by kind, metres (before simplification). */
  sourceLengthM: { road: number; rail: number };
}

/**
 * The whole national road and rail network, each line lightly simplified (turf simplify, Douglas-Peucker,
 * tolerance in degrees) and rounded to 6 decimals, with the demo's properties; `length_m` is the WGS84 geodesic
 * length of the simplified lines as written. Source order is kept; a line never disappears (a line the
 * simplification would reduce below 2 positions is kept as it was, rounded).
 */
export function simplifiedBackbone(
  features: readonly Feature<LineString | MultiLineString, SourceProperties | null>[],
  toleranceDeg: number,
  stats: BackboneSimplifyStats,
): Feature<LineString | MultiLineString, BackboneProperties>[] {
  const out: Feature<LineString | MultiLineString, BackboneProperties>[] = [];
  for (const feature of features) {
    if (!feature.geometry) continue;
    const properties = feature.properties ?? {};
    const kind = backboneKind(properties);
    const lines =
      feature.geometry.type === 'LineString' ? [feature.geometry.coordinates] : feature.geometry.coordinates;
    const parts: Position[][] = [];
    for (const line of lines) {
      stats.sourceVertices += line.length;
      stats.sourceLengthM[kind] += lineLengthM(line);
      const original = roundPath(line);
      if (original.length < 2) continue;
      const simplified = roundPath(
        simplify({ type: 'LineString', coordinates: line }, { tolerance: toleranceDeg, highQuality: false })
          .coordinates,
      );
      const part = simplified.length >= 2 ? simplified : original;
      stats.vertices += part.length;
      parts.push(part);
    }
    if (parts.length === 0) continue;
    const lengthM = parts.reduce((sum, part) => sum + lineLengthM(part), 0);
    out.push({
      type: 'Feature',
      properties: {
        name: properties.ten ?? '',
        road_class: properties.loai_duong ?? '',
        level: properties.cap_duong ?? '',
        kind,
        length_m: Math.round(lengthM * 10) / 10,
      },
      geometry:
        parts.length === 1
          ? { type: 'LineString', coordinates: parts[0] }
          : { type: 'MultiLineString', coordinates: parts },
    });
  }
  return out;
}
