import type { Feature, Geometry, Position } from 'geojson';
import { parseDbf } from 'shpjs';
import { type CrsDefinition, resolveCrs } from '../crs/crsDefinitions';
import { crsFromPrj } from '../crs/crsFromPrj';
import type { InputProblem } from '../model/tower';
import { ownValue, setOwnValue } from '../util/ownProperty';
import { type BoundedDbf, boundDbfRecords } from './boundDbfRecords';
import { isValidUtf8 } from './decodeTextFile';
import { detectLegacyVietnameseEncoding } from './detectLegacyVietnameseEncoding';
import { type EntryPrefix, inflateEntryPrefix } from './inflateEntryPrefix';
import { LayerFileError } from './layerFileError';
import type { LayerParseResult } from './layerParseResult';
import { featuresToLayer } from './parseLayerGeoJson';
import { describeShpDamage, readShpRecords, type ShpBreak } from './readShpRecords';
import { readCentralDirectory, type ZipDirectoryEntry } from './readZipDirectory';
import {
  DEFAULT_MAX_ENTRY_BYTES,
  DEFAULT_MAX_TOTAL_BYTES,
  inflatedPastLimit,
  type UnzipLimits,
  unzipChecked,
  ZipArchiveError,
} from './unzipChecked';

/** Sidecar that exportShapefileZip writes: the DBF's 10-character field names mapped back to the full names. */
export const FIELD_NAMES_SIDECAR_SUFFIX = '.fieldnames.json';

export interface ShapefileReadOptions {
  /** CRS when the archive has no .prj; a .prj wins over it. */
  crs?: CrsDefinition | string;
  limits?: UnzipLimits;
}

/**
 * Features of a zipped shapefile (.shp with .dbf, and .prj, .cpg when present; several layers are read one after
 * another, `row` counting on across them). The .prj gives the CRS (VN-2000 with the EPSG:6960 datum shift); without
 * one, degrees are assumed when the coordinates look like degrees. The .cpg gives the DBF's encoding; without one,
 * UTF-8 when the text is valid UTF-8, else Windows-1258/1252 with a warning. Blank numbers become null, dates ISO
 * text. Field names restored from the `.fieldnames.json` sidecar CoSite writes (DBF names hold 10 characters).
 * Zip entries are size-checked before inflating (see unzipChecked); of a .dbf only the header and the records of the
 * layer's shapes are inflated and parsed, a .dbf that claims more records than it holds is read for the records it
 * holds, and one whose records are shorter than its fields is refused (see boundDbfRecords); a damaged .shp record is
 * skipped by its .shx offsets (or, without one, by finding the next record), rejected and reported, and the later
 * records read, or where reading had to stop is said (see readShpRecords). Throws LayerFileError / ZipArchiveError.
 */
