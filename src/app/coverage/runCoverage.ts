import { runFixedRadiusCoverage } from '../../../workers/runFixedRadiusCoverage';
import { summarizeCoverage } from '../../core/coverage/computeFixedRadiusCoverage';
import { isCancelledError } from '../../core/util/cooperativeLoop';
import { getAnalysisPool } from '../analysisPool';
import { latestRun } from '../data/latestRun';
import { updateCoverage, useAppStore } from '../store/appStore';

const coverageRun = latestRun();

/** Starts the fixed-radius coverage of the loaded province in the worker pool; a newer run cancels an older one. */
export async function startCoverage(): Promise<void> {
  const { dataset, history } = useAppStore.getState();
  const { defaultRadiusM } = history.present.coverage;
  if (!dataset) return;
  const run = coverageRun.start();
  const startedAt = performance.now();
  updateCoverage({ status: 'running', progress: 0, error: null });
  try {
    const coveredBits = await runFixedRadiusCoverage(
      getAnalysisPool(),
      dataset.population,
      dataset.towerArrays,
      defaultRadiusM,
      {
        signal: run.signal,
        onProgress: (fraction) => {
          if (run.isCurrent()) updateCoverage({ progress: fraction });
        },
      },
    );
    if (!run.isCurrent()) return; // a newer run replaced this one: never let a stale result win
    const summary = summarizeCoverage(dataset.population, coveredBits, dataset.towerArrays.operatorNames);
    updateCoverage({
      status: 'done',
      progress: 1,
      coveredBits,
      summary,
      defaultRadiusM,
      durationMs: performance.now() - startedAt,
    });
  } catch (error) {
    if (!run.isCurrent()) return;
    if (isCancelledError(error)) updateCoverage({ status: 'cancelled' });
    else updateCoverage({ status: 'error', error: error instanceof Error ? error.message : String(error) });
  }
}

export function cancelCoverage(): void {
  coverageRun.cancel();
}
