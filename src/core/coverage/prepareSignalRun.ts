import { transferCellLabels } from '../geo/labelCellCentresInAreas';
import { type GridAreaLabels, labelGridAreas } from '../geo/labelGridAreas';
import { type AnalysisGrid, makeAnalysisGrid } from '../geo/makeAnalysisGrid';
import type { NamedArea } from '../geo/parseAreasGeoJson';
import type { PopulationGrid } from '../model/populationGrid';
import type { Tower } from '../model/tower';
import type { TowerArrays } from '../model/towerArrays';
import type { WordedMessage } from '../model/wordedMessage';
import { type ResampledPopulation, resamplePopulation } from '../population/resamplePopulation';
import { modelNeedsTerrain, type PathLossModelId } from '../propagation/pathLossModels';
import type { ElevationMosaic } from '../terrain/buildElevationMosaic';
import { buildTerrainGrid } from '../terrain/buildTerrainGrid';
import { DEFAULT_K_FACTOR } from '../terrain/computeTerrainPathLoss';
import { CancelledError, type LongCallOptions } from '../util/cooperativeLoop';
import { sectorsFromTowers } from './buildRadios';
import type { SignalTerrain } from './computeSignalCoverage';
import { radioSettingsFor } from './linkBudget';
import { type PreparedSignalCoverage, prepareSignalCoverage } from './prepareSignalCoverage';
import type { Technology } from './radioPresets';
import { technologyTenantBits } from './technologyTenantBits';

/** The settings of a propagation-mode coverage run, as the command line and the app's panel take them. */
export interface SignalRunSettings {
  modelId: PathLossModelId;
  technology: Technology;
  /** Analysis grid cell size, metres. */
  gridM: number;
  frequencyMHz?: number;
  thresholdDbm?: number;
  indoor: boolean;
  metropolitan: boolean;
  shadowingMarginDb?: number;
  /**
   * Total EIRP per operator, dBm (canonical operator names), replacing the band preset's transmit power, antenna gain
   * and cable loss; operators not listed keep the preset.
   */
  eirpDbmByOperator?: Readonly<Record<string, number>>;
  /** Building penetration loss indoors, dB (default DEFAULT_RECEIVER's 20 dB); only with `indoor`. */
  indoorLossDb?: number;
  /** When the tower file says nothing about 5G: assume every tenant with a 5G licence runs it (a what-if). */
  assume5g: boolean;
  /**
   * Predict over the terrain (the run's DEMs): Bullington diffraction added to the model's loss, weighted by
   * `diffractionWeight` (default 1; p526 always 1). Always on for p526, which needs terrain.
   */
  terrain?: SignalRunTerrainSettings;
}

export interface SignalRunTerrainSettings {
  /** Effective Earth radius factor (default 4/3). */
  kFactor?: number;
  /** Weight of the diffraction loss for the empirical models, 0-1 (default 1). */
  diffractionWeight?: number;
  /** 'sweep' (default) or 'exact' (one profile per cell, the oracle). */
  mode?: 'exact' | 'sweep';
  /**
   * Calculation radius: no mast is computed beyond this, metres (default DEFAULT_CALCULATION_RADIUS_M). Free space
   * reaches 30-40 km before the radio horizon, and terrain only takes away; like the calculation radius of the RF
   * planners, it bounds the work.
   */
  calculationRadiusM?: number;
  /**
   * Profile points per grid step s (default 1: N = ceil(d/s), the path-loss command's rule): N = ceil(m·d/s). Over
   * steep ground more points follow the bilinear terrain between the cells' centres more closely (see the README's
   * terrain benchmark) at about twice the time for 8.
   */
  profilePointsPerStep?: number;
}

/** The calculation radius over terrain when none is given: 10 km, beyond any macro cell's service area here. */
export const DEFAULT_CALCULATION_RADIUS_M = 10_000;

/** The weight of the diffraction term with the empirical models when none is given: the whole term. */
export const DEFAULT_DIFFRACTION_WEIGHT = 1;

export interface PreparedSignalRun {
  grid: AnalysisGrid;
  population: ResampledPopulation;
  /** 1 where the analysis grid holds population data: the only cells the engine computes. */
  cellMask: Uint8Array;
  prepared: PreparedSignalCoverage;
  /** For people: assumptions made and the engine's warnings (the command line prints their reasons). */
  notes: WordedMessage[];
  /** The named areas (communes) on the analysis grid, for gaps per area; null without areas. */
  areas: GridAreaLabels | null;
  /** Masts with at least one radio that reaches somewhere: the masts the run uses. */
  mastsUsed: number;
  /** Carrier frequency per operator of the run (operatorNames order), MHz; null for an operator without a radio. */
  frequencyMHzByOperator: Record<string, number | null>;
}

export interface SignalRunData {
  /** The towers as read (5G columns, sectors) and packed. */
  towers: readonly Tower[];
  arrays: TowerArrays;
  population: PopulationGrid;
  /** Cells of the population raster that count (centre inside the boundary); all when absent. */
  boundaryMask?: Uint8Array;
  /** Communes or other named areas: the summary then has gaps per area. */
  areas?: readonly NamedArea[];
  /** DEMs (a mosaic, finest wins): needed with terrain settings or the p526 model. */
  terrain?: ElevationMosaic;
}

/** A run asked for terrain (settings.terrain or the p526 model) and has no DEM. */
export class TerrainRequiredError extends Error {
  constructor(modelId: PathLossModelId) {
    super(
      modelNeedsTerrain(modelId)
        ? `the model ${modelId} predicts over the terrain: it needs elevation data (a DEM)`
        : 'terrain was asked for and no elevation data (DEM) is loaded',
    );
    this.name = 'TerrainRequiredError';
  }
}

