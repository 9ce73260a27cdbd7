import type { Tower } from '../../core/model/tower';
import { packTowers, packTowersInSlices, type TowerArrays } from '../../core/model/towerArrays';
import { useAppStore } from '../store/appStore';
import type { ProvinceDataset } from './provinceDataset';

/**
 * The province with another set of masts (after an import, a reload of saved masts, or the server's list): a new
 * dataset object, so the workers reload it and the map redraws; results computed on the old masts are cleared.
 */
export function replaceTowers(
  dataset: ProvinceDataset,
  towers: Tower[],
  rejectedRowCount = dataset.rejectedRowCount,
): ProvinceDataset {
  return withTowers(dataset, towers, packTowers(towers), rejectedRowCount);
}

/** replaceTowers with the towers packed in slices: for 100,000 masts on the page (no task over a few ms). */
export async function replaceTowersInSlices(
  dataset: ProvinceDataset,
  towers: Tower[],
  rejectedRowCount = dataset.rejectedRowCount,
): Promise<ProvinceDataset> {
  return withTowers(dataset, towers, await packTowersInSlices(towers), rejectedRowCount);
}

/** replaceTowers with arrays already packed (by the worker that merged an import). */
export function replaceTowersWithArrays(
  dataset: ProvinceDataset,
  towers: Tower[],
  towerArrays: TowerArrays,
  rejectedRowCount = dataset.rejectedRowCount,
): ProvinceDataset {
  return withTowers(dataset, towers, towerArrays, rejectedRowCount);
}

function withTowers(
  dataset: ProvinceDataset,
  towers: Tower[],
  towerArrays: TowerArrays,
  rejectedRowCount: number,
): ProvinceDataset {
  const state = useAppStore.getState();
  // The selection is carried over by showDataset, which shows the new dataset.
  useAppStore.setState({
    coverage: { ...state.coverage, coveredBits: null, summary: null, status: 'idle' },
    signalRun: { ...state.signalRun, result: null, image: null, status: 'idle' },
  });
  return {
    ...dataset,
    towers,
    towerArrays,
    rejectedRowCount,
    towersAreSynthetic: towers.every((tower) => tower.source?.kind === 'synthetic'),
  };
}

/** Masts per source: "data/demo/towers.csv (synthetic): 2,113; tram-vnm.csv: 42". */
export function summarizeTowerSources(towers: readonly Tower[]): { kind: string; name: string; count: number }[] {
  const known = sourceSummaries.get(towers);
  if (known) return known;
  const counts = new Map<string, { kind: string; name: string; count: number }>();
  for (const tower of towers) {
    const kind = tower.source?.kind ?? 'file';
    const name = tower.source?.name ?? '';
    const key = `${kind}\u0001${name}`;
    const entry = counts.get(key);
    if (entry) entry.count++;
    else counts.set(key, { kind, name, count: 1 });
  }
  const summary = [...counts.values()];
  sourceSummaries.set(towers, summary);
  return summary;
}

/** Once per list of masts: the banner, legend and attribution ask on every render. */
const sourceSummaries = new WeakMap<readonly Tower[], { kind: string; name: string; count: number }[]>();
