import { BoundaryFileError } from '../geo/boundaryFileError';
import { parseLinesGeoJson } from '../geo/parseLinesGeoJson';
import { parseRegionsGeoJson } from '../geo/parseRegionsGeoJson';
import { decodeTextFile } from '../io/decodeTextFile';
import { InputFileError } from '../io/inputFileError';
import { PopulationFileError } from '../io/populationFileError';
import { readPopulationGeoTiff } from '../io/readPopulationGeoTiff';
import { readTowerFile } from '../io/readTowerFile';
import { TowerFileError } from '../io/towerFileError';
import type { TowerParseResult } from '../io/towerParseResult';
import type { LongCallOptions } from '../util/cooperativeLoop';
import { packReadinessTowers } from './packReadinessTowers';
import type { ReadinessInput, ReadinessSettings, ReadinessTargets } from './readinessTypes';

/** One input file: its name (for messages) and its bytes. */
export interface NamedFile {
  name: string;
  bytes: Uint8Array;
}

/** The files of a national readiness run. */
export interface NationalReadinessFiles {
  /** Population GeoTIFF in lon/lat (WorldPop). */
  population: NamedFile;
  /** Province polygons (GeoJSON). */
  provinces: NamedFile;
  /** Tower table (any tower format). */
  towers: NamedFile;
  /** Fibre backbone lines (GeoJSON); none: no backbone figures. */
  backbone?: NamedFile;
}

export interface NationalReadinessInputs {
  input: ReadinessInput;
  /** The tower file as read: accepted rows packed into `input`, rejected rows and warnings counted by the caller. */
  towers: TowerParseResult;
}

/**
 * The one way from the national files to a readiness request, for the command line and the ministry's worker. A file
 * that cannot be used throws InputFileError naming it.
 */
export async function readNationalReadinessInputs(
  files: NationalReadinessFiles,
  run: { settings?: Partial<ReadinessSettings>; targets?: ReadinessTargets },
  options: LongCallOptions = {},
): Promise<NationalReadinessInputs> {
  const provinces = await explain(files.provinces, BoundaryFileError, async (bytes) =>
    parseRegionsGeoJson(decodeTextFile(bytes)),
  );
  const backbone = files.backbone
    ? await explain(files.backbone, BoundaryFileError, async (bytes) => parseLinesGeoJson(decodeTextFile(bytes)))
    : undefined;
  const grid = await explain(files.population, PopulationFileError, (bytes) =>
    readPopulationGeoTiff(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer),
  );
  options.onProgress?.(0.3);
  const towers = await explain(files.towers, TowerFileError, (bytes) =>
    readTowerFile(bytes, files.towers.name, { signal: options.signal }),
  );
  options.onProgress?.(1);
  return {
    input: {
      grid,
      provinces,
      towers: packReadinessTowers(towers.towers),
      backbone,
      settings: run.settings,
      targets: run.targets,
    },
    towers,
  };
}

async function explain<T>(
  file: NamedFile,
  errorClass: new (message: string) => Error,
  read: (bytes: Uint8Array) => Promise<T>,
): Promise<T> {
  try {
    return await read(file.bytes);
  } catch (error) {
    if (error instanceof errorClass) throw new InputFileError(file.name, error.message);
    throw error;
  }
}