export function readShapefileZip(bytes: Uint8Array, options: ShapefileReadOptions = {}): LayerParseResult {
  // The .dbf files are read apart, for their header and the records the shapes use (see readDbfPrefix).
  const wanted = /\.(shp|shx|prj|cpg|json)$/i;
  const entries = unzipChecked(bytes, (name) => wanted.test(name), options.limits);
  const byLowerName = new Map(Object.entries(entries).map(([name, data]) => [name.toLowerCase(), data]));
  const dbfEntries = new Map<string, ZipDirectoryEntry>();
  for (const entry of readCentralDirectory(bytes)) {
    const lowerName = entry.name.toLowerCase();
    // The first of entries of one name, as unzipChecked keeps.
    if (/\.dbf$/.test(lowerName) && !entry.name.startsWith('__MACOSX/') && !dbfEntries.has(lowerName)) {
      dbfEntries.set(lowerName, entry);
    }
  }
  const inflated = { bytes: Object.values(entries).reduce((sum, data) => sum + data.length, 0) };
  const bases = Object.keys(entries)
    .filter((name) => /\.shp$/i.test(name) && !name.startsWith('__MACOSX/'))
    .map((name) => name.slice(0, -4));
  if (bases.length === 0) {
    const names = Object.keys(entries).slice(0, 8).join(', ') || 'nothing usable';
    throw new LayerFileError(`the zip archive holds no shapefile (.shp); found: ${names}`, {
      code: 'noShapefile',
      params: { found: Object.keys(entries).slice(0, 8).join(', ') },
    });
  }
  const features: unknown[] = [];
  const warnings: InputProblem[] = [];
  let crs: CrsDefinition | null = null;
  /** Whether a layer has no .prj at all (a .prj not understood is said by its own note, not as a missing one). */
  let prjMissing = false;
  /** Rows (1-based, across layers) whose .shp record is damaged: rejected with that reason. */
  const damagedRows = new Map<number, string>();
  for (const base of bases) {
    const part = (extension: string) => byLowerName.get(`${base}.${extension}`.toLowerCase());
    const shp = part('shp') as Uint8Array;
    if (!part('prj')) prjMissing = true;
    const layerCrs = resolveLayerCrs(part('prj'), base, options, warnings);
    if (crs && layerCrs && crs.code !== layerCrs.code) {
      throw new LayerFileError(`the archive's layers use different CRSs (${crs.code}, ${layerCrs.code})`, {
        code: 'layerCrsDiffer',
        params: { first: crs.code, second: layerCrs.code },
      });
    }
    crs = crs ?? layerCrs;
    const firstRow = features.length + 1;
    const { geometries, damaged, breaks } = readShpRecords(shp, part('shx'), base);
    for (const loss of damaged) damagedRows.set(firstRow + loss.index, loss.reason);
    const dbfEntry = dbfEntries.get(`${base}.dbf`.toLowerCase());
    const bounded = dbfEntry
      ? boundDbfRecords(readDbfPrefix(bytes, dbfEntry, options.limits, inflated), geometries.length, base)
      : null;
    if (bounded && bounded.heldRecords !== null && bounded.declaredRecords > bounded.heldRecords) {
      const { declaredRecords: declared, heldRecords: real } = bounded;
      warnings.push({
        row: 0,
        reason: `${base}.dbf declares ${declared.toLocaleString('en')} records but holds ${real.toLocaleString('en')}: ${real.toLocaleString('en')} read`,
        code: 'dbfRecordCount',
        params: { layer: base, declared, real },
      });
    }
    const dbf = bounded?.dbf;
    let rows: Record<string, unknown>[] = [];
    if (dbf) {
      const encoding = dbfEncoding(dbf, part('cpg'), base, warnings);
      try {
        rows = parseDbf(dbf, encoding) as Record<string, unknown>[];
      } catch (error) {
        const detail = (error as Error).message;
        throw new LayerFileError(`${base}.dbf cannot be read (${detail})`, {
          code: 'dbfUnreadable',
          params: { layer: base, detail },
        });
      }
    } else {
      warnings.push({
        row: 0,
        reason: `${base}.shp has no .dbf: features have no attributes`,
        code: 'shapefileNoDbf',
        params: { layer: base },
      });
    }
    warnings.push(...describeBreaks(breaks, base, geometries.length, bounded));
    warnings.push(...describeRecordCounts(breaks, base, geometries.length, bounded));
    const names = readFieldNames(part(`${FIELD_NAMES_SIDECAR_SUFFIX.slice(1)}`));
    geometries.forEach((geometry, index) => {
      features.push({ type: 'Feature', geometry: rewind(geometry), properties: cleanRow(rows[index] ?? {}, names) });
    });
  }
  // A .prj that is not understood has said so: "no .prj" would contradict it.
  if (crs === null) crs = guessCrs(options, prjMissing ? warnings : []);
  const layer = featuresToLayer(features, crs, warnings);
  if (damagedRows.size === 0) return layer;
  const rejected = layer.rejected.map((problem) =>
    damagedRows.has(problem.row)
      ? { row: problem.row, field: problem.field, reason: damagedRows.get(problem.row) as string }
      : problem,
  );
  return { ...layer, rejected };
}

/**
 * A reader of the first bytes of a .dbf entry, within unzipChecked's limits (one entry, and all inflated together,
 * `inflated` counting on): past them, a ZipArchiveError worded as unzipChecked's.
 */
