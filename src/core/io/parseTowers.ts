import { readTowersFromString, readTowersSync, type TowerSyncOptions } from './readTowersSync';
import { formatMismatchNote, sniffFileFormat } from './sniffFileFormat';
import type { TowerParseResult } from './towerParseResult';

const GEOJSON_EXTENSIONS = ['geojson', 'json'];
const CSV_EXTENSIONS = ['csv', 'tsv', 'txt'];

/**
 * Read a tower file at once (synchronously): CSV/TSV, GeoJSON, KML, KMZ or a zipped shapefile, chosen by content.
 * For .xlsx workbooks, and for large CSV files with progress and cancel, use readTowerFile (async).
 * Text given as a string is CSV or GeoJSON: the extension of `fileName` decides when it is one of .geojson/.json or
 * .csv/.tsv/.txt; otherwise the content does (a leading `{` means GeoJSON). Bytes are told apart by content, and a
 * content that contradicts the extension is named in a warning.
 * Throws TowerFileError when the content is binary or otherwise not a tower file.
 */
export function parseTowers(
  content: string | ArrayBuffer | Uint8Array,
  fileName = '',
  options: TowerSyncOptions = {},
): TowerParseResult {
  if (typeof content === 'string') {
    const extension = /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
    const geoJson = GEOJSON_EXTENSIONS.includes(extension)
      ? true
      : CSV_EXTENSIONS.includes(extension)
        ? false
        : /^\uFEFF?\s*[{[]/.test(content);
    return readTowersFromString(content, geoJson, null, options);
  }
  const bytes = content instanceof Uint8Array ? content : new Uint8Array(content);
  const sniffed = sniffFileFormat(bytes, fileName);
  const zipNamedXlsx = sniffed.format === 'zip' && /\.xlsx$/i.test(fileName);
  const result = readTowersSync(bytes, zipNamedXlsx ? { ...sniffed, format: 'xlsx' } : sniffed, options);
  const mismatch = formatMismatchNote(sniffed);
  if (mismatch) result.warnings.unshift({ row: 0, ...mismatch });
  return result;
}
