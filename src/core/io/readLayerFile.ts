import type { Feature } from 'geojson';
import { resolveCrs } from '../crs/crsDefinitions';
import type { InputProblem } from '../model/tower';
import { createYieldClock, type LongCallOptions } from '../util/cooperativeLoop';
import { setOwnValue } from '../util/ownProperty';
import { decodeTextFileWithReport } from './decodeTextFile';
import { classifyNonText } from './describeNonText';
import { fileRefusal } from './fileRefusal';
import { LayerFileError } from './layerFileError';
import type { LayerParseResult } from './layerParseResult';
import { parseDecimal } from './parseDecimal';
import { featuresToLayer, type LayerReadOptions, parseLayerGeoJson } from './parseLayerGeoJson';
import { checkFileSize, createReadDeadline, kmzLimits, MAX_WHOLE_TEXT_BYTES, type ReadBudget } from './readBudget';
import { readCsvTable } from './readCsvTable';
import { readKml } from './readKml';
import { readShapefileZip } from './readShapefileZip';
import { readXlsxRows } from './readXlsxRows';
import { shortColumnList } from './shortColumnList';
import { formatMismatchNote, sniffFileFormat } from './sniffFileFormat';
import { normalizeColumnName, TOWER_FIELD_COLUMN_NAMES } from './towerFields';
import { listZipEntries, type UnzipLimits, unzipChecked } from './unzipChecked';
import { wktToGeometry } from './wkt';

export interface LayerFileOptions extends LayerReadOptions, LongCallOptions {
  zipLimits?: UnzipLimits;
  /** Time a read may take (see ReadBudget; sizes are fixed per format). */
  budget?: ReadBudget;
}

const WKT_COLUMNS = ['wkt', 'geometry', 'geometry_wkt', 'geom', 'the_geom', 'shape'];

/**
 * Read any layer file (backbone lines, exclusion polygons, points of interest) into WGS 84 features, by content:
 * GeoJSON, KML, KMZ, zipped shapefile, or a table (CSV or .xlsx) with lon/lat columns (points) or a WKT column.
 * Table cells stay text, except numbers in .xlsx cells. Throws LayerFileError (one line) when the file cannot be used.
 */
export async function readLayerFile(
  content: Uint8Array | ArrayBuffer,
  fileName = '',
  options: LayerFileOptions = {},
): Promise<LayerParseResult> {
  const bytes = content instanceof Uint8Array ? content : new Uint8Array(content);
  const sniffed = sniffFileFormat(bytes, fileName);
  const checkpoint = createYieldClock(options);
  await checkpoint(0);
  const deadline = createReadDeadline(bytes.length, options.budget);
  let result: LayerParseResult;
  try {
    if (sniffed.format === 'geojson' || sniffed.format === 'kml' || sniffed.format === 'csv') {
      checkFileSize(bytes.length, MAX_WHOLE_TEXT_BYTES, 'layer file read whole (GeoJSON, KML, CSV)');
    }
    switch (sniffed.format) {
      case 'geojson':
        result = withEncoding(bytes, (text) => parseLayerGeoJson(text, options));
        break;
      case 'kml':
        result = withEncoding(bytes, readKml);
        break;
      case 'kmz': {
        const entries = unzipChecked(bytes, (name) => /\.kml$/i.test(name), kmzLimits(options.zipLimits));
        const [name] = Object.keys(entries).sort((a, b) => Number(b === 'doc.kml') - Number(a === 'doc.kml'));
        result = readKml(decodeTextFileWithReport(entries[name]).text);
        break;
      }
      case 'shapefile-zip':
        result = readShapefileZip(bytes, { crs: options.crs, limits: options.zipLimits });
        break;
      case 'csv':
        result = withEncoding(bytes, (text) => {
          const nonText = classifyNonText(text);
          if (nonText) {
            throw new LayerFileError(`not a layer file: looks like ${nonText.words}`, {
              code: 'notText',
              params: { looksLike: nonText.words, kind: nonText.kind },
            });
          }
          const table = readCsvTable(text);
          return layerFromTable(table.header, table.rows, table.delimiter !== ',', options, table.problems);
        });
        break;
      case 'xlsx': {
        const sheet = await readXlsxRows(bytes, options.zipLimits, deadline);
        const [header, ...rows] = sheet.rows.map((row) => row.values);
        result = layerFromTable(
          (header ?? []).map((value) => String(value ?? '')),
          rows,
          true,
          options,
        );
        break;
      }
      case 'empty':
        throw new LayerFileError('the file is empty', { code: 'emptyFile' });
      case 'zip':
        listZipEntries(bytes); // a damaged archive says so
        throw new LayerFileError('not a layer file: the zip archive holds no shapefile, KML or Excel workbook', {
          code: 'notTowerFile',
          params: { format: 'zip' },
        });
      default:
        throw new LayerFileError(`not a layer file: it holds ${sniffed.description}`, {
          code: 'notTowerFile',
          params: { format: sniffed.format },
        });
    }
  } catch (error) {
    const refusal = fileRefusal(error);
    if (refusal) throw new LayerFileError((error as Error).message, refusal);
    throw error;
  }
  options.onProgress?.(1);
  const mismatch = formatMismatchNote(sniffed);
  if (mismatch) result.warnings.unshift({ row: 0, ...mismatch });
  return result;
}

