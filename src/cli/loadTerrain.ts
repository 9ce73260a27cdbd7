import type { ElevationMosaic } from '../core/terrain/buildElevationMosaic';
import { buildElevationMosaic } from '../core/terrain/buildElevationMosaic';
import { ElevationFileError } from '../core/terrain/elevationFileError';
import type { ElevationRaster } from '../core/terrain/elevationRaster';
import type { OutsideElevationError } from '../core/terrain/outsideElevationError';
import { readElevationGeoTiff } from '../core/terrain/readElevationGeoTiff';
import { readHgt } from '../core/terrain/readHgt';
import { CliError } from './cliError';
import { readInputFile } from './readInputFile';

/** DEMs read for one command, with the paths as given on the command line. */
export interface LoadedTerrain {
  mosaic: ElevationMosaic;
  /** Every path of --terrain, in the order given. */
  paths: string[];
  /** The path each raster came from, by the raster's name (for reports naming files). */
  pathByName: Map<string, string>;
}

/**
 * Read the DEMs of --terrain FILE[,FILE...] (no commas in names), each by its extension: `.hgt` or `.hgt.zip` (SRTM
 * tile), `.tif`/`.tiff` (elevation GeoTIFF). A file that is missing, unreadable, of another kind or in an unknown CRS
 * is a CliError naming it (exit 2, one line).
 */
export async function loadTerrain(
  list: string,
  options: { allVoidStencil?: 'zero' | 'next-dem' } = {},
): Promise<LoadedTerrain> {
  const paths = list
    .split(',')
    .map((path) => path.trim())
    .filter((path) => path !== '');
  if (paths.length === 0) throw new CliError('--terrain names no file');
  const rasters: ElevationRaster[] = [];
  const pathByName = new Map<string, string>();
  for (const path of paths) {
    const raster = await loadDem(path);
    pathByName.set(raster.name, path);
    rasters.push(raster);
  }
  return { mosaic: buildElevationMosaic(rasters, options), paths, pathByName };
}

async function loadDem(path: string): Promise<ElevationRaster> {
  const lower = path.toLowerCase();
  const kind = lower.endsWith('.hgt') || lower.endsWith('.hgt.zip') ? 'hgt' : /\.tiff?$/.test(lower) ? 'tiff' : null;
  if (kind === null) {
    throw new CliError(`cannot read ${path}: not a DEM this command reads (expected .hgt, .hgt.zip, .tif or .tiff)`);
  }
  const bytes = await readInputFile(path);
  try {
    return kind === 'hgt' ? readHgt(bytes, path) : await readElevationGeoTiff(bytes, path);
  } catch (error) {
    if (error instanceof ElevationFileError) throw new CliError(`cannot read ${path}: ${error.message}`);
    throw error;
  }
}

/** An OutsideElevationError as a CliError that names the DEM files and what each covers. */
export function explainOutside(error: OutsideElevationError, terrain: LoadedTerrain): CliError {
  const extents = terrain.mosaic.layers.map((layer) => {
    const path = terrain.pathByName.get(layer.raster.name) ?? layer.raster.name;
    return `${path} covers ${layer.westDeg.toFixed(4)}..${layer.eastDeg.toFixed(4)}°E, ${layer.southDeg.toFixed(4)}..${layer.northDeg.toFixed(4)}°N`;
  });
  return new CliError(`${error.message}: ${extents.join('; ')}`);
}
