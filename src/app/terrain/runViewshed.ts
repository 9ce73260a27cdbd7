import * as Comlink from 'comlink';
import { wordedOf } from '../../core/model/wordedMessage';
import type { ViewshedRequest } from '../../core/terrain/computeViewshed';
import { isCancelledError } from '../../core/util/cooperativeLoop';
import { getAnalysisPool } from '../analysisPool';
import { latestRun } from '../data/latestRun';
import { ensureResident } from '../data/residentDataset';
import { useAppStore } from '../store/appStore';
import { IDLE_VIEWSHED, updateViewshedRun, useTerrainToolsStore } from './terrainToolsStore';

const viewshedRun = latestRun();

/**
 * Computes the viewshed of a site (a mast, `mastId`, or a custom point: null) with the panel's radius and target
 * height, in a worker over the province's terrain (the worker holds it with the dataset); the latest run wins.
 */
export async function startViewshed(site: {
  lon: number;
  lat: number;
  heightM: number;
  mastId: string | null;
}): Promise<void> {
  const { dataset } = useAppStore.getState();
  if (!dataset) return;
  const { radiusM, targetHeightM } = useTerrainToolsStore.getState().viewshedSettings;
  const request: ViewshedRequest = {
    siteLonDeg: site.lon,
    siteLatDeg: site.lat,
    heightM: site.heightM,
    radiusM,
    targetHeightM,
  };
  const run = viewshedRun.start();
  useTerrainToolsStore.getState().viewshed.result?.image?.close();
  updateViewshedRun({ status: 'running', progress: 0, request, mastId: site.mastId, result: null, error: null });
  try {
    const result = await getAnalysisPool().run(
      async (api, jobId) =>
        api.viewshed(
          jobId,
          await ensureResident(api, dataset),
          request,
          Comlink.proxy((fraction: number) => {
            if (run.isCurrent()) updateViewshedRun({ progress: fraction });
          }),
        ),
      { signal: run.signal },
    );
    if (!run.isCurrent()) {
      result.image?.close();
      return;
    }
    updateViewshedRun({ status: 'done', progress: 1, result });
  } catch (error) {
    if (!run.isCurrent()) return;
    if (isCancelledError(error)) updateViewshedRun({ status: 'cancelled' });
    else updateViewshedRun({ status: 'error', error: wordedOf(error) });
  }
}

export function cancelViewshed(): void {
  viewshedRun.cancel();
}

/** Takes the viewshed off the map and the panel (a run on its way is dropped). */
export function clearViewshed(): void {
  viewshedRun.abandon();
  useTerrainToolsStore.getState().viewshed.result?.image?.close();
  useTerrainToolsStore.setState({ viewshed: IDLE_VIEWSHED });
}