function readDbfPrefix(
  bytes: Uint8Array,
  entry: ZipDirectoryEntry,
  limits: UnzipLimits = {},
  inflated: { bytes: number },
): (keepBytes: number) => EntryPrefix {
  const maxEntryBytes = limits.maxEntryBytes ?? DEFAULT_MAX_ENTRY_BYTES;
  const maxTotalBytes = limits.maxTotalBytes ?? DEFAULT_MAX_TOTAL_BYTES;
  let counted = 0;
  return (keepBytes) => {
    const allowedBytes = Math.max(0, Math.min(maxEntryBytes, maxTotalBytes - inflated.bytes + counted));
    const prefix = inflateEntryPrefix(bytes, entry, Math.min(keepBytes, allowedBytes + 1));
    if (prefix.data.length > allowedBytes) {
      throw new ZipArchiveError(inflatedPastLimit(entry, allowedBytes === maxEntryBytes, maxEntryBytes, maxTotalBytes));
    }
    // Each call reads from the entry's start again: only the longest prefix counts.
    inflated.bytes += Math.max(0, prefix.data.length - counted);
    counted = Math.max(counted, prefix.data.length);
    return prefix;
  };
}

/** A damaged .shp record header found without an index: where reading went on, or that it stopped, and what it cost. */
function describeBreaks(breaks: ShpBreak[], base: string, shapes: number, dbf: BoundedDbf | null): InputProblem[] {
  return breaks.map(({ record, damage, resumedAt }): InputProblem => {
    const why = describeShpDamage(damage);
    if (resumedAt === null) {
      const unmatched = dbf ? Math.max(0, dbf.records - shapes) : 0;
      return {
        row: 0,
        reason:
          `${base}.shp stops at record ${record}, which is damaged (${why}), and no record after it could be ` +
          `found: ${shapes} shapes read` +
          (dbf ? `, ${unmatched} attribute records left without a shape` : ''),
        code: 'shpReadStopped',
        params: { layer: base, record, damage, shapes, unmatched: dbf ? unmatched : '' },
      };
    }
    const skipped =
      resumedAt - record === 1 ? `record ${record} skipped` : `records ${record} to ${resumedAt - 1} skipped`;
    return {
      row: 0,
      reason:
        `${base}.shp record ${record} is damaged (${why}): reading resumed at record ${resumedAt}, the next ` +
        `intact one (found by its record number); ${skipped}`,
      code: 'shpReadResumed',
      params: { layer: base, record, damage, resumedAt },
    };
  });
}

/**
 * The .dbf's records against the layer's shapes: more records are ignored (unless the .shp stopped short, which
 * describeBreaks says), fewer leave the last shapes without attributes.
 */
function describeRecordCounts(
  breaks: ShpBreak[],
  base: string,
  shapes: number,
  dbf: BoundedDbf | null,
): InputProblem[] {
  if (!dbf || dbf.records === shapes) return [];
  const records = dbf.records;
  if (records < shapes) {
    const missing = shapes - records;
    return [
      {
        row: 0,
        reason:
          `${base}: ${shapes} shapes but ${records} attribute records; ` +
          (missing === 1 ? 'the last shape has no attributes' : `the last ${missing} shapes have no attributes`),
        code: 'shapefileFewerRecords',
        params: { layer: base, shapes, records, missing },
      },
    ];
  }
  if (breaks.some((entry) => entry.resumedAt === null)) return [];
  return [
    {
      row: 0,
      reason: `${base}: ${shapes} shapes but ${records.toLocaleString('en')} attribute records; extra records ignored`,
      code: 'shapefileRecordCounts',
      params: { layer: base, shapes, records },
    },
  ];
}

function resolveLayerCrs(
  prj: Uint8Array | undefined,
  base: string,
  options: ShapefileReadOptions,
  warnings: InputProblem[],
): CrsDefinition | null {
  if (!prj) return null;
  const crs = crsFromPrj(new TextDecoder().decode(prj));
  if (crs === null) {
    warnings.push({
      row: 0,
      reason: `${base}.prj names a CRS that is not understood; coordinates read as given`,
      code: 'shapefilePrjUnknown',
      params: { layer: base },
    });
    return null;
  }
  if (options.crs) {
    const given = typeof options.crs === 'string' ? resolveCrs(options.crs) : options.crs;
    if (given.code !== crs.code)
      warnings.push({
        row: 0,
        reason: `${base}.prj says ${crs.name}; used instead of ${given.code}`,
        code: 'shapefilePrjUsed',
        params: { layer: base, crs: crs.code, given: given.code },
      });
  }
  return crs;
}

