import { writeFile } from 'node:fs/promises';
import { DEFAULT_K_FACTOR } from '../../core/terrain/computeTerrainPathLoss';
import { computeViewshed, DEFAULT_TARGET_HEIGHT_M, type ViewshedResult } from '../../core/terrain/computeViewshed';
import { OutsideElevationError } from '../../core/terrain/outsideElevationError';
import { writeViewshedGeoTiff } from '../../core/terrain/writeViewshedGeoTiff';
import type { CliCommand } from '../cliCommand';
import { CliError } from '../cliError';
import { explainOutside, loadTerrain } from '../loadTerrain';
import { readKFactorFlag } from '../readKFactorFlag';
import { requireLonLatFlag } from '../readLonLatFlag';
import { readNumberFlag, requireNumberFlag } from '../readNumberFlag';

export const viewshedCommand: CliCommand = {
  name: 'viewshed',
  summary: 'the DEM cells a site sees (line of sight over terrain) within a radius, as JSON and an optional GeoTIFF',
  usage: [
    'cosite viewshed --terrain FILE[,FILE...] --site LON,LAT --height-m H --radius-m R [--target-height-m 1.5]',
    '                [--k-factor 4/3] [--out FILE.tif] [--json]',
    '',
    "Counts the DEM's own cells (grid points of an SRTM .hgt, pixel centres of a GeoTIFF) whose haversine distance",
    "(R = 6,371,008.8 m) from the site is at most R, leaving out the site's own cell (the one nearest the site). A",
    "cell is visible when the path from the site's antenna (ground + H) to a target above the cell (ground + target",
    'height) is a line of sight as pathloss --terrain defines it: the same profile (N = ceil(d / s) points along the',
    'great circle, bilinear heights, the void rule) and S_tim < S_tr of ITU-R P.526-15 4.5.1 with C_e = 1/(k 6371).',
    'With several DEMs the cells counted are those of the finest covering the site; heights come from all of them.',
    'Prints cells_in_radius, visible_cells, visible_fraction and the inputs used. --out writes a Uint8 GeoTIFF of the',
    'cells around the site, one pixel per DEM cell in EPSG:4326 (1 visible, 0 hidden, 255 outside the radius and',
    "nodata; the site's cell is 1); only for a DEM in EPSG:4326. A missing DEM, one in an unknown CRS, or a site",
    'outside every DEM exits 2.',
  ].join('\n'),
  flags: {
    terrain: {
      type: 'string',
      valueName: 'FILE[,FILE...]',
      description: 'DEM files: SRTM .hgt or .hgt.zip, elevation .tif/.tiff (EPSG:4326, UTM, VN-2000 UTM)',
    },
    site: { type: 'string', valueName: 'LON,LAT', description: 'the site (antenna), WGS 84 degrees' },
    'height-m': {
      type: 'string',
      valueName: 'H',
      description: 'antenna height above the ground at the site, m (>= 0)',
    },
    'radius-m': {
      type: 'string',
      valueName: 'R',
      description: 'cells within this distance of the site count, m (> 0)',
    },
    'target-height-m': {
      type: 'string',
      valueName: 'H',
      description: `target height above each cell's ground, m (default ${DEFAULT_TARGET_HEIGHT_M})`,
    },
    'k-factor': {
      type: 'string',
      valueName: 'K',
      description: 'effective Earth radius factor, a number or a fraction (default 4/3)',
    },
    out: { type: 'string', valueName: 'FILE.tif', description: 'also write the visible cells as a GeoTIFF' },
    json: { type: 'boolean', description: 'compact one-line JSON' },
    help: { type: 'boolean', description: 'show this help' },
  },

  async run(flags, output) {
    if (flags.terrain === undefined) throw new CliError('missing --terrain FILE');
    const site = requireLonLatFlag(flags, 'site');
    const heightM = requireNumberFlag(flags, 'height-m', { min: 0, what: 'a height above ground in m' }, 'H');
    const radiusM = requireNumberFlag(flags, 'radius-m', { min: 0, exclusive: true, what: 'a radius in m' }, 'R');
    const targetHeightM =
      readNumberFlag(flags, 'target-height-m', { min: 0, what: 'a height above ground in m' }) ??
      DEFAULT_TARGET_HEIGHT_M;
    const kFactor = readKFactorFlag(flags, DEFAULT_K_FACTOR);
    const outPath = typeof flags.out === 'string' ? flags.out : null;
    if (outPath !== null && !/\.tiff?$/i.test(outPath))
      throw new CliError(`--out must name a .tif file, got '${outPath}'`);
    const terrain = await loadTerrain(String(flags.terrain));
    let result: ViewshedResult;
    try {
      result = await computeViewshed(terrain.mosaic, {
        siteLonDeg: site.lonDeg,
        siteLatDeg: site.latDeg,
        heightM,
        radiusM,
        targetHeightM,
        kFactor,
      });
    } catch (error) {
      if (error instanceof OutsideElevationError) throw explainOutside(error, terrain);
      throw error;
    }
    const raster = terrain.mosaic.layers[result.layerIndex].raster;
    const demPath = terrain.pathByName.get(raster.name) ?? raster.name;
    if (outPath !== null) {
      if (raster.crs.code !== 'EPSG:4326') {
        throw new CliError(`--out writes EPSG:4326 GeoTIFFs; ${demPath} is in ${raster.crs.code} (leave out --out)`);
      }
      try {
        await writeFile(outPath, new Uint8Array(writeViewshedGeoTiff(result, raster)));
      } catch (error) {
        throw new CliError(`cannot write ${outPath}: ${(error as Error).message}`);
      }
    }
    const report = {
      cells_in_radius: result.cellsInRadius,
      visible_cells: result.visibleCells,
      visible_fraction: Math.round(result.visibleFraction * 1e6) / 1e6,
      site: [site.lonDeg, site.latDeg],
      height_m: heightM,
      radius_m: radiusM,
      target_height_m: targetHeightM,
      k_factor: kFactor,
      site_ground_m: Math.round(result.siteGroundM * 1000) / 1000,
      h_ts_m: Math.round((result.siteGroundM + heightM) * 1000) / 1000,
      site_cell: { column: result.siteColumn, row: result.siteRow },
      dem_file: demPath,
      dem_files: terrain.paths,
      out: outPath,
    };
    output.stdout(`${JSON.stringify(report, null, flags.json === true ? undefined : 2)}\n`);
  },
};