/**
 * Everything before the per-band work of a propagation coverage run: the analysis grid over the population raster,
 * the population resampled onto it (totals conserved), which operators run the technology on which masts, sectors,
 * and the radios' link budgets. The command line and the app's worker both start here, so they give the same figures.
 */
export async function prepareSignalRun(
  data: SignalRunData,
  settings: SignalRunSettings,
  options: LongCallOptions = {},
): Promise<PreparedSignalRun> {
  const { towers: parsedTowers, arrays: towers, population: populationGrid, boundaryMask } = data;
  const notes: WordedMessage[] = [];
  const useTerrain = settings.terrain !== undefined || modelNeedsTerrain(settings.modelId);
  if (useTerrain && !data.terrain) throw new TerrainRequiredError(settings.modelId);
  const grid = makeAnalysisGrid(populationGrid, settings.gridM);
  const population = resamplePopulation(populationGrid, grid, boundaryMask);
  const cellMask = new Uint8Array(population.values.length);
  for (let i = 0; i < cellMask.length; i++) cellMask[i] = Number.isNaN(population.values[i]) ? 0 : 1;
  const radioBits = technologyTenantBits(parsedTowers, towers.operatorNames, settings.technology, {
    whenSilent: settings.assume5g ? 'every-tenant' : 'none',
  });
  if (!radioBits.fromFile) {
    notes.push({
      reason: settings.assume5g
        ? 'the tower file says nothing about 5G: every tenant with a 5G band is assumed to run it (--assume-5g)'
        : 'the tower file says nothing about 5G (no has_5g / tenants_5g): no mast runs 5G; --assume-5g assumes every tenant with a 5G band does',
      code: 'no5gInFile',
      params: { assumed: settings.assume5g ? 1 : 0 },
    });
  }
  let terrain: SignalTerrain | undefined;
  if (useTerrain && data.terrain) {
    if (options.signal?.aborted) throw new CancelledError();
    const sampled = buildTerrainGrid(data.terrain, grid);
    const kFactor = settings.terrain?.kFactor ?? DEFAULT_K_FACTOR;
    const diffractionWeight = modelNeedsTerrain(settings.modelId)
      ? 1
      : (settings.terrain?.diffractionWeight ?? DEFAULT_DIFFRACTION_WEIGHT);
    const samplesPerStep = settings.terrain?.profilePointsPerStep ?? 1;
    terrain = {
      groundM: sampled.terrain.groundM,
      kFactor,
      diffractionWeight,
      mode: settings.terrain?.mode ?? 'sweep',
      samplesPerStep,
    };
    notes.push({
      reason:
        `terrain: ${data.terrain.layers.length} elevation layer(s), Bullington diffraction (ITU-R P.526-15), ` +
        `k = ${round(kFactor, 4)}, weight ${diffractionWeight}` +
        (samplesPerStep === 1 ? '' : `, ${samplesPerStep} profile points per grid step`) +
        (sampled.cellsOutsideDem > 0 ? `; ${sampled.cellsOutsideDem} cell(s) outside every DEM taken at 0 m` : ''),
      code: 'terrainUsed',
      params: {
        layers: data.terrain.layers.length,
        k: round(kFactor, 4),
        weight: diffractionWeight,
        pointsPerStep: samplesPerStep,
        outside: sampled.cellsOutsideDem,
      },
    });
  }
  const receiver: { indoor: boolean; shadowingMarginDb?: number; indoorLossDb?: number } = { indoor: settings.indoor };
  if (settings.shadowingMarginDb !== undefined) receiver.shadowingMarginDb = settings.shadowingMarginDb;
  if (settings.indoorLossDb !== undefined) receiver.indoorLossDb = settings.indoorLossDb;
  const prepared = prepareSignalCoverage({
    towers,
    grid,
    technology: settings.technology,
    modelId: settings.modelId,
    radioOverrides: settings.frequencyMHz === undefined ? undefined : { frequencyMHz: settings.frequencyMHz },
    radioFor: (name) => {
      const radio = radioSettingsFor(settings.technology, name);
      const eirpDbm = settings.eirpDbmByOperator?.[name];
      return radio && eirpDbm !== undefined ? { ...radio, eirpDbm } : radio;
    },
    receiver,
    thresholdDbm: settings.thresholdDbm,
    environment: { metropolitan: settings.metropolitan },
    radioBits: radioBits.bits,
    sectorsByTower: sectorsFromTowers(parsedTowers),
    terrain,
    maxReachM: terrain ? (settings.terrain?.calculationRadiusM ?? DEFAULT_CALCULATION_RADIUS_M) : undefined,
  });
  notes.push(...prepared.warnings);
  let areas: GridAreaLabels | null = null;
  if (data.areas) {
    // Label the population raster (coarse) and carry the labels to the analysis grid: see labelCellCentresInAreas.
    const onPopulation = labelGridAreas(populationGrid, data.areas);
    areas = { labels: transferCellLabels(onPopulation.labels, populationGrid, grid), names: onPopulation.names };
  }
  const { radios } = prepared.request;
  const mastsWithRadio = new Set<number>();
  for (let i = 0; i < radios.count; i++) if (radios.reachM[i] > 0) mastsWithRadio.add(radios.towerIndex[i]);
  // Keyed by the file's own words: no inherited member (see util/ownProperty).
  const frequencyMHzByOperator: Record<string, number | null> = Object.create(null);
  prepared.operatorNames.forEach((name, k) => {
    frequencyMHzByOperator[name] = prepared.radioByOperator[k]?.frequencyMHz ?? null;
  });
  return { grid, population, cellMask, prepared, notes, areas, mastsUsed: mastsWithRadio.size, frequencyMHzByOperator };
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
