import type { LonLatPolygon } from '../../core/geo/lonLatPolygon';
import { PopulationFileError } from '../../core/io/populationFileError';
import { readPopulationGeoTiff } from '../../core/io/readPopulationGeoTiff';
import type { TowerParseResult } from '../../core/io/towerParseResult';
import type { PopulationGrid } from '../../core/model/populationGrid';
import { packTowers, type TowerArrays } from '../../core/model/towerArrays';
import { CliError } from '../cliError';
import { loadTowerArrays } from '../loadTowerArrays';
import { readInputFile } from '../readInputFile';

/*
 * propose's inputs, read so that a plan with a fixed radius loads only the readers it uses: the layer readers behind
 * loadInputs (KML, shapefiles: xmldom, togeojson, shpjs) and the full tower reader are imported only for a boundary
 * or a plan on predicted signal. Same files, same errors (a CliError naming the file) as loadInputs.
 */

/**
 * The existing masts: the tower records too on predicted signal (the radios need them), else the flat arrays alone
 * (a clean CSV is read straight into them, loadTowerArrays; mast classes and heights only price room on existing
 * masts, which propose does not offer).
 */
export async function readProposeTowers(
  path: string,
  withRecords: boolean,
): Promise<{ towers: TowerArrays; parsedTowers: TowerParseResult | null; rejectedTowerRows: number }> {
  if (withRecords) {
    const { loadTowerFile } = await import('../loadInputs');
    const parsedTowers = await loadTowerFile(path);
    return { towers: packTowers(parsedTowers.towers), parsedTowers, rejectedTowerRows: parsedTowers.rejected.length };
  }
  const { arrays, rejectedCount } = await loadTowerArrays(path);
  return { towers: arrays, parsedTowers: null, rejectedTowerRows: rejectedCount };
}

/** loadInputs' loadPopulationRaster, without loading the layer readers. */
export async function loadProposeRaster(path: string): Promise<PopulationGrid> {
  const bytes = await readInputFile(path);
  try {
    return await readPopulationGeoTiff(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    );
  } catch (error) {
    if (error instanceof PopulationFileError) throw new CliError(`cannot read ${path}: ${error.message}`);
    throw error;
  }
}

export async function loadProposeBoundary(path: string): Promise<LonLatPolygon[]> {
  const { loadBoundary } = await import('../loadInputs');
  return loadBoundary(path);
}
