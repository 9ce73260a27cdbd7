import { kml } from '@tmcw/togeojson';
import { DOMParser } from '@xmldom/xmldom';
import type { Geometry, LineString, Point, Polygon } from 'geojson';
import type { InputProblem } from '../model/tower';
import { setOwnValue } from '../util/ownProperty';
import { LayerFileError } from './layerFileError';
import type { LayerParseResult } from './layerParseResult';
import { featuresToLayer } from './parseLayerGeoJson';
import { readDescriptionFields } from './readDescriptionFields';
import { normalizeColumnName } from './towerFields';

/**
 * Placemarks of KML text as WGS 84 features. ExtendedData (Data/value and SchemaData/SimpleData) becomes properties,
 * typed by the Schema's SimpleField types (int, double, bool), as do <name> and <description>. Attributes listed in the
 * description instead, as ArcGIS, QGIS and Google Earth export them (an HTML table of name/value rows, or "name: value"
 * lines; see readDescriptionFields), become properties too, as text, where no property has the same name (ExtendedData
 * wins), so that towers and the import preview get their columns as from a CSV. A Placemark without a
 * geometry is rejected as "no geometry (null)". Parsed with xmldom, so the same code runs in Node and in a Web Worker
 * (which has no DOMParser). An HTML description is kept as its text: nothing from the file is rendered as HTML.
 * Throws LayerFileError for text that is not well-formed XML or not KML.
 */
export function readKml(text: string): LayerParseResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  checkKmlShape(body);
  let document: ReturnType<DOMParser['parseFromString']>;
  // Where the parser stopped (xmldom gives it to the handler, not in the error it throws).
  let where: { line: number; column: number } | null = null;
  let why = '';
  try {
    document = new DOMParser({
      onError: (level, message, context) => {
        if (level === 'warning') return;
        why = message;
        const locator = (context as { locator?: { lineNumber?: number; columnNumber?: number } } | undefined)?.locator;
        if (locator?.lineNumber !== undefined && locator.columnNumber !== undefined) {
          where = { line: locator.lineNumber, column: locator.columnNumber };
        }
        throw new Error(message);
      },
    }).parseFromString(body, 'text/xml');
  } catch (error) {
    const detail = why ? why.split('\n')[0].slice(0, 300) : firstLine(error);
    const at = where as { line: number; column: number } | null;
    throw new LayerFileError(`not well-formed XML: ${detail}${at ? ` (line ${at.line}, column ${at.column})` : ''}`, {
      code: 'xmlMalformed',
      params: at ? { detail, line: at.line, column: at.column } : { detail },
    });
  }
  const root = document.documentElement;
  const rootName = root?.localName ?? root?.nodeName ?? '';
  if (rootName.toLowerCase() !== 'kml') {
    throw new LayerFileError(`XML whose root element is <${rootName || 'none'}>, not a KML document (<kml>)`, {
      code: 'notKml',
      params: { root: rootName },
    });
  }
  // togeojson converts bool fields with Boolean(text), which makes "false" true: read them as text, convert below.
  const boolFields = new Set<string>();
  const simpleFields = document.getElementsByTagName('SimpleField');
  for (let i = 0; i < simpleFields.length; i++) {
    const field = simpleFields[i];
    if ((field.getAttribute('type') ?? '').toLowerCase() === 'bool') {
      boolFields.add(field.getAttribute('name') ?? '');
      field.setAttribute('type', 'string');
    }
  }
  const collection = kml(document as unknown as Document, { skipNullGeometry: false });
  const warnings: InputProblem[] = [];
  const items = collection.features.map((feature) => {
    const properties: Record<string, unknown> = { ...(feature.properties ?? {}) };
    for (const [key, value] of Object.entries(properties)) {
      if (isHtmlDescription(value)) setOwnValue(properties, key, value.value);
      else if (boolFields.has(key) && typeof value === 'string') setOwnValue(properties, key, readBool(value));
    }
    if (typeof properties.description === 'string') addDescriptionFields(properties, properties.description);
    return { ...feature, geometry: feature.geometry && asMultiGeometry(feature.geometry), properties };
  });
  if (items.length === 0)
    warnings.push({ row: 0, reason: 'the KML document holds no Placemark', code: 'kmlNoPlacemark' });
  return featuresToLayer(items, null, warnings);
}

/**
 * togeojson turns every MultiGeometry into a GeometryCollection; one whose members share a type is a MultiPoint,
 * MultiLineString or MultiPolygon, as it was before export.
 */
function asMultiGeometry(geometry: Geometry): Geometry {
  if (geometry.type !== 'GeometryCollection' || geometry.geometries.length === 0) return geometry;
  const [first] = geometry.geometries;
  if (!geometry.geometries.every((member) => member.type === first.type)) return geometry;
  switch (first.type) {
    case 'Point':
      return { type: 'MultiPoint', coordinates: (geometry.geometries as Point[]).map((g) => g.coordinates) };
    case 'LineString':
      return { type: 'MultiLineString', coordinates: (geometry.geometries as LineString[]).map((g) => g.coordinates) };
    case 'Polygon':
      return { type: 'MultiPolygon', coordinates: (geometry.geometries as Polygon[]).map((g) => g.coordinates) };
    default:
      return geometry;
  }
}

/**
 * The description's fields as properties, each where no property has its name as written or as column names compare
 * ("Nhà mạng" in ExtendedData and "nha mang" in the table are one column): ExtendedData, <name> and the rest win.
 */
