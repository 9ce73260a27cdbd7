import type { InputProblem } from '../model/tower';
import type { WordedMessage } from '../model/wordedMessage';
import { decodeTextFileWithReport } from './decodeTextFile';
import { classifyNonText } from './describeNonText';
import { parseTowersCsv } from './parseTowersCsv';
import { parseTowersGeoJson, towersFromFeatures } from './parseTowersGeoJson';
import { kmzLimits } from './readBudget';
import { readKml } from './readKml';
import { readShapefileZip } from './readShapefileZip';
import type { SniffedFormat } from './sniffFileFormat';
import { TowerFileError } from './towerFileError';
import type { TowerParseResult } from './towerParseResult';
import type { TowerReadOptions } from './towerReadOptions';
import { listZipEntries, type UnzipLimits, unzipChecked } from './unzipChecked';

export interface TowerSyncOptions extends TowerReadOptions {
  /** Limits on zip archives (KMZ, zipped shapefile, .xlsx) before anything is inflated. */
  zipLimits?: UnzipLimits;
}

/** Formats read in one go (no slicing): GeoJSON, KML, KMZ, zipped shapefile, and CSV given whole. */
export function readTowersSync(bytes: Uint8Array, sniffed: SniffedFormat, options: TowerSyncOptions): TowerParseResult {
  switch (sniffed.format) {
    case 'kmz': {
      const entries = unzipChecked(bytes, (name) => /\.kml$/i.test(name), kmzLimits(options.zipLimits));
      const [name] = Object.keys(entries).sort((a, b) => Number(b === 'doc.kml') - Number(a === 'doc.kml'));
      const layer = readKml(decodeTextFileWithReport(entries[name]).text);
      return withLayerWarnings(towersFromFeatures(layer.features, { ...options, crs: 'EPSG:4326' }), layer);
    }
    case 'kml': {
      const layer = readKml(decodeTextFileWithReport(bytes).text);
      return withLayerWarnings(towersFromFeatures(layer.features, { ...options, crs: 'EPSG:4326' }), layer);
    }
    case 'shapefile-zip': {
      const layer = readShapefileZip(bytes, { crs: options.crs, limits: options.zipLimits });
      return withLayerWarnings(towersFromFeatures(layer.features, { ...options, crs: 'EPSG:4326' }), layer);
    }
    case 'geojson':
    case 'csv':
      return readTowersFromText(bytes, sniffed.format === 'geojson', options);
    case 'xlsx':
      throw new TowerFileError(
        'not a CSV or GeoJSON tower file: looks like an Excel .xlsx workbook (read it with readTowerFile, or save it as CSV)',
      );
    default:
      return refuseNonTowerFile(bytes, sniffed);
  }
}

/**
 * The refusal of a file no tower reader takes (empty, a TIFF, an old .xls, a zip of something else), worded
 * (`emptyFile`, `notTowerFile` with the format): the whole read and the import dialog's preview say the same.
 */
export function refuseNonTowerFile(bytes: Uint8Array, sniffed: SniffedFormat): never {
  if (sniffed.format === 'empty') throw new TowerFileError('the file is empty', { code: 'emptyFile' });
  if (sniffed.format === 'zip') listZipEntries(bytes); // a damaged archive says so
  throw notTowerFile(sniffed);
}

/** A file no tower reader takes (code `notTowerFile`, its format for the UI's words). */
function notTowerFile(sniffed: SniffedFormat): TowerFileError {
  return new TowerFileError(`not a tower file: it holds ${describeUnusable(sniffed)}`, {
    code: 'notTowerFile',
    params: { format: sniffed.format },
  });
}

function describeUnusable(sniffed: SniffedFormat): string {
  switch (sniffed.format) {
    case 'tiff':
      return 'a TIFF image (a population raster goes in --population)';
    case 'xls':
      return 'an old Excel .xls workbook (save it as .xlsx or CSV)';
    case 'shp':
      return 'a bare .shp file (zip it together with its .dbf, .shx and .prj)';
    case 'zip':
      return 'a zip archive with no shapefile, KML or Excel workbook in it';
    case 'xml':
      return 'XML that is not KML';
    case 'column-file':
      return "a CoSite column file (the national masts' masts.bin is read by the readiness command; give masts as CSV here)";
    default:
      return sniffed.description;
  }
}

/** CSV or GeoJSON from bytes, decoded with encoding detection (a legacy encoding adds a warning). */
export function readTowersFromText(bytes: Uint8Array, geoJson: boolean, options: TowerSyncOptions): TowerParseResult {
  const decoded = decodeTextFileWithReport(bytes);
  return readTowersFromString(decoded.text, geoJson, decoded.warning, options);
}

/** CSV or GeoJSON text; refuses binary content with the reason. */
export function readTowersFromString(
  text: string,
  geoJson: boolean,
  encodingWarning: WordedMessage | null,
  options: TowerSyncOptions,
): TowerParseResult {
  const nonText = classifyNonText(text);
  if (nonText) {
    throw new TowerFileError(`not a CSV or GeoJSON tower file: looks like ${nonText.words}`, {
      code: 'notText',
      params: { looksLike: nonText.words, kind: nonText.kind },
    });
  }
  let result: TowerParseResult;
  try {
    result = geoJson ? parseTowersGeoJson(text, options) : parseTowersCsv(text, options);
  } catch (error) {
    throw withEncodingHint(error, encodingWarning);
  }
  if (encodingWarning) result.warnings.unshift({ row: 0, ...encodingWarning });
  return result;
}

function withLayerWarnings(
  towers: TowerParseResult,
  layer: { rejected: InputProblem[]; warnings: InputProblem[] },
): TowerParseResult {
  // Features the layer reader rejected (no geometry) never reached the tower reader: report them first, with their
  // own numbers; the tower reader numbered the remaining features from 1, so renumber it to the file's numbering.
  if (layer.rejected.length === 0) {
    return { ...towers, warnings: [...layer.warnings, ...towers.warnings] };
  }
  const skipped = layer.rejected.map((problem) => problem.row).sort((a, b) => a - b);
  // The file's row of each row the tower reader numbered, in one pass (a loop over the skipped rows for each problem
  // took 7.8 s on a 5.3 MB KML of many rejected features).
  let highest = 0;
  for (const problem of [...towers.rejected, ...towers.warnings]) highest = Math.max(highest, problem.row);
  const fileRows = new Int32Array(highest + 1);
  for (let row = 1, kept = 0, next = 0; kept < highest; row++) {
    while (next < skipped.length && skipped[next] < row) next++;
    if (next < skipped.length && skipped[next] === row) continue;
    fileRows[++kept] = row;
  }
  const fileRow = (row: number) => fileRows[row];
  const renumber = (problem: InputProblem) => (problem.row > 0 ? { ...problem, row: fileRow(problem.row) } : problem);
  const rejected = [...layer.rejected, ...towers.rejected.map(renumber)].sort((a, b) => a.row - b.row);
  return {
    ...towers,
    rejected,
    warnings: [...layer.warnings, ...towers.warnings.map(renumber)],
  };
}

/** A file-level error of a file in a legacy encoding names the encoding too: garbled headers are the likely cause. */
export function withEncodingHint(error: unknown, encodingWarning: WordedMessage | null): unknown {
  if (!(error instanceof TowerFileError) || encodingWarning === null) return error;
  return new TowerFileError(`${error.message}; ${encodingWarning.reason}`, {
    code: error.code,
    params: error.params,
    hint: encodingWarning,
  });
}
