import { prepareSignalRun, type SignalRunData } from '../coverage/prepareSignalRun';
import type { LongCallOptions } from '../util/cooperativeLoop';
import { buildSitePlanRequest, type SitePlanData, type SitePlanSettings } from './buildSitePlanRequest';
import type { PlanSharedSitesRequest } from './planSharedSites';
import { signalSitePlanInputs } from './signalSitePlanInputs';
import type { ExactOptions } from './solveExactHighs';

/** What a plan on predicted signal also needs: the signal run's data (parsed towers, boundary mask, DEMs). */
export type SignalSitePlanData = SitePlanData & { signal: Omit<SignalRunData, 'arrays' | 'population' | 'areas'> };

/**
 * The request of a shared-site plan from the planner's settings, on the coverage map's prediction when
 * `settings.propagation` is set (prepareSignalRun with those settings: demand on the analysis grid, existing coverage
 * and the candidates' cover predicted, the technology's costs), else buildSitePlanRequest's fixed radius as it is.
 */
export async function buildSignalSitePlanRequest(
  settings: SitePlanSettings,
  data: SignalSitePlanData,
  exact: Omit<ExactOptions, 'warmStart' | 'timeLimitSeconds'> = {},
  options: LongCallOptions = {},
): Promise<PlanSharedSitesRequest> {
  const request = buildSitePlanRequest(settings, data, exact);
  const propagation = settings.propagation;
  if (!propagation) return request;
  const run = await prepareSignalRun(
    { ...data.signal, arrays: data.towers, population: data.population },
    propagation,
    options,
  );
  const inputs = signalSitePlanInputs(run, propagation);
  return { ...request, grid: inputs.grid, coverage: inputs.coverage, technology: propagation.technology };
}
