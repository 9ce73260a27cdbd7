import { strToU8, zipSync } from 'fflate';
import type { Feature, Geometry, Position } from 'geojson';
import { FIELD_NAMES_SIDECAR_SUFFIX } from '../io/readShapefileZip';
import { writeDbf } from './writeDbf';

const WGS84_PRJ =
  'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],' +
  'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';

/** A layer that a shapefile cannot hold (a GeometryCollection). One-line message. */
export class ShapefileExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShapefileExportError';
  }
}

export interface ShapefileExportOptions {
  /** Base name of the files inside the zip; "layer" by default. */
  name?: string;
}

type ShapeKind = 'points' | 'multipoints' | 'lines' | 'polygons';
const SHAPE_TYPE: Record<ShapeKind, number> = { points: 1, lines: 3, polygons: 5, multipoints: 8 };

/**
 * A layer as a zipped shapefile in WGS 84 (.shp .shx .dbf .prj .cpg per geometry kind: one shapefile holds one kind,
 * so a mixed layer gives `<name>_points`, `<name>_lines`, `<name>_polygons`; a single kind gives `<name>`). One record
 * per feature; polygon rings are written clockwise (outer) and counter-clockwise (holes) as the format wants.
 * DBF field names hold 10 characters: `<name>.fieldnames.json` maps them back to the full property names, which
 * readShapefileZip restores (other software shows the short names). Features without geometry are written as null
 * shapes. Throws ShapefileExportError for GeometryCollections.
 */
export function exportShapefileZip(features: readonly Feature[], options: ShapefileExportOptions = {}): Uint8Array {
  const name = (options.name ?? 'layer').replace(/[^\w.-]+/g, '_') || 'layer';
  const groups = new Map<ShapeKind, Feature[]>();
  features.forEach((feature, index) => {
    const kind = shapeKind(feature.geometry, index);
    groups.set(kind, [...(groups.get(kind) ?? []), feature]);
  });
  if (groups.size === 0) groups.set('points', []);
  const files: Record<string, Uint8Array> = {};
  for (const [kind, members] of groups) {
    const base = groups.size === 1 ? name : `${name}_${kind}`;
    const { shp, shx } = writeShapes(
      members.map((f) => f.geometry),
      SHAPE_TYPE[kind],
    );
    const table = writeDbf(members.map((f) => ({ ...(f.properties ?? {}) })));
    files[`${base}.shp`] = shp;
    files[`${base}.shx`] = shx;
    files[`${base}.dbf`] = table.dbf;
    files[`${base}.prj`] = strToU8(WGS84_PRJ);
    files[`${base}.cpg`] = strToU8('UTF-8');
    const fields = Object.fromEntries(table.fieldNames.map((f) => [f.short, f.original]));
    files[`${base}${FIELD_NAMES_SIDECAR_SUFFIX}`] = strToU8(JSON.stringify({ fields }, null, 1));
  }
  return zipSync(files, { level: 6 });
}

function shapeKind(geometry: Geometry | null, index: number): ShapeKind {
  switch (geometry?.type) {
    case undefined:
    case 'Point':
      return 'points';
    case 'MultiPoint':
      return 'multipoints';
    case 'LineString':
    case 'MultiLineString':
      return 'lines';
    case 'Polygon':
    case 'MultiPolygon':
      return 'polygons';
    default:
      throw new ShapefileExportError(`feature ${index + 1} is a ${geometry?.type}, which a shapefile cannot hold`);
  }
}

/** Parts (rings or lines) and points of a geometry, oriented for the shapefile format. */
function partsOf(geometry: Geometry): Position[][] {
  switch (geometry.type) {
    case 'Point':
      return [[geometry.coordinates]];
    case 'MultiPoint':
      return [geometry.coordinates];
    case 'LineString':
      return [geometry.coordinates];
    case 'MultiLineString':
      return geometry.coordinates;
    case 'Polygon':
      return orientRings(geometry.coordinates);
    case 'MultiPolygon':
      return geometry.coordinates.flatMap(orientRings);
    default:
      return [];
  }
}