function withEncoding(bytes: Uint8Array, read: (text: string) => LayerParseResult): LayerParseResult {
  const decoded = decodeTextFileWithReport(bytes);
  const result = read(decoded.text);
  if (decoded.warning) result.warnings.unshift({ row: 0, ...decoded.warning });
  return result;
}

/** Points from lon/lat columns (in options.crs) or geometries from a WKT column; other columns become properties. */
function layerFromTable(
  header: readonly string[],
  rows: readonly (readonly unknown[])[],
  decimalComma: boolean,
  options: LayerReadOptions,
  problems: ReadonlyMap<number, string> = new Map(),
): LayerParseResult {
  const normalized = header.map(normalizeColumnName);
  const wktColumn = normalized.findIndex((name) => WKT_COLUMNS.includes(name));
  const lonColumn = normalized.findIndex((name) => TOWER_FIELD_COLUMN_NAMES.lon.includes(name));
  const latColumn = normalized.findIndex((name) => TOWER_FIELD_COLUMN_NAMES.lat.includes(name));
  if (wktColumn < 0 && (lonColumn < 0 || latColumn < 0)) {
    throw new LayerFileError(
      `the table has neither lon/lat columns nor a WKT geometry column (found: ${shortColumnList(header) || 'nothing'})`,
      { code: 'noGeometryColumns', params: { found: shortColumnList(header) } },
    );
  }
  const geometryColumns = new Set(wktColumn >= 0 ? [wktColumn] : [lonColumn, latColumn]);
  const rejected: InputProblem[] = [];
  const items: (Feature | null)[] = [];
  rows.forEach((row, index) => {
    const problem = problems.get(index);
    if (problem !== undefined) {
      rejected.push({ row: index + 1, reason: problem });
      items.push(null);
      return;
    }
    const properties: Record<string, unknown> = {};
    header.forEach((name, column) => {
      if (!geometryColumns.has(column)) setOwnValue(properties, name, row[column] ?? null);
    });
    if (wktColumn >= 0) {
      const text = String(row[wktColumn] ?? '').trim();
      const parsed = text === '' ? { error: 'the geometry cell is empty' } : wktToGeometry(text);
      if ('error' in parsed) {
        rejected.push({ row: index + 1, field: header[wktColumn], reason: parsed.error });
        items.push(null);
      } else items.push({ type: 'Feature', geometry: parsed.geometry, properties });
      return;
    }
    const x = toNumber(row[lonColumn], decimalComma);
    const y = toNumber(row[latColumn], decimalComma);
    if (x === null || y === null) {
      const which = x === null ? header[lonColumn] : header[latColumn];
      rejected.push({
        row: index + 1,
        field: which,
        reason: `${which} is empty or not a number: '${String(row[x === null ? lonColumn : latColumn] ?? '')}'`,
      });
      items.push(null);
      return;
    }
    items.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [x, y] }, properties });
  });
  const crs =
    options.crs === undefined ? null : typeof options.crs === 'string' ? resolveCrs(options.crs) : options.crs;
  // Keep the file's row numbers: validate only the rows that have a geometry, then renumber.
  const present = items.flatMap((item, index) => (item ? [{ item, row: index + 1 }] : []));
  const layer = featuresToLayer(
    present.map((entry) => entry.item),
    crs,
  );
  const layerRejected = layer.rejected.map((problem) => ({ ...problem, row: present[problem.row - 1].row }));
  return {
    features: layer.features,
    rejected: [...rejected, ...layerRejected].sort((a, b) => a.row - b.row),
    warnings: layer.warnings,
  };
}

function toNumber(value: unknown, decimalComma: boolean): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (value === null || value === undefined) return null;
  return parseDecimal(String(value), decimalComma);
}
