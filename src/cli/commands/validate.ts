import { maskCellCentresInPolygons } from '../../core/geo/maskCellCentresInPolygons';
import type { ValidationPopulation } from '../../core/validation/validateTowerFile';
import { validateTowerFile } from '../../core/validation/validateTowerFile';
import type { CliCommand } from '../cliCommand';
import { CliError } from '../cliError';
import { loadBoundary, loadPopulationRaster, loadTowerFile } from '../loadInputs';

export const validateCommand: CliCommand = {
  name: 'validate',
  summary: 'check a tower file (CSV or GeoJSON) and report accepted and rejected rows as JSON',
  usage: 'cosite validate --towers FILE [--population FILE.tif] [--boundary FILE.geojson] [--json]',
  flags: {
    towers: { type: 'string', valueName: 'FILE', description: 'tower table: .csv (, ; or tab) or .geojson points' },
    population: {
      type: 'string',
      valueName: 'FILE.tif',
      description: 'population GeoTIFF in lon/lat (WorldPop); adds population_total and population_cells',
    },
    boundary: {
      type: 'string',
      valueName: 'FILE.geojson',
      description: 'polygon(s); population counts only cells whose centre is inside',
    },
    json: { type: 'boolean', description: 'compact one-line JSON and no summary on stderr' },
    help: { type: 'boolean', description: 'show this help' },
  },

  async run(flags, output) {
    const towersPath = flags.towers;
    if (typeof towersPath !== 'string') throw new CliError('missing --towers FILE');
    const populationPath = typeof flags.population === 'string' ? flags.population : undefined;
    const boundaryPath = typeof flags.boundary === 'string' ? flags.boundary : undefined;
    const compact = flags.json === true;

    const parsed = await loadTowerFile(towersPath);
    const polygons = boundaryPath ? await loadBoundary(boundaryPath) : undefined;
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
    output.stdout(`${JSON.stringify(report, null, compact ? undefined : 2)}\n`);
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
