import { computeSignalCoverage } from '../coverage/computeSignalCoverage';
import { signalCoverageBits } from '../coverage/summarizeSignalCoverage';
import type { LongCallOptions } from '../util/cooperativeLoop';
import type { SignalSitePrediction } from './predictCandidateCover';

/**
 * What the existing masts cover on a plan's predicted signal: per cell of the prediction's grid, one bit per operator
 * whose best server reaches the threshold (signalCoverageBits of computeSignalCoverage over the whole grid, within the
 * prediction's cell mask). What a plan on predicted signal counts as already covered.
 */
export async function existingSignalCoverageBits(
  prediction: SignalSitePrediction,
  options: LongCallOptions = {},
): Promise<Uint8Array> {
  const { prepared, cellMask } = prediction;
  const coverage = await computeSignalCoverage(
    { ...prepared.request, cellMask, rowStart: 0, rowEnd: prepared.request.grid.height },
    options,
  );
  return signalCoverageBits(coverage, prepared.thresholdDbm);
}
