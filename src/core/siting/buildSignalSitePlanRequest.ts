import { prepareSignalRun, type SignalRunData, type SignalRunSettings } from '../coverage/prepareSignalRun';
import type { LongCallOptions } from '../util/cooperativeLoop';
import { buildSitePlanRequest, type SitePlanData, type SitePlanSettings } from './buildSitePlanRequest';
import { existingSignalCoverageBits } from './existingSignalCoverageBits';
import type { PlanSharedSitesRequest, PlanSharedSitesReuse } from './planSharedSites';
import { type SignalSitePlanInputs, signalSitePlanInputs } from './signalSitePlanInputs';
import type { ExactOptions } from './solveExactHighs';

/** What a plan on predicted signal also needs: the signal run's data (parsed towers, boundary mask, DEMs). */
export type SignalSitePlanData = SitePlanData & { signal: Omit<SignalRunData, 'arrays' | 'population' | 'areas'> };

/**
 * What every plan on the same prediction shares: the demand grid, the prediction, and what the existing masts already
 * cover on it. It depends on the data and the propagation settings only, so a caller that plans again on the same
 * prediction (a moved site, another site count) may keep it and pass it to buildSignalSitePlanRequest.
 */
export interface SignalSitePlanPreparation extends SignalSitePlanInputs {
  /** existingSignalCoverageBits of the prediction. */
  coveredBits: Uint8Array;
  /** What planSharedSites keeps between the plans on this preparation (the demand and its cell index). */
  reuse: PlanSharedSitesReuse;
}

/** prepareSignalRun with the propagation settings, the plan's inputs from it and the existing masts' coverage. */
export async function prepareSignalSitePlan(
  data: SignalSitePlanData,
  propagation: SignalRunSettings,
  options: LongCallOptions = {},
): Promise<SignalSitePlanPreparation> {
  const run = await prepareSignalRun(
    { ...data.signal, arrays: data.towers, population: data.population },
    propagation,
    { signal: options.signal },
  );
  const inputs = signalSitePlanInputs(run, propagation);
  const coveredBits = await existingSignalCoverageBits(inputs.coverage.prediction, options);
  return { ...inputs, coveredBits, reuse: {} };
}

/**
 * The request of a shared-site plan from the planner's settings, on the coverage map's prediction when
 * `settings.propagation` is set (prepareSignalSitePlan with those settings, or `prepared` when the caller kept it from
 * the same data and propagation settings: demand on the analysis grid, existing coverage, the candidates' cover
 * predicted, the technology's costs), else buildSitePlanRequest's fixed radius as it is.
 */
export async function buildSignalSitePlanRequest(
  settings: SitePlanSettings,
  data: SignalSitePlanData,
  exact: Omit<ExactOptions, 'warmStart' | 'timeLimitSeconds'> = {},
  options: LongCallOptions = {},
  prepared?: SignalSitePlanPreparation,
): Promise<PlanSharedSitesRequest> {
  const request = buildSitePlanRequest(settings, data, exact);
  const propagation = settings.propagation;
  if (!propagation) return request;
  const { grid, coverage, coveredBits, reuse } = prepared ?? (await prepareSignalSitePlan(data, propagation, options));
  return { ...request, grid, coverage, coveredBits, reuse, technology: propagation.technology };
}