function addDescriptionFields(properties: Record<string, unknown>, description: string): void {
  const fields = readDescriptionFields(description);
  if (fields.length === 0) return;
  const names = new Set(Object.keys(properties));
  // An empty normalised name ("()") matches nothing but itself as written.
  const normalizedNames = new Set([...names].map(normalizeColumnName).filter((name) => name !== ''));
  for (const { name, value } of fields) {
    const normalized = normalizeColumnName(name);
    if (names.has(name) || normalizedNames.has(normalized)) continue;
    setOwnValue(properties, name, value);
    names.add(name);
    if (normalized !== '') normalizedNames.add(normalized);
  }
}

function isHtmlDescription(value: unknown): value is { '@type': string; value: string } {
  return typeof value === 'object' && value !== null && (value as { '@type'?: unknown })['@type'] === 'html';
}

function readBool(text: string): boolean | string {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === 'true' || trimmed === '1') return true;
  if (trimmed === 'false' || trimmed === '0') return false;
  return text;
}

/**
 * How deep each element may nest: togeojson searches a Placemark's whole subtree for each of its parts (10,000 nested
 * Placemarks, 230 KB, took 40 s; 20,000 nested LinearRings 13 s) and recurses into MultiGeometry (5,000 levels
 * overflowed the stack). KML allows no Placemark or LinearRing inside another.
 */
const MAX_NESTING: Record<string, number> = {
  Placemark: 1,
  LinearRing: 1,
  MultiGeometry: 16,
  Folder: 1_000,
  Document: 1_000,
  // Attributes never nest in KML; togeojson searches each Data's subtree, so nested ones cost the square of their
  // depth (10,000 nested <Data><value> in 370 KB ran past 60 s).
  ExtendedData: 1,
  Data: 1,
  value: 1,
  SchemaData: 1,
  SimpleData: 1,
};

/**
 * Placemarks a KML may hold: its XML tree and features take about 27 KB of memory per placemark of a tower list (60,000
 * took 1.6 GB and 9 s; 2.8 million empty ones in a 65 KB KMZ 3.7 GB and 43 s), so 40,000 keep a read near the memory
 * budget. Larger lists read as CSV.
 */
export const MAX_KML_PLACEMARKS = 40_000;

/**
 * Refuses KML nesting past MAX_NESTING and more than MAX_KML_PLACEMARKS placemarks, in one pass over the text's tags
 * before any tree is built: a scan from '<' to '<' (comments and CDATA skipped whole), each tag's name read in place,
 * so that no part of the text is scanned twice.
 */
function checkKmlShape(text: string): void {
  const depth: Record<string, number> = Object.fromEntries(Object.keys(MAX_NESTING).map((name) => [name, 0]));
  let placemarks = 0;
  let at = text.indexOf('<');
  while (at >= 0) {
    if (text.startsWith('<!--', at)) {
      const end = text.indexOf('-->', at + 4);
      if (end < 0) return;
      at = text.indexOf('<', end + 3);
      continue;
    }
    if (text.startsWith('<![CDATA[', at)) {
      const end = text.indexOf(']]>', at + 9);
      if (end < 0) return;
      at = text.indexOf('<', end + 3);
      continue;
    }
    const closing = text.charCodeAt(at + 1) === 47;
    const nameStart = at + (closing ? 2 : 1);
    let nameEnd = nameStart;
    while (nameEnd < text.length && isNameChar(text.charCodeAt(nameEnd))) nameEnd++;
    // A namespace prefix (kml:Placemark): the name is what follows the colon.
    const qualified = text.slice(nameStart, nameEnd);
    const name = qualified.slice(qualified.lastIndexOf(':') + 1);
    const next = text.indexOf('<', nameEnd);
    if (Object.hasOwn(depth, name)) {
      // Self-closing when the tag's '>' (looked for before the next '<' only, so that no text is scanned twice)
      // follows a '/'.
      const limit = next < 0 ? text.length : next;
      let tagEnd = -1;
      for (let k = nameEnd; k < limit; k++) {
        if (text.charCodeAt(k) === 62) {
          tagEnd = k;
          break;
        }
      }
      const selfClosing = tagEnd > nameEnd && text.charCodeAt(tagEnd - 1) === 47;
      if (name === 'Placemark' && !closing && ++placemarks > MAX_KML_PLACEMARKS) {
        throw new LayerFileError(
          `the KML holds more than ${MAX_KML_PLACEMARKS.toLocaleString('en')} placemarks (each is read into memory ` +
            'whole): save a list this large as CSV, or split it',
          { code: 'kmlTooManyPlacemarks', params: { max: MAX_KML_PLACEMARKS } },
        );
      }
      if (closing) depth[name] = Math.max(0, depth[name] - 1);
      else if (!selfClosing && ++depth[name] > MAX_NESTING[name]) {
        throw new LayerFileError(
          MAX_NESTING[name] === 1
            ? `a <${name}> inside a <${name}>, which KML does not allow`
            : `<${name}> elements nested more than ${MAX_NESTING[name].toLocaleString('en')} deep`,
          { code: 'kmlNested', params: { name, max: MAX_NESTING[name] } },
        );
      }
    }
    at = next;
  }
}

/** Letters, digits, '_', '-', '.', ':' (XML name characters, ASCII part; other names are not the ones counted). */
function isNameChar(code: number): boolean {
  return (
    (code >= 97 && code <= 122) ||
    (code >= 65 && code <= 90) ||
    (code >= 48 && code <= 58) ||
    code === 95 ||
    code === 45 ||
    code === 46
  );
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const quoted = /fatalError "([^"]+)"/.exec(message)?.[1];
  return (quoted ?? message.split('\n')[0]).slice(0, 300);
}
