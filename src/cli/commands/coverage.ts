import {
  computeFixedRadiusCoverage,
  countMastsWithReach,
  summarizeCoverage,
} from '../../core/coverage/computeFixedRadiusCoverage';
import { computeSignalCoverage } from '../../core/coverage/computeSignalCoverage';
import { DEFAULT_RECEIVER } from '../../core/coverage/linkBudget';
import {
  DEFAULT_CALCULATION_RADIUS_M,
  prepareSignalRun,
  type SignalRunData,
  type SignalRunSettings,
} from '../../core/coverage/prepareSignalRun';
import { TECHNOLOGIES } from '../../core/coverage/radioPresets';
import { summarizeGapsByArea } from '../../core/coverage/summarizeGapsByArea';
import { summarizeSignalCoverage } from '../../core/coverage/summarizeSignalCoverage';
import { BoundaryFileError } from '../../core/geo/boundaryFileError';
import { labelGridAreas } from '../../core/geo/labelGridAreas';
import { maskCellCentresInPolygons } from '../../core/geo/maskCellCentresInPolygons';
import { type NamedArea, parseAreasGeoJson } from '../../core/geo/parseAreasGeoJson';
import { decodeTextFile } from '../../core/io/decodeTextFile';
import type { PopulationGrid } from '../../core/model/populationGrid';
import { packTowers, type TowerArrays } from '../../core/model/towerArrays';
import { PATH_LOSS_MODEL_IDS } from '../../core/propagation/pathLossModels';
import type { CliCommand, CliOutput } from '../cliCommand';
import { CliError } from '../cliError';
import { coverageFiguresJson, gapsByAreaJson, inOperatorOrder } from '../coverageJson';
import { loadBoundary, loadPopulationRaster, loadTowerFile } from '../loadInputs';
import { loadTerrain } from '../loadTerrain';
import { loadTowerArrays } from '../loadTowerArrays';
import type { ParsedFlags } from '../parseFlags';
import { readInputFile } from '../readInputFile';
import { LINK_BUDGET_FLAGS, readLinkBudgetFlags } from '../readLinkBudgetFlags';
import { readNumberFlag } from '../readNumberFlag';
import { readModelFlag, readTerrainFlags, TERRAIN_FLAGS } from '../readPropagationFlags';
import { readChoiceFlag, readStringFlag, requireStringFlag } from '../readStringFlag';

const DEFAULT_GRID_M = 100;
/** Flags that only mean something with --model. */
const MODEL_FLAGS = [
  'grid-m',
  'technology',
  'frequency-mhz',
  'threshold-dbm',
  'shadowing-margin-db',
  'eirp-dbm',
  'indoor',
  'indoor-loss-db',
  'metropolitan',
  'assume-5g',
  ...TERRAIN_FLAGS,
];

