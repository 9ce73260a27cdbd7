import { invalidJsonWorded, parseJsonText } from '../io/parseJsonText';
import { BoundaryFileError } from './boundaryFileError';
import { checkLonLatPosition } from './checkLonLatPosition';
import type { LonLatPolyline } from './lonLatPolyline';

/**
 * The lines of a GeoJSON file (a fibre backbone, roads): LineString and MultiLineString, nested in Features,
 * FeatureCollections and GeometryCollections; other geometries are ignored. Polygon outlines are not lines.
 * Throws BoundaryFileError (one-line message) for invalid JSON, coordinates that are not lon/lat degrees, or no line.
 */
export function parseLinesGeoJson(text: string): LonLatPolyline[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const parsed = parseJsonText(body);
  if ('error' in parsed) throw new BoundaryFileError(`invalid JSON: ${parsed.error}`, invalidJsonWorded(parsed));
  const lines: LonLatPolyline[] = [];
  collect(parsed.value, lines);
  if (lines.length === 0) throw new BoundaryFileError('no LineString or MultiLineString in the file');
  return lines;
}

function collect(value: unknown, lines: LonLatPolyline[]): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
  const object = value as Record<string, unknown>;
  switch (object.type) {
    case 'FeatureCollection':
      if (Array.isArray(object.features)) for (const feature of object.features) collect(feature, lines);
      return;
    case 'Feature':
      collect(object.geometry, lines);
      return;
    case 'GeometryCollection':
      if (Array.isArray(object.geometries)) for (const geometry of object.geometries) collect(geometry, lines);
      return;
    case 'LineString':
      lines.push(checkLine(object.coordinates));
      return;
    case 'MultiLineString':
      if (Array.isArray(object.coordinates)) for (const line of object.coordinates) lines.push(checkLine(line));
      return;
  }
}

function checkLine(coordinates: unknown): LonLatPolyline {
  if (!Array.isArray(coordinates) || coordinates.length < 2) {
    throw new BoundaryFileError('a line has fewer than 2 positions');
  }
  for (const position of coordinates) checkLonLatPosition(position, 'line', 'reproject to EPSG:4326');
  return coordinates as LonLatPolyline;
}
