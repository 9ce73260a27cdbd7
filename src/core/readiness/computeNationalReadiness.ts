import { createYieldClock, type LongCallOptions } from '../util/cooperativeLoop';
import { computeReadinessBand } from './computeReadinessBand';
import { finishReadiness } from './finishReadiness';
import { type PreparedReadiness, prepareReadiness } from './prepareReadiness';
import { readinessBandRequests } from './readinessBandRequests';
import { mergeReadinessPartials } from './readinessPartial';
import type { NationalReadiness, ReadinessInput } from './readinessTypes';

/** Share of the progress bar the preparation (label raster, locating masts) takes. */
const PREPARE_SHARE = 0.1;

export interface ReadinessRunOptions extends LongCallOptions {
  /**
   * Bands the rows are split into, computed one after the other here (the answer does not depend on it beyond
   * float rounding far below one person). The worker pool runs the same steps with one band per task:
   * prepareReadiness, readinessBandRequests, computeReadinessBand in each worker, mergeReadinessPartials,
   * finishReadiness.
   */
  bandCount?: number;
}

/**
 * Readiness of every province, in this thread. Definitions (all exact, none sampled):
 * - A cell belongs to the province whose polygon contains its centre (label raster, maskCellCentresInPolygons); a mast
 *   or a planned/approved site to the province whose polygon contains it (point in polygon, same rule).
 * - population_total: sum of the province's cells that hold data.
 * - population_covered_4g (5g): population of those cells whose centre lies within the reach of at least one mast
 *   running 4G (5G), by haversine distance on the sphere of radius 6,371,008.8 m, whatever the mast's province;
 *   4G reach is radius_m (default settings.defaultRadiusM), 5G reach radius_5g_m (default
 *   settings.default5gRadiusFactor x the 4G reach). by_operator: the same with that operator's masts only
 *   (owned or as a tenant). Shares divide by population_total.
 * - masts: masts inside the province; tenancies: sum of their distinct tenants (owner included); tenancy_ratio =
 *   tenancies / masts; shared_masts: masts with 2 or more tenants; shared_share = shared_masts / masts.
 * - masts_near_backbone: masts within settings.backboneDistanceM of a backbone line (point-to-segment distance,
 *   local equirectangular projection at the mast, see pointToSegmentDistanceM); null without a backbone.
 * - planned/approved_shared_sites: sites given that lie in the province.
 * - targets: for each KPI with a target, distance = target - value and met = value >= target.
 */
export async function computeNationalReadiness(
  input: ReadinessInput,
  options: ReadinessRunOptions = {},
): Promise<NationalReadiness> {
  const prepared = await prepareReadiness(input, {
    signal: options.signal,
    onProgress: (fraction) => options.onProgress?.(PREPARE_SHARE * fraction),
  });
  return computePreparedReadiness(prepared, options);
}

/**
 * The same from a run prepared already (prepareReadiness: the label raster, each mast's province), e.g. kept by a
 * worker between the ministry's runs; its context's targets judge the figures. Progress runs from the preparation's
 * share to 1.
 */
export async function computePreparedReadiness(
  prepared: PreparedReadiness,
  options: ReadinessRunOptions = {},
): Promise<NationalReadiness> {
  const requests = readinessBandRequests(prepared, options.bandCount ?? 1);
  const totalRows = requests.reduce((sum, request) => sum + request.rowEnd - request.rowStart, 0);
  const checkpoint = createYieldClock(options);
  const partials = [];
  let rowsDone = 0;
  for (const request of requests) {
    const rows = request.rowEnd - request.rowStart;
    const from = PREPARE_SHARE + ((1 - PREPARE_SHARE) * rowsDone) / totalRows;
    const span = ((1 - PREPARE_SHARE) * rows) / totalRows;
    partials.push(
      await computeReadinessBand(request, {
        signal: options.signal,
        onProgress: (fraction) => options.onProgress?.(from + span * fraction),
      }),
    );
    rowsDone += rows;
    await checkpoint(PREPARE_SHARE + ((1 - PREPARE_SHARE) * rowsDone) / totalRows);
  }
  const result = finishReadiness(prepared.context, mergeReadinessPartials(partials));
  options.onProgress?.(1);
  return result;
}
