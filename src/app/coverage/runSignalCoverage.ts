import * as Comlink from 'comlink';
import type { SignalCoverageBand } from '../../core/coverage/computeSignalCoverage';
import type { SignalRunSettings } from '../../core/coverage/prepareSignalRun';
import type { PathLossModelId } from '../../core/propagation/pathLossModels';
import { isCancelledError } from '../../core/util/cooperativeLoop';
import { getAnalysisPool } from '../analysisPool';
import { latestRun } from '../data/latestRun';
import { datasetKeyOf, ensureResident } from '../data/residentDataset';
import { updateSignalRun, useAppStore } from '../store/appStore';

const signalRun = latestRun();

/** The shortest time between two progress updates of the bar, ms. */
const PROGRESS_INTERVAL_MS = 100;

/**
 * Propagation-mode coverage in the worker pool. The workers hold the province (sent once per dataset), so a run sends
 * only its settings: the rows are split into bands across every worker, each worker prepares the analysis grid, radios
 * and communes once, and one worker joins the bands, sums the figures and draws the first image. The page only
 * orchestrates and passes transferred buffers on, so it stays responsive.
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
    const datasetKey = datasetKeyOf(dataset);
    const runSettings: SignalRunSettings = {
      modelId: settings.modelId as PathLossModelId,
      technology: settings.technology,
      gridM: settings.gridM,
      thresholdDbm: settings.thresholdDbm,
      indoor: settings.indoor,
      indoorLossDb: settings.indoorLossDb,
      eirpDbmByOperator: settings.eirpDbmByOperator[settings.technology],
      metropolitan: false,
      shadowingMarginDb: settings.shadowingMarginDb,
      assume5g: settings.assume5g,
      ...(settings.terrain || settings.modelId === 'p526'
        ? {
            terrain: {
              kFactor: settings.kFactor,
              ...(settings.modelId === 'p526' ? {} : { diffractionWeight: settings.diffractionWeight }),
            },
          }
        : {}),
    };
    // Three bands per worker balance the load; each worker prepares the run once (its first band) and keeps it.
    const bandCount = pool.size * 3;
    const fractions = new Float64Array(bandCount);
    const bandJobs: Array<Promise<SignalCoverageBand>> = [];
    for (let b = 0; b < bandCount; b++) {
      bandJobs.push(
        pool
          .run(
            async (api, jobId) => {
              await ensureResident(api, dataset);
              return api.signalCoverageBand(
                jobId,
                datasetKey,
                runSettings,
                b,
                bandCount,
                Comlink.proxy((fraction: number) => {
                  fractions[b] = Math.max(fractions[b], fraction);
                  report((0.9 * fractions.reduce((sum, value) => sum + value, 0)) / bandCount);
                }),
              );
            },
            { signal },
          )
          .then((band) => {
            fractions[b] = 1;
            return band;
          }),
      );
    }
    const bands = await Promise.all(bandJobs);
    report(0.9, true);
    const palette = settings.palette;
    const bandBuffers = bands.flatMap((band) => [
      band.bestSignalDbm.buffer,
      band.servingTowerIndex.buffer,
      ...band.bestSignalDbmByOperator.map((values) => values.buffer),
    ]) as ArrayBuffer[];
    const result = await pool.run(
      async (api) => {
        await ensureResident(api, dataset);
        return api.finishSignalRun(datasetKey, runSettings, Comlink.transfer(bands, bandBuffers), palette);
      },
      { signal },
    );
    performance.mark('cosite:signal:finished');
    // A task of its own for the state update and React's render, apart from receiving the result.
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (!run.isCurrent()) return;
    updateSignalRun({
      status: 'done',
      progress: 1,
      result,
      image: result.image,
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
    api.signalImage(signal, result.cellMask, width, height, result.thresholdDbm, palette),
  );
  // A newer run replaced the rasters while this image was drawn: drop it.
  if (useAppStore.getState().signalRun.result !== result) return;
  updateSignalRun({ image });
}
