import { type AnalysisGrid, makeAnalysisGrid } from '../geo/makeAnalysisGrid';
import type { PopulationGrid } from '../model/populationGrid';
import type { Tower } from '../model/tower';
import type { TowerArrays } from '../model/towerArrays';
import { type ResampledPopulation, resamplePopulation } from '../population/resamplePopulation';
import type { PathLossModelId } from '../propagation/pathLossModels';
import { sectorsFromTowers } from './buildRadios';
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
}

export interface PreparedSignalRun {
  grid: AnalysisGrid;
  population: ResampledPopulation;
  /** 1 where the analysis grid holds population data: the only cells the engine computes. */
  cellMask: Uint8Array;
  prepared: PreparedSignalCoverage;
  /** For people: assumptions made and the engine's warnings. */
  notes: string[];
}

/**
 * Everything before the per-band work of a propagation coverage run: the analysis grid over the population raster,
 * the population resampled onto it (totals conserved), which operators run the technology on which masts, sectors,
 * and the radios' link budgets. The command line and the app's worker both start here, so they give the same figures.
 */
export function prepareSignalRun(
  parsedTowers: readonly Tower[],
  towers: TowerArrays,
  populationGrid: PopulationGrid,
  settings: SignalRunSettings,
  boundaryMask?: Uint8Array,
): PreparedSignalRun {
  const notes: string[] = [];
  const grid = makeAnalysisGrid(populationGrid, settings.gridM);
  const population = resamplePopulation(populationGrid, grid, boundaryMask);
  const cellMask = new Uint8Array(population.values.length);
  for (let i = 0; i < cellMask.length; i++) cellMask[i] = Number.isNaN(population.values[i]) ? 0 : 1;
  const radioBits = technologyTenantBits(parsedTowers, towers.operatorNames, settings.technology, {
    whenSilent: settings.assume5g ? 'every-tenant' : 'none',
  });
  if (!radioBits.fromFile) {
    notes.push(
      settings.assume5g
        ? 'the tower file says nothing about 5G: every tenant with a 5G band is assumed to run it (--assume-5g)'
        : 'the tower file says nothing about 5G (no has_5g / tenants_5g): no mast runs 5G; --assume-5g assumes every tenant with a 5G band does',
    );
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
  });
  notes.push(...prepared.warnings);
  return { grid, population, cellMask, prepared, notes };
}
