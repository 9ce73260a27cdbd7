import * as Comlink from 'comlink';
import type { AnalysisApi } from '../../../workers/analysisApi';
import {
  copyTowerColumns,
  encodeTowerColumns,
  type TowerColumns,
  towerColumnBuffers,
} from '../../core/model/towerColumns';
import { getAnalysisPool } from '../analysisPool';
import type { ProvinceDataset } from './provinceDataset';

const keys = new WeakMap<ProvinceDataset, string>();
const geoJsonTexts = new WeakMap<ProvinceDataset, { communes: string; backbone: string }>();
const towerColumns = new WeakMap<ProvinceDataset, Promise<TowerColumns>>();
let nextKey = 1;
/**
 * The dataset each worker was last seen holding, by its API proxy: a worker holds what the page sent it (loadDataset,
 * only from here), so no round trip is needed to ask again. A replaced worker has a new proxy and is asked.
 */
const heldBy = new WeakMap<object, string>();

/** A key per dataset object: a new import is a new dataset, so workers holding the old one reload. */
export function datasetKeyOf(dataset: ProvinceDataset): string {
  let key = keys.get(dataset);
  if (!key) {
    key = `dataset-${nextKey++}`;
    keys.set(dataset, key);
  }
  return key;
}

/**
 * The dataset's towers as columns, encoded once per dataset in slices of a few milliseconds (the page stays free);
 * each worker then receives its own copy of the buffers, transferred, and rebuilds the Tower objects itself.
 */
function towerColumnsOf(dataset: ProvinceDataset): Promise<TowerColumns> {
  let columns = towerColumns.get(dataset);
  if (!columns) {
    columns = encodeTowerColumns(dataset.towers);
    towerColumns.set(dataset, columns);
  }
  return columns;
}

/**
 * For a caller that already has the dataset's towers as columns (an import whose worker encoded them): the workers
 * get copies of these, and the page encodes nothing.
 */
export function rememberTowerColumns(dataset: ProvinceDataset, columns: TowerColumns): void {
  towerColumns.set(dataset, Promise.resolve(columns));
}

/** Sends the dataset to this worker unless it already holds it; returns its key. */
export async function ensureResident(api: Comlink.Remote<AnalysisApi>, dataset: ProvinceDataset): Promise<string> {
  const key = datasetKeyOf(dataset);
  if (heldBy.get(api) === key) return key;
  if (await api.hasDataset(key)) {
    heldBy.set(api, key);
    return key;
  }
  let texts = geoJsonTexts.get(dataset);
  if (texts === undefined) {
    texts = { communes: JSON.stringify(dataset.communes), backbone: JSON.stringify(dataset.backbone) };
    geoJsonTexts.set(dataset, texts);
  }
  const columns = copyTowerColumns(await towerColumnsOf(dataset));
  await api.loadDataset(
    key,
    Comlink.transfer(columns, towerColumnBuffers(columns)),
    dataset.population,
    texts.communes,
    texts.backbone,
    dataset.terrain.rasters,
  );
  heldBy.set(api, key);
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
