import { BoundaryFileError } from '../geo/boundaryFileError';
import type { GridGeometry } from '../geo/maskCellCentresInPolygons';
import { parseLinesGeoJson } from '../geo/parseLinesGeoJson';
import { parseRegionsGeoJson } from '../geo/parseRegionsGeoJson';
import { isColumnFile } from '../io/columnFile';
import { decodeTextFile } from '../io/decodeTextFile';
import { InputFileError } from '../io/inputFileError';
import { PopulationFileError } from '../io/populationFileError';
import { readPopulationGeoTiff } from '../io/readPopulationGeoTiff';
import { readTowerFile } from '../io/readTowerFile';
import { TowerFileError } from '../io/towerFileError';
import type { TowerParseResult } from '../io/towerParseResult';
import type { LongCallOptions } from '../util/cooperativeLoop';
import { decodeProvinceLabels } from './decodeProvinceLabels';
import { decodeReadinessMasts } from './decodeReadinessMasts';
import { packReadinessTowers, type ReadinessTowers } from './packReadinessTowers';
import { locateTowers } from './prepareReadiness';
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
  /** Tower table (any tower format), or the masts as a column file (encodeReadinessMasts: read without parsing). */
  towers: NamedFile;
  /** Fibre backbone lines (GeoJSON); none: no backbone figures. */
  backbone?: NamedFile;
  /**
   * The province label raster of this grid and these provinces, precomputed (encodeProvinceLabels); used when its
   * grid and province codes are the population file's and the provinces file's, else the raster is built.
   */
  provinceLabels?: NamedFile;
}

export interface NationalReadinessInputs {
  input: ReadinessInput;
  /** The tower file as read (a table): accepted rows packed into `input`; absent for a masts column file. */
  towers?: TowerParseResult;
  /** Rows accepted, rejected and warned about (a masts column file: all accepted). */
  towerCounts: { accepted: number; rejected: number; warnings: number };
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
  const codes = provinces.map((province) => province.code);
  let towers: TowerParseResult | undefined;
  let readinessTowers: ReadinessTowers;
  let towerProvince: Int32Array | null = null;
  if (isColumnFile(files.towers.bytes)) {
    const masts = decodeReadinessMasts(files.towers.bytes, files.towers.name);
    readinessTowers = masts.towers;
    if (sameList(masts.provinceCodes, codes)) towerProvince = masts.towerProvince;
  } else {
    const parsed = await explain(files.towers, TowerFileError, (bytes) =>
      readTowerFile(bytes, files.towers.name, { signal: options.signal }),
    );
    towers = parsed;
    readinessTowers = packReadinessTowers(parsed.towers);
  }
  const labels = files.provinceLabels
    ? decodeProvinceLabels(files.provinceLabels.bytes, files.provinceLabels.name)
    : null;
  const labelsFit = labels !== null && sameGrid(labels.grid, grid) && sameList(labels.provinceCodes, codes);
  options.onProgress?.(1);
  return {
    input: {
      grid,
      provinces,
      towers: readinessTowers,
      backbone,
      settings: run.settings,
      targets: run.targets,
      precomputed: labelsFit
        ? {
            labels: labels.labels,
            overlapCells: labels.overlapCells,
            towerProvince:
              towerProvince ??
              locateTowers(
                provinces.map((province) => province.polygons),
                readinessTowers,
              ),
          }
        : undefined,
    },
    towers,
    towerCounts: towers
      ? { accepted: towers.towers.length, rejected: towers.rejected.length, warnings: towers.warnings.length }
      : { accepted: readinessTowers.count, rejected: 0, warnings: 0 },
  };
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((value, i) => value === b[i]);

const sameGrid = (a: GridGeometry, b: GridGeometry) =>
  a.width === b.width &&
  a.height === b.height &&
  a.originLon === b.originLon &&
  a.originLat === b.originLat &&
  a.cellSizeLonDeg === b.cellSizeLonDeg &&
  a.cellSizeLatDeg === b.cellSizeLatDeg;

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
