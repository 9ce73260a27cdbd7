import { wordedOf } from '../../core/model/wordedMessage';
import type { LinkProfileRequest } from '../../core/terrain/computeLinkProfile';
import { isCancelledError } from '../../core/util/cooperativeLoop';
import { getAnalysisPool } from '../analysisPool';
import { latestRun } from '../data/latestRun';
import { ensureResident } from '../data/residentDataset';
import { useAppStore } from '../store/appStore';
import { IDLE_LINK, mastHeightM, updateLinkRun, useTerrainToolsStore } from './terrainToolsStore';

const linkRun = latestRun();

/**
 * Computes the link profile from mast `fromIndex` to mast `toIndex` with the panel's frequency and antenna heights (the
 * masts' own unless typed), in a worker over the province's terrain; the latest run wins.
 */
export async function startLinkProfile(fromIndex: number, toIndex: number): Promise<void> {
  const { dataset } = useAppStore.getState();
  const from = dataset?.towers[fromIndex];
  const to = dataset?.towers[toIndex];
  if (!dataset || !from || !to) return;
  const { frequencyMHz, txHeightM, rxHeightM } = useTerrainToolsStore.getState().linkSettings;
  const request: LinkProfileRequest = {
    fromLonDeg: from.lon,
    fromLatDeg: from.lat,
    toLonDeg: to.lon,
    toLatDeg: to.lat,
    txHeightM: txHeightM ?? mastHeightM(from),
    rxHeightM: rxHeightM ?? mastHeightM(to),
    frequencyMHz,
  };
  const run = linkRun.start();
  useTerrainToolsStore.setState({ linkTargetIndex: toIndex });
  updateLinkRun({ status: 'running', fromId: from.id, toId: to.id, request, result: null, error: null });
  try {
    const result = await getAnalysisPool().run(
      async (api) => api.linkProfile(await ensureResident(api, dataset), request),
      { signal: run.signal },
    );
    if (run.isCurrent()) updateLinkRun({ status: 'done', result });
  } catch (error) {
    if (!run.isCurrent()) return;
    if (isCancelledError(error)) updateLinkRun({ status: 'cancelled' });
    else updateLinkRun({ status: 'error', error: wordedOf(error) });
  }
}

/** Takes the link off the map and the panel. */
export function clearLinkProfile(): void {
  linkRun.abandon();
  useTerrainToolsStore.setState({ link: IDLE_LINK, linkTargetIndex: null });
}
