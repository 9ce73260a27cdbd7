import { decodeTextFile } from './decodeTextFile';
import { describeNonText } from './describeNonText';
import { parseTowersCsv } from './parseTowersCsv';
import { parseTowersGeoJson } from './parseTowersGeoJson';
import { TowerFileError } from './towerFileError';
import type { TowerParseResult } from './towerParseResult';

const GEOJSON_EXTENSIONS = ['geojson', 'json'];
const CSV_EXTENSIONS = ['csv', 'tsv', 'txt'];

/**
 * Read a tower file of either format. The extension of `fileName` decides when it is one of .geojson/.json or
 * .csv/.tsv/.txt; otherwise the content does (a leading `{` means GeoJSON).
 * Throws TowerFileError when the content is binary or otherwise not a tower file.
 */
export function parseTowers(content: string | ArrayBuffer | Uint8Array, fileName = ''): TowerParseResult {
  const text = typeof content === 'string' ? content : decodeTextFile(content);
  const nonText = describeNonText(text);
  if (nonText) throw new TowerFileError(`not a CSV or GeoJSON tower file: looks like ${nonText}`);
  const extension = /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (GEOJSON_EXTENSIONS.includes(extension)) return parseTowersGeoJson(text);
  if (CSV_EXTENSIONS.includes(extension)) return parseTowersCsv(text);
  return /^\uFEFF?\s*\{/.test(text) ? parseTowersGeoJson(text) : parseTowersCsv(text);
}
