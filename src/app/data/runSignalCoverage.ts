import * as Comlink from 'comlink';
import type { SignalCoverageBand } from '../../core/coverage/computeSignalCoverage';
import type { PathLossModelId } from '../../core/propagation/pathLossModels';
import { isCancelledError } from '../../core/util/cooperativeLoop';
import { getAnalysisPool } from '../analysisPool';
import { signalImagePixels } from '../map/signalImage';
import { updateSignalRun, useAppStore } from '../store/appStore';

let current: AbortController | null = null;

/** The image for the map layer; createImageBitmap decodes off the main thread (a 2D canvas put would block it). */
function bitmapOf(width: number, height: number, pixels: Uint8ClampedArray<ArrayBuffer>): Promise<ImageBitmap> {
  return createImageBitmap(new ImageData(pixels, width, height));
}

/**
 * Propagation-mode coverage in the worker pool: one worker prepares the analysis grid and radios, the rows are split
 * into bands across every worker, and one worker joins them, sums the figures and draws the first image. The page only
 * orchestrates and receives transferred buffers, so it stays responsive.
 */
export async function startSignalCoverage(): Promise<void> {
  const { dataset, history } = useAppStore.getState();
  if (!dataset) return;
  const settings = history.present.coverage;
  current?.abort();
  const controller = new AbortController();
  current = controller;
  const { signal } = controller;
  const pool = getAnalysisPool();
  const startedAt = performance.now();
  const report = (fraction: number) => {
    if (current === controller) updateSignalRun({ progress: fraction });
  };
  updateSignalRun({ status: 'running', progress: 0, error: null });
  try {
    const prepared = await pool.run(
      (api) =>
        api.prepareSignalRun(
          dataset.towers,
          dataset.population,
          {
            modelId: settings.modelId as PathLossModelId,
            technology: settings.technology,
            gridM: settings.gridM,
            thresholdDbm: settings.thresholdDbm,
            indoor: settings.indoor,
            metropolitan: false,
            shadowingMarginDb: settings.shadowingMarginDb,
            assume5g: settings.assume5g,
          },
          JSON.stringify(dataset.communes),
        ),
      { signal },
    );
    report(0.1);
    const { height } = prepared.grid;
    const bandCount = Math.min(height, pool.size * 3);
    const rowsPerBand = Math.ceil(height / bandCount);
    const fractions = new Float64Array(bandCount);
    const bandJobs: Array<Promise<SignalCoverageBand>> = [];
    for (let b = 0; b < bandCount; b++) {
      const rowStart = b * rowsPerBand;
      const rowEnd = Math.min(height, rowStart + rowsPerBand);
      if (rowStart >= rowEnd) break;
      // Each band gets only its rows of the mask, in a buffer of its own that is transferred, not copied.
      const bandMask = prepared.cellMask.slice(rowStart * prepared.grid.width, rowEnd * prepared.grid.width);
      bandJobs.push(
        pool
          .run(
            (api, jobId) =>
              api.signalCoverageBand(
                jobId,
                Comlink.transfer({ ...prepared.request, cellMask: bandMask, rowStart, rowEnd }, [bandMask.buffer]),
                Comlink.proxy((fraction: number) => {
                  fractions[b] = Math.max(fractions[b], fraction);
                  report(0.1 + (0.8 * fractions.reduce((sum, value) => sum + value, 0)) / bandCount);
                }),
              ),
            { signal },
          )
          .then((band) => {
            fractions[b] = 1;
            return band;
          }),
      );
    }
    const bands = await Promise.all(bandJobs);
    report(0.9);
    const palette = settings.palette;
    const bandBuffers = bands.flatMap((band) => [
      band.bestSignalDbm.buffer,
      band.servingTowerIndex.buffer,
      ...band.bestSignalDbmByOperator.map((values) => values.buffer),
    ]) as ArrayBuffer[];
    const result = await pool.run(
      (api) =>
        api.finishSignalRun(
          Comlink.transfer(bands, bandBuffers),
          Comlink.transfer(prepared, [
            prepared.population.values.buffer as ArrayBuffer,
            ...(prepared.areas ? [prepared.areas.labels.buffer as ArrayBuffer] : []),
          ]),
          palette,
        ),
      { signal },
    );
    // A task of its own for the state update and React's render, apart from receiving the result.
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (current !== controller) return;
    updateSignalRun({
      status: 'done',
      progress: 1,
      result,
      image: result.image,
      durationMs: performance.now() - startedAt,
      finishedAt: performance.now(),
    });
  } catch (error) {
    if (current !== controller) return;
    if (isCancelledError(error)) updateSignalRun({ status: 'cancelled' });
    else updateSignalRun({ status: 'error', error: error instanceof Error ? error.message : String(error) });
  } finally {
    if (current === controller) current = null;
  }
}

export function cancelSignalCoverage(): void {
  current?.abort();
}

/** Redraws the raster for another view (all operators or one) or palette, from the rasters already computed. */
export async function redrawSignalImage(view: string, palette: 'spectral' | 'colourblind'): Promise<void> {
  const { signalRun } = useAppStore.getState();
  const result = signalRun.result;
  if (!result) return;
  const index = result.operatorNames.indexOf(view);
  const signal = index >= 0 ? result.coverage.bestSignalDbmByOperator[index] : result.coverage.bestSignalDbm;
  const pixels = signalImagePixels(signal, result.cellMask, result.thresholdDbm, palette);
  updateSignalRun({ image: await bitmapOf(result.grid.width, result.grid.height, pixels) });
}
