import { CsvTowerStream } from './csvTowerStream';
import type { TowerParseResult } from './towerParseResult';
import type { TowerReadOptions } from './towerReadOptions';

/**
 * Read a tower table (CSV, semicolon- or tab-separated; UTF-8, BOM allowed).
 * Column names are matched loosely (see TOWER_FIELD_COLUMN_NAMES), or as `options.columns` maps them. Each non-empty
 * record after the header is either accepted or rejected with its record number (`row`, 1 = first after the header),
 * file line (`line`) and reason. Throws TowerFileError only when the file as a whole is unusable: not text, empty, or
 * required columns missing. For large files from bytes, with progress and cancel, see readTowersCsvChunked.
 */
export function parseTowersCsv(text: string, options: TowerReadOptions = {}): TowerParseResult {
  const stream = new CsvTowerStream(options);
  stream.push(text);
  return stream.end();
}