export const coverageCommand: CliCommand = {
  name: 'coverage',
  summary: 'population and area covered per operator, by fixed radius or by a propagation model, as JSON',
  usage: [
    'cosite coverage --towers FILE --population FILE.tif [--boundary FILE.geojson] [--radius-m R] [--json]',
    `cosite coverage --towers FILE --population FILE.tif [--boundary FILE.geojson] --model ${PATH_LOSS_MODEL_IDS.join('|')}`,
    '                [--grid-m 100] [--technology 4g|5g] [--frequency-mhz F] [--threshold-dbm T]',
    '                [--shadowing-margin-db 8.3] [--eirp-dbm OPERATOR=DBM,...] [--indoor [--indoor-loss-db 20]]',
    '                [--terrain FILE[,FILE...] [--k-factor 4/3] [--diffraction-weight 1] [--terrain-mode sweep|exact]',
    '                 [--calculation-radius-m 10000] [--profile-points-per-step 1]]',
    '                [--json]',
    '',
    'Fixed radius (no --model): a population cell is covered by a mast when the haversine distance (R = 6,371,008.8 m)',
    "from the cell's centre to the mast is at most the mast's radius_m (else --radius-m); a mast with neither covers",
    'nothing. Each tenant of a mast covers with it. Nodata cells are skipped; with --boundary only cells whose centre',
    'is inside count.',
    'Model (--model): population is resampled (conserving totals) onto a grid of about --grid-m metres aligned with the',
    "raster; each mast's radios (one per tenant running the technology, with the band presets of its operator) give an",
    'RSRP per cell, less the shadowing margin (8.3 dB); a cell is covered by an operator when its best RSRP reaches the',
    'threshold: -110 dBm outdoors; with --indoor, the RSRP inside a building (less a 20 dB building loss) must reach',
    '-100 dBm, the practice for good indoor service (DOMAIN.md lists both figures; --indoor-loss-db 0 gives the',
    'drive-test convention of -100 dBm outside). 5G runs on the tenants the file lists (has_5g, tenants_5g); a file',
    'without them has no 5G unless --assume-5g.',
    'Terrain (--terrain, DEMs as for pathloss; required by --model p526): ground heights are sampled at the analysis',
    "cells' centres (the finest DEM wins; a void stencil asks the next coarser DEM; outside every DEM 0 m) and each",
    'cell loses the Bullington diffraction (ITU-R P.526-15 4.5.1, k = --k-factor) over the profile from the mast',
    '(ground + height) to the cell (ground + 1.5 m). p526 is free space + the whole diffraction loss: the physical',
    "model for rural and mountain areas. With COST-231 or 38.901 the diffraction loss is ADDED to the model's loss,",
    'weighted by --diffraction-weight (default 1): those models were fitted to measurements that already hold some of',
    "their areas' average terrain loss, so the full term is pessimistic where they were fitted; Atoll's standard",
    'model adds its diffraction term the same way, with a weight calibrated from drive tests. --terrain-mode exact',
    'computes one profile per cell (the oracle); the default sweep processes radials outward (see the README). No',
    'mast is computed beyond --calculation-radius-m (10 km): free space would reach 30-40 km and terrain only takes',
    "away, so this bounds the work as the RF planners' calculation radius does. Profiles have N = ceil(d/s) points (s",
    "the grid's step); --profile-points-per-step M takes N = ceil(M·d/s): over steep ground the heights between the",
    "cells' centres are then followed more closely (the README's terrain benchmark), at about twice the time for 8.",
  ].join('\n'),
  flags: {
    towers: { type: 'string', valueName: 'FILE', description: 'tower table: .csv (, ; or tab) or .geojson points' },
    population: { type: 'string', valueName: 'FILE.tif', description: 'population GeoTIFF in lon/lat (WorldPop)' },
    boundary: {
      type: 'string',
      valueName: 'FILE.geojson',
      description: 'polygon(s); only population cells whose centre is inside count',
    },
    'radius-m': {
      type: 'string',
      valueName: 'R',
      description: 'fixed radius for masts without radius_m, m (>= 0); none: they cover nothing',
    },
    model: { type: 'string', valueName: 'MODEL', description: `propagation mode: ${PATH_LOSS_MODEL_IDS.join(', ')}` },
    'grid-m': { type: 'string', valueName: 'M', description: `analysis grid cell size, m (default ${DEFAULT_GRID_M})` },
    technology: { type: 'string', valueName: '4g|5g', description: 'technology and its band presets (default 4g)' },
    'threshold-dbm': {
      type: 'string',
      valueName: 'T',
      description: 'RSRP that counts as covered, dBm (default -110; -100 with --indoor)',
    },
    ...LINK_BUDGET_FLAGS,
    'assume-5g': {
      type: 'boolean',
      description: 'with --technology 5g and a file without has_5g/tenants_5g: every tenant with a 5G band runs it',
    },
    terrain: {
      type: 'string',
      valueName: 'FILE[,FILE...]',
      description: 'DEMs (.hgt, .hgt.zip, .tif): predict over the terrain (needs --model; required by p526)',
    },
    'k-factor': { type: 'string', valueName: 'K', description: 'with --terrain: effective Earth radius factor (4/3)' },
    'diffraction-weight': {
      type: 'string',
      valueName: 'W',
      description: 'with --terrain and an empirical model: weight of the diffraction loss added, 0-1 (default 1)',
    },
    'calculation-radius-m': {
      type: 'string',
      valueName: 'M',
      description: 'with --terrain: no mast is computed farther than M metres (default 10000)',
    },
    'terrain-mode': {
      type: 'string',
      valueName: 'sweep|exact',
      description: 'with --terrain: radial sweep (default, fast) or one profile per cell (exact)',
    },
    'profile-points-per-step': {
      type: 'string',
      valueName: 'M',
      description: 'with --terrain: terrain profile points per grid step, 1-16 (default 1: N = ceil(d/s))',
    },
    areas: {
      type: 'string',
      valueName: 'FILE.geojson',
      description: 'commune/area polygons: adds gaps_by_area (population covered and not, per area)',
    },
    'area-name': {
      type: 'string',
      valueName: 'PROPERTY',
      description: 'property naming each area (default: name, commune_vn, ...)',
    },
    json: { type: 'boolean', description: 'compact one-line JSON and no summary on stderr' },
    help: { type: 'boolean', description: 'show this help' },
  },

  async run(flags, output) {
    const towersPath = requireStringFlag(flags, 'towers', 'FILE');
    const populationPath = requireStringFlag(flags, 'population', 'FILE.tif');
    const modelId = readModelFlag(flags.model);
    if (modelId === null) {
      const misplaced = MODEL_FLAGS.find((name) => flags[name] !== undefined);
      if (misplaced) throw new CliError(`--${misplaced} needs --model (propagation mode)`);
    } else if (flags['radius-m'] !== undefined) {
      throw new CliError('--radius-m is for the fixed-radius mode: leave it out with --model');
    }
    const radiusM = readNumberFlag(flags, 'radius-m', { min: 0, what: 'a radius in m' });
    const gridM = readNumberFlag(flags, 'grid-m', { min: 1, what: 'a cell size in m' }) ?? DEFAULT_GRID_M;
    const technology = readChoiceFlag(flags, 'technology', TECHNOLOGIES, '4g');
    const linkBudget = readLinkBudgetFlags(flags);
    const thresholdDbm = readNumberFlag(flags, 'threshold-dbm', { min: -200, max: 50, what: 'an RSRP in dBm' });
    const { terrainPaths, terrain: terrainSettings } = readTerrainFlags(flags, modelId);

    // Fixed radius needs the masts as arrays only: a clean CSV is read straight into them.
    const parsed = modelId === null ? null : await loadTowerFile(towersPath);
    const loaded = parsed === null ? await loadTowerArrays(towersPath) : null;
    const population = await loadPopulationRaster(populationPath);
    const boundaryPath = readStringFlag(flags, 'boundary');
    const polygons = boundaryPath ? await loadBoundary(boundaryPath) : undefined;
    const areasPath = readStringFlag(flags, 'areas');
    const areas = areasPath ? await loadAreas(areasPath, readStringFlag(flags, 'area-name')) : undefined;
    const mask = polygons ? maskCellCentresInPolygons(population, polygons) : undefined;
    const terrain = terrainPaths ? await loadTerrain(terrainPaths, { allVoidStencil: 'next-dem' }) : undefined;
    const towers = loaded?.arrays ?? packTowers(parsed?.towers ?? []);
    const rejectedCount = loaded?.rejectedCount ?? parsed?.rejected.length ?? 0;
    const notes: string[] = [];
    if (rejectedCount > 0) {
      notes.push(`${rejectedCount} row(s) of ${towersPath} rejected and left out (see cosite validate)`);
    }

    const report =
      modelId === null || parsed === null
        ? await fixedRadiusReport(towers, population, mask, radiusM, notes, areas)
        : await propagationReport(
            { towers: parsed.towers, arrays: towers, population, boundaryMask: mask, areas, terrain: terrain?.mosaic },
            {
              modelId,
              technology,
              gridM,
              thresholdDbm,
              ...linkBudget,
              assume5g: flags['assume-5g'] === true,
              terrain: terrainSettings,
            },
            notes,
            terrain?.paths,
          );
    report.rejected_rows = rejectedCount;
    output.stdout(`${JSON.stringify(report, null, flags.json === true ? undefined : 2)}\n`);
    writeNotes(output, notes, report, flags);
  },
};

