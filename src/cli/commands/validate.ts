import { BoundaryFileError } from '../../core/geo/boundaryFileError';
import { maskCellCentresInPolygons } from '../../core/geo/maskCellCentresInPolygons';
import { parseBoundaryGeoJson } from '../../core/geo/parseBoundaryGeoJson';
import { decodeTextFile } from '../../core/io/decodeTextFile';
import { parseTowers } from '../../core/io/parseTowers';
import { PopulationFileError } from '../../core/io/populationFileError';
import { readPopulationGeoTiff } from '../../core/io/readPopulationGeoTiff';
import { TowerFileError } from '../../core/io/towerFileError';
import type { ValidationPopulation } from '../../core/validation/validateTowerFile';
import { validateTowerFile } from '../../core/validation/validateTowerFile';
import type { CliCommand } from '../cliCommand';
import { CliError } from '../cliError';
import { readInputFile } from '../readInputFile';

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

    const parsed = await readOrExplain(towersPath, TowerFileError, async (bytes) => parseTowers(bytes, towersPath));
    const polygons = boundaryPath
      ? await readOrExplain(boundaryPath, BoundaryFileError, async (bytes) =>
          parseBoundaryGeoJson(decodeTextFile(bytes)),
        )
      : undefined;
    let population: ValidationPopulation | undefined;
    if (populationPath) {
      const grid = await readOrExplain(populationPath, PopulationFileError, (bytes) =>
        readPopulationGeoTiff(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer),
      );
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
