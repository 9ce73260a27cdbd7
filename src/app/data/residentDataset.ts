import type * as Comlink from 'comlink';
import type { AnalysisApi } from '../../../workers/analysisApi';
import { getAnalysisPool } from '../analysisPool';
import type { ProvinceDataset } from './provinceDataset';

const keys = new WeakMap<ProvinceDataset, string>();
const geoJsonTexts = new WeakMap<ProvinceDataset, { communes: string; backbone: string }>();
let nextKey = 1;

/** A key per dataset object: a new import is a new dataset, so workers holding the old one reload. */
export function datasetKeyOf(dataset: ProvinceDataset): string {
  let key = keys.get(dataset);
  if (!key) {
    key = `dataset-${nextKey++}`;
    keys.set(dataset, key);
  }
  return key;
}

/** Sends the dataset to this worker unless it already holds it; returns its key. */
export async function ensureResident(api: Comlink.Remote<AnalysisApi>, dataset: ProvinceDataset): Promise<string> {
  const key = datasetKeyOf(dataset);
  if (await api.hasDataset(key)) return key;
  let texts = geoJsonTexts.get(dataset);
  if (texts === undefined) {
    texts = { communes: JSON.stringify(dataset.communes), backbone: JSON.stringify(dataset.backbone) };
    geoJsonTexts.set(dataset, texts);
  }
  await api.loadDataset(key, dataset.towers, dataset.population, texts.communes, texts.backbone);
  return key;
}

/**
 * Sends the dataset to every worker of the pool once it is loaded, so the first analysis does not pay for it (and the
 * page does not copy 2,000 towers per worker while a run is going). A worker replaced after a cancel gets it on demand.
 */
export async function sendDatasetToWorkers(dataset: ProvinceDataset): Promise<void> {
  const pool = getAnalysisPool();
  // As many concurrent jobs as workers: each idle worker takes one.
  await Promise.all(Array.from({ length: pool.size }, () => pool.run((api) => ensureResident(api, dataset))));
}