async function fixedRadiusReport(
  towers: TowerArrays,
  population: PopulationGrid,
  mask: Uint8Array | undefined,
  radiusM: number | undefined,
  notes: string[],
  areas: NamedArea[] | undefined,
): Promise<Record<string, unknown>> {
  const defaultRadiusM = radiusM ?? Number.NaN;
  const used = countMastsWithReach(towers, defaultRadiusM);
  if (used < towers.count) {
    notes.push(`${towers.count - used} mast(s) have no radius_m and no --radius-m was given: they cover nothing`);
  }
  const coveredBits = await computeFixedRadiusCoverage({
    grid: population,
    towers,
    defaultRadiusM,
    rowStart: 0,
    rowEnd: population.height,
  });
  const summary = summarizeCoverage(population, coveredBits, towers.operatorNames, mask);
  const report: Record<string, unknown> = {
    mode: 'fixed-radius',
    ...coverageFiguresJson(summary),
    towers_used: used,
    radius_m: radiusM ?? null,
  };
  if (areas) {
    const labelled = labelGridAreas(population, areas);
    report.gaps_by_area = gapsByAreaJson(
      summarizeGapsByArea({
        values: population.values,
        nodata: population.nodata,
        covered: coveredBits,
        labels: labelled.labels,
        names: labelled.names,
        mask,
      }),
    );
  }
  return report;
}

