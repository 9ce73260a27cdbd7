import * as Comlink from 'comlink';
import type { SignalCoverageBand } from '../../core/coverage/computeSignalCoverage';
import type { SignalRunResult } from '../../core/coverage/finishSignalRun';
import type { SignalRunSettings } from '../../core/coverage/prepareSignalRun';
import type { PathLossModelId } from '../../core/propagation/pathLossModels';
import type { getAnalysisPool } from '../analysisPool';
import type { ProvinceDataset } from '../data/provinceDataset';
import { datasetKeyOf, ensureResident } from '../data/residentDataset';
import type { CoverageSettings } from '../store/projectDocument';

/** The core's settings of a signal run from the project's coverage settings (the panel's, or a shared project's). */
export function signalRunSettingsOf(settings: CoverageSettings): SignalRunSettings {
  return {
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
            ...(settings.profilePointsPerStep === 1 ? {} : { profilePointsPerStep: settings.profilePointsPerStep }),
          },
        }
      : {}),
  };
}

/**
 * The prediction a plan on predicted signal runs on: the coverage tab's model, link budget and terrain for 5G (the
 * shared sites are 5G), with the tab's 5G EIRPs whatever technology the tab shows (its 4G EIRPs are not 5G radios').
 */
export function planSignalSettingsOf(settings: CoverageSettings): SignalRunSettings {
  return signalRunSettingsOf({ ...settings, technology: '5g' });
}

/**
 * A propagation-mode coverage run in the worker pool. The workers hold the province (sent once per dataset), so a run
 * sends only its settings: the rows are split into bands across every worker (three per worker balance the load),
 * each worker prepares the analysis grid, radios, communes and terrain once, and one worker joins the bands, sums the
 * figures and draws the first image. The panel and the report both run it.
 */
export async function runSignalInPool(
  pool: ReturnType<typeof getAnalysisPool>,
  dataset: ProvinceDataset,
  runSettings: SignalRunSettings,
  palette: 'spectral' | 'colourblind',
  options: { signal?: AbortSignal; onProgress?: (fraction: number) => void } = {},
): Promise<SignalRunResult<ImageBitmap>> {
  const { signal, onProgress } = options;
  const datasetKey = datasetKeyOf(dataset);
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
                onProgress?.((0.9 * fractions.reduce((sum, value) => sum + value, 0)) / bandCount);
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
  onProgress?.(0.9);
  const bandBuffers = bands.flatMap((band) => [
    band.bestSignalDbm.buffer,
    band.servingTowerIndex.buffer,
    ...band.bestSignalDbmByOperator.map((values) => values.buffer),
  ]) as ArrayBuffer[];
  return pool.run(
    async (api) => {
      await ensureResident(api, dataset);
      return api.finishSignalRun(datasetKey, runSettings, Comlink.transfer(bands, bandBuffers), palette);
    },
    { signal },
  );
}
