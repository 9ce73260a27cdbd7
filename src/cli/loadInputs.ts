import { BoundaryFileError } from '../core/geo/boundaryFileError';
import type { LonLatPolygon } from '../core/geo/lonLatPolygon';
import { parseBoundaryGeoJson } from '../core/geo/parseBoundaryGeoJson';
import { decodeTextFile } from '../core/io/decodeTextFile';
import { InputFileError } from '../core/io/inputFileError';
import { LayerFileError } from '../core/io/layerFileError';
import type { LayerParseResult } from '../core/io/layerParseResult';
import { PopulationFileError } from '../core/io/populationFileError';
import { type LayerFileOptions, readLayerFile } from '../core/io/readLayerFile';
import { readPopulationGeoTiff } from '../core/io/readPopulationGeoTiff';
import { readTowerFile, type TowerFileOptions } from '../core/io/readTowerFile';
import { sniffFileFormat } from '../core/io/sniffFileFormat';
import { TowerFileError } from '../core/io/towerFileError';
import type { TowerParseResult } from '../core/io/towerParseResult';
import type { PopulationGrid } from '../core/model/populationGrid';
import { CliError } from './cliError';
import { readInputFile } from './readInputFile';

/**
 * The inputs commands share, read from files named on the command line. Each reader's own error becomes a CliError
 * naming the file (exit 2, one line on stderr).
 */
export function loadTowerFile(path: string, options: TowerFileOptions = {}): Promise<TowerParseResult> {
  return readOrExplain(path, TowerFileError, (bytes) => readTowerFile(bytes, path, options));
}

/** loadTowerFile for bytes already read from `path`. */
export function parseTowerFileBytes(
  path: string,
  bytes: Uint8Array,
  options: TowerFileOptions = {},
): Promise<TowerParseResult> {
  return parseOrExplain(path, bytes, TowerFileError, (read) => readTowerFile(read, path, options));
}

/** Any layer file (GeoJSON, KML, KMZ, zipped shapefile, table with lon/lat or WKT) as WGS 84 features. */
export function loadLayerFile(path: string, options: LayerFileOptions = {}): Promise<LayerParseResult> {
  return readOrExplain(path, LayerFileError, (bytes) => readLayerFile(bytes, path, options));
}

export function loadPopulationRaster(path: string): Promise<PopulationGrid> {
  return readOrExplain(path, PopulationFileError, (bytes) =>
    readPopulationGeoTiff(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer),
  );
}

/** Boundary polygons from GeoJSON, or from a zipped shapefile, KML or KMZ (read as a layer, polygons kept). */
export function loadBoundary(path: string): Promise<LonLatPolygon[]> {
  return readOrExplain(path, BoundaryFileError, async (bytes) => {
    const format = sniffFileFormat(bytes, path).format;
    if (format !== 'shapefile-zip' && format !== 'kml' && format !== 'kmz') {
      return parseBoundaryGeoJson(decodeTextFile(bytes));
    }
    let layer: LayerParseResult;
    try {
      layer = await readLayerFile(bytes, path);
    } catch (error) {
      if (error instanceof LayerFileError) throw new BoundaryFileError(error.message);
      throw error;
    }
    const polygons = layer.features.flatMap((feature) =>
      feature.geometry?.type === 'Polygon'
        ? [feature.geometry.coordinates]
        : feature.geometry?.type === 'MultiPolygon'
          ? feature.geometry.coordinates
          : [],
    );
    if (polygons.length === 0) throw new BoundaryFileError('no Polygon or MultiPolygon in the boundary file');
    return polygons;
  });
}

/** Runs a core reader that names its files (InputFileError): its error becomes a CliError (exit 2, one line). */
export async function explainInputFile<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof InputFileError) throw new CliError(error.message);
    throw error;
  }
}

/** Read a file and parse it; the parser's own error class becomes a CliError naming the file. */
async function readOrExplain<T>(
  path: string,
  errorClass: new (message: string) => Error,
  parse: (bytes: Uint8Array) => Promise<T>,
): Promise<T> {
  return parseOrExplain(path, await readInputFile(path), errorClass, parse);
}

async function parseOrExplain<T>(
  path: string,
  bytes: Uint8Array,
  errorClass: new (message: string) => Error,
  parse: (bytes: Uint8Array) => Promise<T>,
): Promise<T> {
  try {
    return await parse(bytes);
  } catch (error) {
    if (error instanceof errorClass) throw new CliError(`cannot read ${path}: ${error.message}`);
    throw error;
  }
}
