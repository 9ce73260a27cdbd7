import { strToU8, zipSync } from 'fflate';
import type { Feature, Geometry, Position } from 'geojson';

export interface KmlExportOptions {
  /** Document name shown in Google Earth; "CoSite export" by default. */
  name?: string;
  /**
   * Point styles by the value of the property `styleProperty`: each becomes a shared <Style id="…"> (icon colour as
   * KML's aabbggrr, scale) and a placemark whose value has a style points to it with <styleUrl>.
   */
  styles?: Record<string, { colorAbgr: string; scale?: number }>;
  styleProperty?: string;
}

const SCHEMA_ID = 'cosite';

/**
 * A layer as KML text. Properties go to ExtendedData/SchemaData under a Schema that types them (double for numeric
 * fields, bool, string; lists and objects as JSON text), so a KML round trip keeps numbers as numbers. `name` and
 * `description` become the Placemark's own elements. Null values are left out (KML has no null). Multi-geometries and
 * collections are written as MultiGeometry. All text is XML-escaped; a description is plain text, not HTML.
 */
export function exportKml(features: readonly Feature[], options: KmlExportOptions = {}): string {
  const types = fieldTypes(features);
  const fields = [...types.entries()]
    .map(([name, type]) => `<SimpleField name="${escapeXml(name)}" type="${type}"/>`)
    .join('');
  const styles = options.styles ?? {};
  const styleOf = (feature: Feature): string | null => {
    if (options.styleProperty === undefined) return null;
    const value = feature.properties?.[options.styleProperty];
    return typeof value === 'string' && Object.hasOwn(styles, value) ? value : null;
  };
  const styleElements = Object.entries(styles)
    .map(
      ([id, style]) =>
        `<Style id="${escapeXml(id)}"><IconStyle><color>${escapeXml(style.colorAbgr)}</color>` +
        `<scale>${style.scale ?? 1}</scale></IconStyle></Style>\n`,
    )
    .join('');
  const placemarks = features.map((feature) => placemark(feature, types, styleOf(feature))).join('\n');
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<kml xmlns="http://www.opengis.net/kml/2.2"><Document>' +
    `<name>${escapeXml(options.name ?? 'CoSite export')}</name>\n${styleElements}` +
    `<Schema name="${SCHEMA_ID}" id="${SCHEMA_ID}">${fields}</Schema>\n${placemarks}\n</Document></kml>\n`
  );
}

/** The same as a KMZ: a zip holding doc.kml. */
export function exportKmz(features: readonly Feature[], options: KmlExportOptions = {}): Uint8Array {
  return zipSync({ 'doc.kml': strToU8(exportKml(features, options)) }, { level: 6 });
}

type FieldType = 'double' | 'bool' | 'string';

function fieldTypes(features: readonly Feature[]): Map<string, FieldType> {
  const types = new Map<string, FieldType>();
  for (const feature of features) {
    for (const [key, value] of Object.entries(feature.properties ?? {})) {
      if (key === 'name' || key === 'description' || !present(value)) continue;
      const type: FieldType = typeof value === 'number' ? 'double' : typeof value === 'boolean' ? 'bool' : 'string';
      const known = types.get(key);
      types.set(key, known === undefined || known === type ? type : 'string');
    }
  }
  return types;
}

/** A value KML can hold: not null or undefined, and a number only when finite (KML has no NaN; the field is left out). */
function present(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  return typeof value !== 'number' || Number.isFinite(value);
}

function placemark(feature: Feature, types: Map<string, FieldType>, style: string | null): string {
  const properties = feature.properties ?? {};
  const id = feature.id === undefined ? '' : ` id="${escapeXml(String(feature.id))}"`;
  const name =
    properties.name === undefined || properties.name === null ? '' : `<name>${escapeXml(text(properties.name))}</name>`;
  const description =
    properties.description === undefined || properties.description === null
      ? ''
      : `<description>${escapeXml(text(properties.description))}</description>`;
  const data = [...types.keys()]
    .filter((key) => present(properties[key]))
    .map((key) => `<SimpleData name="${escapeXml(key)}">${escapeXml(text(properties[key]))}</SimpleData>`)
    .join('');
  const extended =
    data === '' ? '' : `<ExtendedData><SchemaData schemaUrl="#${SCHEMA_ID}">${data}</SchemaData></ExtendedData>`;
  const geometry = feature.geometry ? geometryKml(feature.geometry) : '';
  const styleUrl = style === null ? '' : `<styleUrl>#${escapeXml(style)}</styleUrl>`;
  return `<Placemark${id}>${name}${description}${styleUrl}${extended}${geometry}</Placemark>`;
}

function geometryKml(geometry: Geometry): string {
  const coordinates = (positions: Position[]) =>
    `<coordinates>${positions.map((p) => p.join(',')).join(' ')}</coordinates>`;
  const polygon = (rings: Position[][]) =>
    `<Polygon><outerBoundaryIs><LinearRing>${coordinates(rings[0])}</LinearRing></outerBoundaryIs>` +
    rings
      .slice(1)
      .map((ring) => `<innerBoundaryIs><LinearRing>${coordinates(ring)}</LinearRing></innerBoundaryIs>`)
      .join('') +
    '</Polygon>';
  switch (geometry.type) {
    case 'Point':
      return `<Point>${coordinates([geometry.coordinates])}</Point>`;
    case 'LineString':
      return `<LineString>${coordinates(geometry.coordinates)}</LineString>`;
    case 'Polygon':
      return polygon(geometry.coordinates);
    case 'MultiPoint':
      return `<MultiGeometry>${geometry.coordinates.map((p) => `<Point>${coordinates([p])}</Point>`).join('')}</MultiGeometry>`;
    case 'MultiLineString':
      return `<MultiGeometry>${geometry.coordinates.map((line) => `<LineString>${coordinates(line)}</LineString>`).join('')}</MultiGeometry>`;
    case 'MultiPolygon':
      return `<MultiGeometry>${geometry.coordinates.map(polygon).join('')}</MultiGeometry>`;
    case 'GeometryCollection':
      return `<MultiGeometry>${geometry.geometries.map(geometryKml).join('')}</MultiGeometry>`;
  }
}

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
