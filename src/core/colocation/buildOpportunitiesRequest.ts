import { computeFixedRadiusCoverage } from '../coverage/computeFixedRadiusCoverage';
import { computeSignalCoverage } from '../coverage/computeSignalCoverage';
import { prepareSignalRun, type SignalRunData, type SignalRunSettings } from '../coverage/prepareSignalRun';
import { signalCoverageBits } from '../coverage/summarizeSignalCoverage';
import type { MastAttributes } from '../model/mastAttributes';
import type { PopulationGrid } from '../model/populationGrid';
import type { TowerArrays } from '../model/towerArrays';
import { signalSitePlanInputs } from '../siting/signalSitePlanInputs';
import type { LongCallOptions } from '../util/cooperativeLoop';
import type { ColocationOpportunitiesRequest } from './colocationOpportunities';
import { computeSpareCapacity } from './spareCapacity';

/** Opportunities listed per operator in the app: the best ones a person reads, not every qualifying mast. */
export const OPPORTUNITIES_SHOWN_PER_OPERATOR = 25;

/**
 * The one request of the co-location opportunities of a province: every operator's existing coverage over the whole
 * grid and each mast's spare tenant slots. By fixed radius (masts without radius_m reach `defaultRadiusM`), or, with
 * `propagation`, on the coverage map's prediction: existing coverage and what a joining operator's band would reach
 * from each mast are predicted on the analysis grid, the population resampled onto it (data.signal is then needed).
 */
export async function buildOpportunitiesRequest(
  settings: { defaultRadiusM: number; limitPerOperator?: number; propagation?: SignalRunSettings },
  data: {
    towers: TowerArrays;
    masts: MastAttributes;
    population: PopulationGrid;
    /** The signal run's data besides the arrays and the population: parsed towers, boundary mask, DEMs. */
    signal?: Omit<SignalRunData, 'arrays' | 'population' | 'areas'>;
  },
  options: LongCallOptions = {},
): Promise<ColocationOpportunitiesRequest> {
  const { towers, masts, population } = data;
  const common = {
    towers,
    spareSlots: computeSpareCapacity(towers, masts).spare,
    defaultRadiusM: settings.defaultRadiusM,
    limitPerOperator: settings.limitPerOperator ?? OPPORTUNITIES_SHOWN_PER_OPERATOR,
  };
  if (settings.propagation) {
    if (!data.signal) throw new RangeError('opportunities on predicted signal need the parsed towers (data.signal)');
    const run = await prepareSignalRun({ ...data.signal, arrays: towers, population }, settings.propagation, {
      signal: options.signal,
    });
    const inputs = signalSitePlanInputs(run, settings.propagation);
    const { prepared, cellMask } = inputs.coverage.prediction;
    const existing = await computeSignalCoverage(
      { ...prepared.request, cellMask, rowStart: 0, rowEnd: run.grid.height },
      options,
    );
    return {
      ...common,
      grid: inputs.grid,
      coveredBits: signalCoverageBits(existing, prepared.thresholdDbm),
      coverage: inputs.coverage,
    };
  }
  const coveredBits = await computeFixedRadiusCoverage(
    { grid: population, towers, defaultRadiusM: settings.defaultRadiusM, rowStart: 0, rowEnd: population.height },
    options,
  );
  return { ...common, grid: population, coveredBits };
}
