import {
  DEFAULT_CALCULATION_RADIUS_M,
  type PreparedSignalRun,
  type SignalRunSettings,
} from '../coverage/prepareSignalRun';
import type { PopulationGrid } from '../model/populationGrid';
import type { SitePlanCoverage } from './planSharedSites';

/** What a shared-site plan on predicted signal takes from a prepared signal run. */
export interface SignalSitePlanInputs {
  /** The demand grid: the run's analysis grid with the population resampled onto it (NaN: no data). */
  grid: PopulationGrid;
  coverage: Extract<SitePlanCoverage, { kind: 'signal' }>;
}

/**
 * A shared-site plan on the prediction of the coverage map: its demand is the run's resampled population on the
 * analysis grid (the boundary, if any, was applied when resampling), existing coverage and each candidate's cover come
 * from the run's model, link budgets, threshold and terrain. The population is held as float32 (PopulationGrid's
 * type): within 1e-7 of each cell's resampled value.
 */
export function signalSitePlanInputs(
  run: Pick<PreparedSignalRun, 'grid' | 'population' | 'cellMask' | 'prepared'>,
  settings: Pick<SignalRunSettings, 'terrain'>,
): SignalSitePlanInputs {
  const { grid, population, cellMask, prepared } = run;
  return {
    grid: {
      width: grid.width,
      height: grid.height,
      originLon: grid.originLon,
      originLat: grid.originLat,
      cellSizeLonDeg: grid.cellSizeLonDeg,
      cellSizeLatDeg: grid.cellSizeLatDeg,
      nodata: null,
      values: Float32Array.from(population.values),
    },
    coverage: {
      kind: 'signal',
      prediction: {
        prepared,
        cellMask,
        // prepareSignalRun cuts the masts' reach at the calculation radius over terrain only; the candidates too.
        maxReachM: prepared.request.terrain
          ? (settings.terrain?.calculationRadiusM ?? DEFAULT_CALCULATION_RADIUS_M)
          : undefined,
      },
    },
  };
}