async function propagationReport(
  data: SignalRunData,
  settings: SignalRunSettings,
  notes: string[],
  demFiles: string[] = [],
): Promise<Record<string, unknown>> {
  const run = await prepareSignalRun(data, settings);
  const { grid, prepared } = run;
  notes.push(...run.notes.map((note) => note.reason));
  const coverage = await computeSignalCoverage({
    ...prepared.request,
    cellMask: run.cellMask,
    rowStart: 0,
    rowEnd: grid.height,
  });
  const summary = summarizeSignalCoverage({
    population: run.population,
    coverage,
    operatorNames: prepared.operatorNames,
    thresholdDbm: prepared.thresholdDbm,
    areas: run.areas ?? undefined,
  });
  const frequencies = run.frequencyMHzByOperator;
  const distinct = new Set(Object.values(frequencies).filter((value) => value !== null));
  const report: Record<string, unknown> = {
    mode: 'propagation',
    model: settings.modelId,
    technology: settings.technology,
    frequency_mhz: distinct.size === 1 ? [...distinct][0] : null,
    frequency_mhz_by_operator: inOperatorOrder(frequencies),
    threshold_dbm: prepared.thresholdDbm,
    indoor: settings.indoor,
    shadowing_margin_db: settings.shadowingMarginDb ?? DEFAULT_RECEIVER.shadowingMarginDb,
    indoor_loss_db: settings.indoor ? (settings.indoorLossDb ?? DEFAULT_RECEIVER.indoorLossDb) : 0,
    grid_m: settings.gridM,
    analysis_grid: {
      width: grid.width,
      height: grid.height,
      cell_width_m: round(grid.cellWidthM, 1),
      cell_height_m: round(grid.cellHeightM, 1),
    },
    ...coverageFiguresJson(summary),
    towers_used: run.mastsUsed,
    radios: prepared.request.radios.count,
    warnings: prepared.warnings,
  };
  const terrain = prepared.request.terrain;
  if (terrain) {
    report.terrain = {
      dem_files: demFiles,
      k_factor: terrain.kFactor,
      diffraction_weight: terrain.diffractionWeight,
      mode: terrain.mode,
      calculation_radius_m: settings.terrain?.calculationRadiusM ?? DEFAULT_CALCULATION_RADIUS_M,
      profile_points_per_step: settings.terrain?.profilePointsPerStep ?? 1,
    };
  }
  if (summary.gapsByArea) report.gaps_by_area = gapsByAreaJson(summary.gapsByArea);
  return report;
}

async function loadAreas(path: string, nameProperty: string | undefined): Promise<NamedArea[]> {
  const bytes = await readInputFile(path);
  try {
    return parseAreasGeoJson(decodeTextFile(bytes), nameProperty);
  } catch (error) {
    if (error instanceof BoundaryFileError) throw new CliError(`cannot read ${path}: ${error.message}`);
    throw error;
  }
}

function writeNotes(output: CliOutput, notes: string[], report: Record<string, unknown>, flags: ParsedFlags): void {
  for (const note of notes) output.stderr(`cosite coverage: note: ${note}\n`);
  if (flags.json === true) return;
  const total = report.population_total as number;
  const covered = report.population_covered as number;
  const share = total > 0 ? ((100 * covered) / total).toFixed(1) : '0.0';
  output.stderr(
    `cosite coverage: ${report.mode}: ${Math.round(covered)} of ${Math.round(total)} people covered (${share}%), ` +
      `${Math.round(report.population_uncovered as number)} not\n`,
  );
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** --eirp-dbm Viettel=60,MobiFone=62: total EIRP per operator (names or aliases of the operator list), dBm. */
