import type { Feature, LineString, MultiLineString, Position } from 'geojson';
import { clipLineToPolygon, EdgeIndex } from './clipLineToPolygon';
import { lineLengthM } from './geodesy';
import { roundPath } from './geojsonFiles';

export type BackboneKind = 'road' | 'rail';

export interface BackboneProperties {
  name: string;
  road_class: string;
  level: string;
  kind: BackboneKind;
  length_m: number;
}

interface SourceProperties {
  gid?: number;
  ten?: string;
  loai_duong?: string;
  cap_duong?: string;
}

/** Railways are the features whose class (loai_duong) is "Đường sắt" (railway); everything else is a road. */
export function backboneKind(properties: SourceProperties): BackboneKind {
  return (properties.loai_duong ?? '').normalize('NFC') === 'Đường sắt'.normalize('NFC') ? 'rail' : 'road';
}

/**
 * The roads and railways cut exactly at the province boundary, keeping the parts inside, in source order; each
 * feature's length is the WGS84 geodesic length of its rounded clipped lines.
 */
export function clipBackbone(
  features: readonly Feature<LineString | MultiLineString, SourceProperties | null>[],
  rings: Position[][],
): Feature<LineString | MultiLineString, BackboneProperties>[] {
  const index = new EdgeIndex(rings);
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const ring of rings) {
    for (const [x, y] of ring) {
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x);
      maxY = Math.max(maxY, y);
    }
  }
  const out: Feature<LineString | MultiLineString, BackboneProperties>[] = [];
  for (const feature of features) {
    if (!feature.geometry) continue;
    const lines =
      feature.geometry.type === 'LineString' ? [feature.geometry.coordinates] : feature.geometry.coordinates;
    const parts: Position[][] = [];
    for (const line of lines) {
      const xs = line.map((position) => position[0]);
      const ys = line.map((position) => position[1]);
      if (Math.max(...xs) < minX || Math.min(...xs) > maxX || Math.max(...ys) < minY || Math.min(...ys) > maxY) {
        continue;
      }
      for (const part of clipLineToPolygon(line, index)) {
        const rounded = roundPath(part);
        if (rounded.length >= 2) parts.push(rounded);
      }
    }
    if (parts.length === 0) continue;
    const properties = feature.properties ?? {};
    const lengthM = parts.reduce((sum, part) => sum + lineLengthM(part), 0);
    out.push({
      type: 'Feature',
      properties: {
        name: properties.ten ?? '',
        road_class: properties.loai_duong ?? '',
        level: properties.cap_duong ?? '',
        kind: backboneKind(properties),
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
