import { maskCellCentresInPolygons } from '../../core/geo/maskCellCentresInPolygons';
import type { ValidationPopulation } from '../../core/validation/validateTowerFile';
import { validateTowerFile } from '../../core/validation/validateTowerFile';
import type { CliCommand } from '../cliCommand';
import { loadBoundary, loadPopulationRaster, loadTowerFile } from '../loadInputs';
import { parseColumnsFlag } from '../parseColumnsFlag';
import { readCrsFlag } from '../readCrsFlag';
import { readStringFlag, requireStringFlag } from '../readStringFlag';

export const validateCommand: CliCommand = {
  name: 'validate',
  summary:
    'check a tower file (CSV, Excel, GeoJSON, KML/KMZ, zipped shapefile) and report accepted and rejected rows as JSON',
  usage:
    'cosite validate --towers FILE [--crs CODE] [--columns MAPPING] [--keep-outside-vietnam] [--population FILE.tif] [--boundary FILE] [--json]',
  flags: {
    towers: {
      type: 'string',
      valueName: 'FILE',
      description: 'towers: .csv/.tsv/.txt (, ; or tab), .xlsx, .geojson, .kml, .kmz or a zipped shapefile',
    },
    crs: {
      type: 'string',
      valueName: 'CODE',
      description:
        'CRS of the coordinates: EPSG:4326 (default), EPSG:3405, EPSG:3406, EPSG:32648, EPSG:32649, ' +
        'vn2000:<central meridian> (e.g. vn2000:107.75 or vn2000:Đà Nẵng), vn2000-6:<cm>',
    },
    columns: {
      type: 'string',
      valueName: 'MAPPING',
      description:
        'column for each field, e.g. id=Site,operator=Nhà mạng,lon=Y,lat=X (lon/lat are easting/northing in a projected CRS)',
    },
    'keep-outside-vietnam': {
      type: 'boolean',
      description: 'keep rows whose position is outside Việt Nam (each with a warning) instead of rejecting them',
    },
    population: {
      type: 'string',
      valueName: 'FILE.tif',
      description: 'population GeoTIFF in lon/lat (WorldPop); adds population_total and population_cells',
    },
    boundary: {
      type: 'string',
      valueName: 'FILE.geojson',
      description:
        'polygon(s) (GeoJSON, zipped shapefile, KML): population counts only cells whose centre is inside; towers outside are counted',
    },
    json: { type: 'boolean', description: 'compact one-line JSON and no summary on stderr' },
    help: { type: 'boolean', description: 'show this help' },
  },

  async run(flags, output) {
    const towersPath = requireStringFlag(flags, 'towers', 'FILE');
    const populationPath = readStringFlag(flags, 'population');
    const boundaryPath = readStringFlag(flags, 'boundary');
    const compact = flags.json === true;

    const crs = readCrsFlag(flags);
    const columns = flags.columns === undefined ? undefined : parseColumnsFlag(String(flags.columns));
    const polygons = boundaryPath ? await loadBoundary(boundaryPath) : undefined;
    const parsed = await loadTowerFile(towersPath, {
      crs,
      columns,
      areaPolygons: polygons,
      areaName: boundaryPath,
      keepOutsideVietnam: flags['keep-outside-vietnam'] === true,
    });
    let population: ValidationPopulation | undefined;
    if (populationPath) {
      const grid = await loadPopulationRaster(populationPath);
      population = { grid, mask: polygons ? maskCellCentresInPolygons(grid, polygons) : undefined };
    } else if (polygons && !compact) {
      output.stderr(
        'cosite validate: note: --boundary only limits the population count, and no --population was given\n',
      );
    }

    const report = validateTowerFile(parsed, population);
    // The file's coordinates as a whole (projected values, swapped lat/lon, outside Vietnam or the boundary): only
    // when something was found, so the report of a clean file is unchanged.
    const printed = parsed.coordinateReport
      ? { ...report, coordinate_problems: parsed.coordinateReport.messages }
      : report;
    output.stdout(`${JSON.stringify(printed, null, compact ? undefined : 2)}\n`);
    if (!compact) {
      const populationNote =
        report.population_total === undefined ? '' : `, population ${Math.round(report.population_total)}`;
      output.stderr(
        `cosite validate: ${towersPath}: ${report.accepted} accepted, ${report.rejected.length} rejected, ` +
          `${report.warnings.length} warning(s)${populationNote}\n`,
      );
    }
  },
};
