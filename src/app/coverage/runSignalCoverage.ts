import { isCancelledError } from '../../core/util/cooperativeLoop';
import { getAnalysisPool } from '../analysisPool';
import { latestRun } from '../data/latestRun';
import { updateSignalRun, useAppStore } from '../store/appStore';
import type { CoverageSettings } from '../store/projectDocument';
import { runSignalInPool, signalRunSettingsOf } from './signalRunInPool';

const signalRun = latestRun();

/** The shortest time between two progress updates of the bar, ms. */
const PROGRESS_INTERVAL_MS = 100;

/**
 * Propagation-mode coverage of the panel's settings in the worker pool (runSignalInPool): the page only orchestrates
 * and passes transferred buffers on, so it stays responsive; the latest run wins.
 */
export async function startSignalCoverage(): Promise<void> {
  const { dataset, history } = useAppStore.getState();
  if (!dataset) return;
  const settings = history.present.coverage;
  const run = signalRun.start();
  const { signal } = run;
  const pool = getAnalysisPool();
  const startedAt = performance.now();
  // At most one progress update per PROGRESS_INTERVAL_MS: each one re-renders the bar, and on a machine whose cores are
  // all busy with the bands a frame of the page costs far more than usual.
  let reportedAt = Number.NEGATIVE_INFINITY;
  const report = (fraction: number, force = false) => {
    const now = performance.now();
    if (!run.isCurrent() || (!force && now - reportedAt < PROGRESS_INTERVAL_MS)) return;
    reportedAt = now;
    updateSignalRun({ progress: fraction });
  };
  updateSignalRun({ status: 'running', progress: 0, error: null });
  try {
    const result = await runSignalInPool(pool, dataset, signalRunSettingsOf(settings), settings.palette, {
      signal,
      onProgress: (fraction) => report(fraction, fraction >= 0.9),
    });
    performance.mark('cosite:signal:finished');
    // A task of its own for the state update and React's render, apart from receiving the result.
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (!run.isCurrent()) return;
    updateSignalRun({
      status: 'done',
      progress: 1,
      result,
      image: result.image,
      settings,
      durationMs: performance.now() - startedAt,
      finishedAt: performance.now(),
    });
  } catch (error) {
    if (!run.isCurrent()) return;
    if (isCancelledError(error)) updateSignalRun({ status: 'cancelled' });
    else updateSignalRun({ status: 'error', error: error instanceof Error ? error.message : String(error) });
  }
}

export function cancelSignalCoverage(): void {
  signalRun.cancel();
}

/**
 * Whether the figures on screen were computed with other settings than the panel's now (the palette only redraws):
 * the panel then says they are from before, and the report prints the settings they were computed with.
 */
export function signalRunIsStale(run: CoverageSettings | null, panel: CoverageSettings): boolean {
  if (run === null) return false;
  return JSON.stringify(signalRunSettingsOf(run)) !== JSON.stringify(signalRunSettingsOf(panel));
}

/**
 * Redraws the raster for another view (all operators or one) or palette, from the rasters already computed. A worker
 * colours the cells and decodes the image; the page sends it a copy of one raster.
 */
export async function redrawSignalImage(view: string, palette: 'spectral' | 'colourblind'): Promise<void> {
  const { signalRun } = useAppStore.getState();
  const result = signalRun.result;
  if (!result) return;
  const index = result.operatorNames.indexOf(view);
  const signal = index >= 0 ? result.coverage.bestSignalDbmByOperator[index] : result.coverage.bestSignalDbm;
  const { width, height } = result.grid;
  const image = await getAnalysisPool().run((api) =>
    api.signalImage(signal, result.cellMask, result.gapShown, width, height, result.thresholdDbm, palette),
  );
  // A newer run replaced the rasters while this image was drawn: drop it.
  if (useAppStore.getState().signalRun.result !== result) return;
  updateSignalRun({ image });
}