/** Outer ring clockwise, holes counter-clockwise (the shapefile rule, the reverse of GeoJSON's), each closed. */
function orientRings(rings: Position[][]): Position[][] {
  return rings.map((ring, i) => {
    const closed =
      ring.length > 0 && (ring[0][0] !== ring[ring.length - 1][0] || ring[0][1] !== ring[ring.length - 1][1])
        ? [...ring, ring[0]]
        : ring;
    const clockwise = shoelaceArea(closed) < 0;
    return (i === 0) === clockwise ? closed : [...closed].reverse();
  });
}

/** Signed area by the shoelace formula: positive for counter-clockwise rings (x east, y north). */
export function shoelaceArea(ring: Position[]): number {
  let twice = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++)
    twice += ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
  return twice / 2;
}

function writeShapes(geometries: (Geometry | null)[], shapeType: number): { shp: Uint8Array; shx: Uint8Array } {
  const contents = geometries.map((geometry) => recordContent(geometry, shapeType));
  const shpLength = 100 + contents.reduce((sum, content) => sum + 8 + content.length, 0);
  const shp = new Uint8Array(shpLength);
  const shx = new Uint8Array(100 + 8 * contents.length);
  const bbox = [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY];
  for (const geometry of geometries) {
    if (!geometry) continue;
    for (const part of partsOf(geometry)) {
      for (const [x, y] of part) {
        bbox[0] = Math.min(bbox[0], x);
        bbox[1] = Math.min(bbox[1], y);
        bbox[2] = Math.max(bbox[2], x);
        bbox[3] = Math.max(bbox[3], y);
      }
    }
  }
  if (!Number.isFinite(bbox[0])) bbox.fill(0);
  writeHeader(new DataView(shp.buffer), shpLength, shapeType, bbox);
  writeHeader(new DataView(shx.buffer), shx.length, shapeType, bbox);
  const shpView = new DataView(shp.buffer);
  const shxView = new DataView(shx.buffer);
  let offset = 100;
  contents.forEach((content, i) => {
    shpView.setInt32(offset, i + 1); // record number, big-endian
    shpView.setInt32(offset + 4, content.length / 2); // content length in 16-bit words
    shp.set(content, offset + 8);
    shxView.setInt32(100 + 8 * i, offset / 2);
    shxView.setInt32(100 + 8 * i + 4, content.length / 2);
    offset += 8 + content.length;
  });
  return { shp, shx };
}

function writeHeader(view: DataView, lengthBytes: number, shapeType: number, bbox: number[]): void {
  view.setInt32(0, 9994);
  view.setInt32(24, lengthBytes / 2);
  view.setInt32(28, 1000, true);
  view.setInt32(32, shapeType, true);
  bbox.forEach((value, i) => {
    view.setFloat64(36 + 8 * i, value, true);
  });
}

function recordContent(geometry: Geometry | null, shapeType: number): Uint8Array {
  if (!geometry) {
    const content = new Uint8Array(4); // null shape: type 0
    return content;
  }
  const parts = partsOf(geometry);
  if (shapeType === 1) {
    const content = new Uint8Array(20);
    const view = new DataView(content.buffer);
    view.setInt32(0, 1, true);
    view.setFloat64(4, parts[0][0][0], true);
    view.setFloat64(12, parts[0][0][1], true);
    return content;
  }
  const points = parts.flat();
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const box = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
  if (shapeType === 8) {
    const content = new Uint8Array(40 + 16 * points.length);
    const view = new DataView(content.buffer);
    view.setInt32(0, 8, true);
    box.forEach((value, i) => {
      view.setFloat64(4 + 8 * i, value, true);
    });
    view.setInt32(36, points.length, true);
    points.forEach(([x, y], i) => {
      view.setFloat64(40 + 16 * i, x, true);
      view.setFloat64(48 + 16 * i, y, true);
    });
    return content;
  }
  const content = new Uint8Array(44 + 4 * parts.length + 16 * points.length);
  const view = new DataView(content.buffer);
  view.setInt32(0, shapeType, true);
  box.forEach((value, i) => {
    view.setFloat64(4 + 8 * i, value, true);
  });
  view.setInt32(36, parts.length, true);
  view.setInt32(40, points.length, true);
  let start = 0;
  parts.forEach((part, i) => {
    view.setInt32(44 + 4 * i, start, true);
    start += part.length;
  });
  const pointsAt = 44 + 4 * parts.length;
  points.forEach(([x, y], i) => {
    view.setFloat64(pointsAt + 16 * i, x, true);
    view.setFloat64(pointsAt + 16 * i + 8, y, true);
  });
  return content;
}