/** No .prj: the CRS given, else WGS 84 degrees (positions that are not degrees are then rejected one by one). */
function guessCrs(options: ShapefileReadOptions, warnings: InputProblem[]): CrsDefinition | null {
  if (options.crs) {
    const given = typeof options.crs === 'string' ? resolveCrs(options.crs) : options.crs;
    warnings.push({
      row: 0,
      reason: `the shapefile has no .prj: coordinates read as ${given.code}, as given`,
      code: 'shapefileNoPrj',
      params: { crs: given.code },
    });
    return given;
  }
  warnings.push({
    row: 0,
    reason: 'the shapefile has no .prj: coordinates read as WGS 84 longitude/latitude',
    code: 'shapefileNoPrj',
    params: { crs: 'EPSG:4326' },
  });
  return null;
}

function dbfEncoding(dbf: Uint8Array, cpg: Uint8Array | undefined, base: string, warnings: InputProblem[]): string {
  if (cpg) return new TextDecoder().decode(cpg).trim();
  const headerLength = dbf.length >= 10 ? dbf[8] | (dbf[9] << 8) : 0;
  const records = dbf.subarray(headerLength);
  if (isValidUtf8(records)) return 'utf-8';
  const legacy = detectLegacyVietnameseEncoding(records.subarray(0, 1 << 20));
  const label = legacy === 'windows-1258' ? 'windows-1258' : 'windows-1252';
  warnings.push({
    row: 0,
    reason: `${base}.dbf has no .cpg and is not UTF-8: text read as ${label}${legacy === 'tcvn3' || legacy === 'vni' ? ` (it looks like ${legacy.toUpperCase()}: Vietnamese letters will be garbled)` : ''}`,
    code: 'shapefileDbfEncoding',
    params: { layer: base, encoding: label, looksLike: legacy === 'tcvn3' || legacy === 'vni' ? legacy : '' },
  });
  return label;
}

function readFieldNames(sidecar: Uint8Array | undefined): Record<string, string> {
  if (!sidecar) return {};
  try {
    const parsed = JSON.parse(new TextDecoder().decode(sidecar)) as { fields?: Record<string, string> };
    return parsed.fields && typeof parsed.fields === 'object' ? parsed.fields : {};
  } catch {
    return {};
  }
}

/** DBF values as JSON-friendly properties: NaN (blank number) to null, dates to YYYY-MM-DD, names restored. */
function cleanRow(row: Record<string, unknown>, names: Record<string, string>): Feature['properties'] {
  const properties: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    let clean = value;
    if (typeof value === 'number' && Number.isNaN(value)) clean = null;
    else if (value instanceof Date) clean = Number.isNaN(value.getTime()) ? null : isoDate(value);
    setOwnValue(properties, ownValue(names, key) ?? key, clean);
  }
  return properties;
}

/**
 * shpjs keeps the shapefile's ring order (outer rings clockwise) and adds a bbox: give GeoJSON's right-hand rule
 * instead (outer counter-clockwise, holes clockwise, RFC 7946) and drop the bbox.
 */
function rewind(geometry: unknown): Geometry | null {
  if (!geometry || typeof geometry !== 'object') return null;
  const { bbox: _bbox, ...rest } = geometry as Geometry;
  const shape = rest as Geometry;
  if (shape.type === 'Polygon') return { type: 'Polygon', coordinates: orient(shape.coordinates) };
  if (shape.type === 'MultiPolygon') return { type: 'MultiPolygon', coordinates: shape.coordinates.map(orient) };
  return shape;
}

function orient(rings: Position[][]): Position[][] {
  return rings.map((ring, i) => {
    // Shoelace formula: positive area for counter-clockwise rings.
    let twiceArea = 0;
    for (let k = 0, j = ring.length - 1; k < ring.length; j = k++)
      twiceArea += ring[j][0] * ring[k][1] - ring[k][0] * ring[j][1];
    const counterClockwise = twiceArea > 0;
    return (i === 0) === counterClockwise ? ring : [...ring].reverse();
  });
}

function isoDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
