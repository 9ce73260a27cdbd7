import { BoundaryFileError } from '../core/geo/boundaryFileError';
import type { LonLatPolygon } from '../core/geo/lonLatPolygon';
import { parseBoundaryGeoJson } from '../core/geo/parseBoundaryGeoJson';
import { decodeTextFile } from '../core/io/decodeTextFile';
import { parseTowers } from '../core/io/parseTowers';
import { PopulationFileError } from '../core/io/populationFileError';
import { readPopulationGeoTiff } from '../core/io/readPopulationGeoTiff';
import { TowerFileError } from '../core/io/towerFileError';
import type { TowerParseResult } from '../core/io/towerParseResult';
import type { PopulationGrid } from '../core/model/populationGrid';
import { CliError } from './cliError';
import { readInputFile } from './readInputFile';

/**
 * The inputs commands share, read from files named on the command line. Each reader's own error becomes a CliError
 * naming the file (exit 2, one line on stderr).
 */
export function loadTowerFile(path: string): Promise<TowerParseResult> {
  return readOrExplain(path, TowerFileError, async (bytes) => parseTowers(bytes, path));
}

export function loadPopulationRaster(path: string): Promise<PopulationGrid> {
  return readOrExplain(path, PopulationFileError, (bytes) =>
    readPopulationGeoTiff(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer),
  );
}

export function loadBoundary(path: string): Promise<LonLatPolygon[]> {
  return readOrExplain(path, BoundaryFileError, async (bytes) => parseBoundaryGeoJson(decodeTextFile(bytes)));
}

/** Read a file and parse it; the parser's own error class becomes a CliError naming the file. */
async function readOrExplain<T>(
  path: string,
  errorClass: new (message: string) => Error,
  parse: (bytes: Uint8Array) => Promise<T>,
): Promise<T> {
  const bytes = await readInputFile(path);
  try {
    return await parse(bytes);
  } catch (error) {
    if (error instanceof errorClass) throw new CliError(`cannot read ${path}: ${error.message}`);
    throw error;
  }
}
